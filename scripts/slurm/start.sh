#!/usr/bin/env bash
# Starts a real one-node Slurm on this machine (munged, slurmctld, slurmd), as root. Idempotent:
# if the controller already answers and the node is up, it does nothing.
# Prints "started" when it started something (stop.sh stops only that), "running" otherwise.
# Env: MODELOPS_SLURM_DIR (state, spool, logs, pid files; default /var/tmp/modelops-slurm).
set -euo pipefail
DIR="${MODELOPS_SLURM_DIR:-/var/tmp/modelops-slurm}"
CONF=/etc/slurm/slurm.conf
MARK='# written by modelops scripts/slurm/start.sh'

for bin in munged slurmctld slurmd sbatch squeue scontrol; do
  command -v "$bin" >/dev/null || PATH="$PATH:/usr/sbin" command -v "$bin" >/dev/null \
    || { echo "slurm/start.sh: '$bin' is missing: apt-get install slurmctld slurmd slurm-client munge" >&2; exit 2; }
done
export PATH="$PATH:/usr/sbin"

node_up() { sinfo -h -N -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated|completing)'; }
if scontrol ping 2>/dev/null | grep -q UP && node_up; then echo running; exit 0; fi

mkdir -p "$DIR"/{state,spool,log,run}

# munge: a key, and munged as the munge user.
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key status=none
  chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
fi
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  runuser -u munge -- munged --pid-file=/run/munge/munged.pid
  echo munged >> "$DIR/run/started"
  for _ in $(seq 100); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
fi

# slurm.conf: one node with this machine's CPUs and memory, one default partition, no accounting.
if [ -f "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
  echo "slurm/start.sh: $CONF exists and was not written by this script; leaving it alone" >&2
else
  HOST="$(hostname -s)"
  NODE="$(slurmd -C | head -1 | sed -e 's/ UpTime=.*//')"
  MEM="$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$NODE")"
  mkdir -p /etc/slurm
  cat > "$CONF.tmp" <<CONF
$MARK
ClusterName=modelops
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
ReturnToService=2
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/run/slurmctld.pid
SlurmdPidFile=$DIR/run/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmctldPort=6817
SlurmdPort=6818
MpiDefault=none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MinJobAge=300
KillWait=5
SchedulerParameters=sched_interval=2
$NODE NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP DefMemPerCPU=$((MEM / 4))
CONF
  mv "$CONF.tmp" "$CONF"
fi

if ! scontrol ping 2>/dev/null | grep -q UP; then
  slurmctld -i
  echo slurmctld >> "$DIR/run/started"
fi
if ! pgrep -x slurmd >/dev/null; then
  slurmd
  echo slurmd >> "$DIR/run/started"
fi
for _ in $(seq 300); do node_up && break; sleep 0.1; done
if ! node_up; then
  scontrol update NodeName="$(hostname -s)" State=RESUME 2>/dev/null || true
  for _ in $(seq 100); do node_up && break; sleep 0.1; done
fi
node_up || { echo "slurm/start.sh: the node did not come up; see $DIR/log" >&2; sinfo >&2 || true; exit 1; }
echo started
