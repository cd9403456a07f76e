#!/usr/bin/env bash
# Stops the Slurm daemons that scripts/slurm/start.sh started (and only those), by their pid files.
set -uo pipefail
DIR="${MODELOPS_SLURM_DIR:-/var/tmp/modelops-slurm}"
[ -f "$DIR/run/started" ] || exit 0
stop_pid() { # pidfile
  [ -f "$1" ] || return 0
  local pid; pid="$(cat "$1")"
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}
grep -qx slurmd "$DIR/run/started" && stop_pid "$DIR/run/slurmd.pid"
grep -qx slurmctld "$DIR/run/started" && stop_pid "$DIR/run/slurmctld.pid"
grep -qx munged "$DIR/run/started" && stop_pid /run/munge/munged.pid
rm -f "$DIR/run/started"
echo stopped
