#!/usr/bin/env bash
# Runs a Node.js script with the Node.js of another platform, under emulation,
# and exits with node's exit code.
#
#   scripts/platforms/run-node.sh linux-arm64-gnu test.js [args...]   # qemu-aarch64
#   scripts/platforms/run-node.sh win32-x64 test.js [args...]         # wine
#
# The runtime comes from node-runtime.sh (npm, cached); run.sh runs it. Paths
# given as arguments are passed through unchanged: under wine, an absolute Unix
# path works because wine maps / to drive Z: (the script path itself is
# converted with winepath to be explicit).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
platform=${1:?usage: run-node.sh <linux-arm64-gnu|win32-x64> <script> [args...]}
script=${2:?no script given}
shift 2
node=$("$here/node-runtime.sh" "$platform")
if [[ $platform == win32-* ]]; then script=$(winepath -w "$script" 2>/dev/null); fi
exec "$here/run.sh" "$platform" "$node" "$script" "$@"
