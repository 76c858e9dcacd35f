#!/usr/bin/env bash
# Runs a Node.js script with the Node.js of another platform, under emulation,
# and exits with node's exit code.
#
#   scripts/platforms/run-node.sh linux-arm64-gnu test.js [args...]   # qemu-aarch64
#   scripts/platforms/run-node.sh win32-x64 test.js [args...]         # wine
#
# The runtime comes from node-runtime.sh (npm, cached). Paths given as
# arguments are passed through unchanged: under wine, an absolute Unix path
# works because wine maps / to drive Z: (the script path itself is converted
# with winepath to be explicit).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
platform=${1:?usage: run-node.sh <linux-arm64-gnu|win32-x64> <script> [args...]}
shift
cache=${SHALLOWNET_CACHE:-$HOME/.cache/shallownet}
node=$("$here/node-runtime.sh" "$platform")

case "$platform" in
  linux-arm64-gnu)
    # User-mode emulation; the arm64 dynamic loader, libc and libstdc++ that
    # node needs come from the cross toolchain's sysroot (libc6-arm64-cross,
    # libstdc++6-arm64-cross). No binfmt_misc is needed, but a child process
    # that node spawns is then not emulated (the arm64 node cannot be exec'd).
    export QEMU_LD_PREFIX=${QEMU_LD_PREFIX:-/usr/aarch64-linux-gnu}
    exec qemu-aarch64 "$node" "$@"
    ;;
  win32-x64)
    export WINEPREFIX=${WINEPREFIX:-$cache/wine}
    export WINEDEBUG=${WINEDEBUG:--all}
    # No Mono/Gecko install prompts (node needs neither).
    export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
    if [[ ! -f $WINEPREFIX/.shallownet-win10 ]]; then
      # node.exe (20.x) refuses to start on wine's default Windows 7.
      echo "run-node.sh: creating the wine prefix $WINEPREFIX (Windows 10)" >&2
      wine winecfg /v win10 >/dev/null 2>&1
      wineserver -w
      touch "$WINEPREFIX/.shallownet-win10"
    fi
    script=${1:?no script given}
    shift
    # node.exe under wine fails with EBADF when its stdout/stderr is a pipe
    # (as under npm, CI or `| tee`), so they go to files that are printed after.
    out=$(mktemp) err=$(mktemp)
    trap 'rm -f "$out" "$err"' EXIT
    status=0
    wine "$node" "$(winepath -w "$script" 2>/dev/null)" "$@" </dev/null >"$out" 2>"$err" || status=$?
    cat "$out"
    cat "$err" >&2
    exit "$status"
    ;;
  *) echo "run-node.sh: no runner for '$platform'" >&2; exit 2 ;;
esac
