#!/usr/bin/env bash
# Sets up a fresh Debian machine for ModelOps: Debian's real parts, the npm packages, and a real
# VS Code (code-server) for the demo and the end-to-end tests. Idempotent; run as root or with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends $(grep -v '^#' scripts/apt-packages.txt)

# onnxruntime-node's install script would download CUDA binaries; the CPU ones ship in the package.
export ONNXRUNTIME_NODE_INSTALL=skip
npm ci

# code-server, built once into ~/.cache/modelops (offline: native modules built from source).
node scripts/install-code-server.mjs
