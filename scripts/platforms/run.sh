#!/usr/bin/env bash
# Runs a program built for another platform under emulation, and exits with
# its exit code.
#
#   scripts/platforms/run.sh linux-arm64-gnu <program> [args...]   # qemu-aarch64
#   scripts/platforms/run.sh win32-x64 <program.exe> [args...]     # wine
#
# Used for the cross-built core tests and, through run-node.sh, for Node.js.
set -euo pipefail

cache=${SHALLOWNET_CACHE:-$HOME/.cache/shallownet}
platform=${1:?usage: run.sh <linux-arm64-gnu|win32-x64> <program> [args...]}
program=${2:?no program given}
shift 2

case "$platform" in
  linux-arm64-gnu)
    # User-mode emulation; the arm64 dynamic loader, libc and libstdc++ come
    # from the cross toolchain's sysroot (libc6-arm64-cross,
    # libstdc++6-arm64-cross). No binfmt_misc is needed, but then a child
    # process the program starts is not emulated (an arm64 node cannot spawn
    # another arm64 node).
    export QEMU_LD_PREFIX=${QEMU_LD_PREFIX:-/usr/aarch64-linux-gnu}
    exec qemu-aarch64 "$program" "$@"
    ;;
  win32-x64)
    export WINEPREFIX=${WINEPREFIX:-$cache/wine}
    export WINEDEBUG=${WINEDEBUG:--all}
    # No Mono/Gecko install prompts (nothing here needs them).
    export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
    if [[ ! -f $WINEPREFIX/.shallownet-win10 ]]; then
      # node.exe (20.x) refuses to start on wine's default Windows 7.
      echo "run.sh: creating the wine prefix $WINEPREFIX (Windows 10)" >&2
      mkdir -p "$WINEPREFIX"
      wine winecfg /v win10 >/dev/null 2>&1
      wineserver -w
      touch "$WINEPREFIX/.shallownet-win10"
    fi
    # Under wine, node.exe fails with EBADF when its stdout/stderr is a pipe
    # (as under npm, CI or `| tee`), so output goes to files printed after.
    out=$(mktemp) err=$(mktemp)
    trap 'rm -f "$out" "$err"' EXIT
    status=0
    wine "$program" "$@" </dev/null >"$out" 2>"$err" || status=$?
    cat "$out"
    cat "$err" >&2
    exit "$status"
    ;;
  *) echo "run.sh: no emulator for '$platform'" >&2; exit 2 ;;
esac
