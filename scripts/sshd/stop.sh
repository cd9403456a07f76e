#!/usr/bin/env bash
# Stops the sshd that scripts/sshd/start.sh started, by its pid file (the listener; live sessions end with it).
set -uo pipefail
DIR="${MODELOPS_SSHD_DIR:-/var/tmp/modelops-sshd}"
[ -f "$DIR/sshd.pid" ] || exit 0
pid="$(cat "$DIR/sshd.pid")"
kill "$pid" 2>/dev/null
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
rm -f "$DIR/sshd.pid"
echo stopped
