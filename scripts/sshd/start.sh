#!/usr/bin/env bash
# Starts a real OpenSSH sshd on a loopback port with its own host key, config and pid file, and a
# generated client key in an authorized_keys file of its own; the system sshd config is untouched.
# Idempotent: if our sshd is already running it does nothing. Prints "started" or "running".
# Env: MODELOPS_SSHD_DIR (default /var/tmp/modelops-sshd), MODELOPS_SSHD_PORT (default 2222).
# Files in that dir: host_ed25519_key(.pub), client_key(.pub), authorized_keys, sshd_config, sshd.pid.
set -euo pipefail
DIR="${MODELOPS_SSHD_DIR:-/var/tmp/modelops-sshd}"
PORT="${MODELOPS_SSHD_PORT:-2222}"
SSHD="$(command -v sshd || echo /usr/sbin/sshd)"
[ -x "$SSHD" ] || { echo "sshd/start.sh: sshd is missing: apt-get install openssh-server" >&2; exit 2; }

mkdir -p "$DIR"; chmod 700 "$DIR"
if [ -f "$DIR/sshd.pid" ] && kill -0 "$(cat "$DIR/sshd.pid")" 2>/dev/null; then echo running; exit 0; fi

[ -f "$DIR/host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C modelops-test-host -f "$DIR/host_ed25519_key"
[ -f "$DIR/client_key" ] || ssh-keygen -q -t ed25519 -N '' -C modelops-test-client -f "$DIR/client_key"
cp "$DIR/client_key.pub" "$DIR/authorized_keys"; chmod 600 "$DIR/authorized_keys"
mkdir -p /run/sshd   # privilege separation directory sshd insists on

cat > "$DIR/sshd_config" <<CONF
Port $PORT
ListenAddress 127.0.0.1
HostKey $DIR/host_ed25519_key
PidFile $DIR/sshd.pid
AuthorizedKeysFile $DIR/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 50
MaxSessions 50
ClientAliveInterval 15
Subsystem sftp internal-sftp
CONF
"$SSHD" -t -f "$DIR/sshd_config"
"$SSHD" -f "$DIR/sshd_config" -E "$DIR/sshd.log"
for _ in $(seq 100); do [ -s "$DIR/sshd.pid" ] && break; sleep 0.05; done
[ -s "$DIR/sshd.pid" ] || { echo "sshd/start.sh: sshd did not start; see $DIR/sshd.log" >&2; exit 1; }
echo started
