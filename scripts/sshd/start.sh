#!/usr/bin/env bash
# Starts a real OpenSSH sshd on a loopback port with its own host key, config and pid file, and a
# generated client key in an authorized_keys file of its own; the system sshd config is untouched.
# A local user modelops-pw (created if missing) may also log in with a password (random, kept in
# the dir); root stays key-only. Idempotent: if our sshd runs with this config it does nothing; if
# the config changed it reloads it (SIGHUP). Prints "started" or "running".
# Env: MODELOPS_SSHD_DIR (default /var/tmp/modelops-sshd), MODELOPS_SSHD_PORT (default 2222).
# Files in that dir: host_ed25519_key(.pub), client_key(.pub), authorized_keys, sshd_config, sshd.pid,
# password (modelops-pw's).
set -euo pipefail
DIR="${MODELOPS_SSHD_DIR:-/var/tmp/modelops-sshd}"
PORT="${MODELOPS_SSHD_PORT:-2222}"
SSHD="$(command -v sshd || echo /usr/sbin/sshd)"
[ -x "$SSHD" ] || { echo "sshd/start.sh: sshd is missing: apt-get install openssh-server" >&2; exit 2; }

PW_USER=modelops-pw
mkdir -p "$DIR"; chmod 700 "$DIR"

# The password user: created once; its password (random, per dir) set again each time.
id "$PW_USER" >/dev/null 2>&1 || useradd -m -s /bin/sh "$PW_USER"
[ -s "$DIR/password" ] || (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$DIR/password")
echo "$PW_USER:$(cat "$DIR/password")" | chpasswd

[ -f "$DIR/host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C modelops-test-host -f "$DIR/host_ed25519_key"
[ -f "$DIR/client_key" ] || ssh-keygen -q -t ed25519 -N '' -C modelops-test-client -f "$DIR/client_key"
mkdir -p /run/sshd   # privilege separation directory sshd insists on

cat > "$DIR/sshd_config.new" <<CONF
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
Match User $PW_USER
  PasswordAuthentication yes
  KbdInteractiveAuthentication yes
CONF
"$SSHD" -t -f "$DIR/sshd_config.new"
if [ -f "$DIR/sshd.pid" ] && kill -0 "$(cat "$DIR/sshd.pid")" 2>/dev/null; then
  if ! cmp -s "$DIR/sshd_config.new" "$DIR/sshd_config"; then
    mv "$DIR/sshd_config.new" "$DIR/sshd_config"
    kill -HUP "$(cat "$DIR/sshd.pid")"   # sshd re-reads its config; live sessions stay
    for _ in $(seq 100); do ss -ltn "sport = :$PORT" 2>/dev/null | grep -q LISTEN && break; sleep 0.05; done
  fi
  rm -f "$DIR/sshd_config.new"
  echo running; exit 0
fi
mv "$DIR/sshd_config.new" "$DIR/sshd_config"
cp "$DIR/client_key.pub" "$DIR/authorized_keys"; chmod 600 "$DIR/authorized_keys"
"$SSHD" -f "$DIR/sshd_config" -E "$DIR/sshd.log"
for _ in $(seq 100); do [ -s "$DIR/sshd.pid" ] && break; sleep 0.05; done
[ -s "$DIR/sshd.pid" ] || { echo "sshd/start.sh: sshd did not start; see $DIR/sshd.log" >&2; exit 1; }
echo started
