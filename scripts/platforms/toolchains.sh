#!/usr/bin/env bash
# Installs (as root, with apt) the cross toolchains and emulators used to build
# and test the non-host platforms on a Debian 12 x86_64 machine or CI runner.
# Idempotent: asks apt only for packages that are not installed yet, and runs
# `apt-get update` only when something is missing.
#
#   scripts/platforms/toolchains.sh            # everything
#   scripts/platforms/toolchains.sh win32-x64  # only what one platform needs
set -euo pipefail

# Per platform, exact Debian 12 package names (the binaries they provide):
#   linux-arm64-gnu: aarch64-linux-gnu-g++ (and its arm64 libc/libstdc++ in
#                    /usr/aarch64-linux-gnu, used as QEMU_LD_PREFIX), qemu-aarch64
#   win32-x64:       x86_64-w64-mingw32-{gcc,g++}-posix (the posix thread model:
#                    std::thread needs it), x86_64-w64-mingw32-dlltool, wine64
#   linux-x64-musl:  musl-gcc
#   darwin-*:        ld64.lld-14 (lld), used after zig for its -exported_symbol;
#                    llvm-14 for llvm-nm-14 / llvm-objdump-14 on Mach-O files
#   linux-x64-gnu:   the host build (as .ci/run installs it): Debian's OpenBLAS
#                    (libopenblas-dev, whose static libopenblas.a is linked in)
#   all:             cmake; make/perl for OpenBLAS's build, dpkg-dev for
#                    `apt-get source` (dpkg-source), xz-utils, file
common=(build-essential cmake dpkg-dev xz-utils file perl ca-certificates)
host=(libopenblas-dev)
arm64=(g++-aarch64-linux-gnu gcc-aarch64-linux-gnu qemu-user)
win32=(mingw-w64 gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 wine wine64)
musl=(musl-tools)
darwin=(lld llvm-14)

case "${1:-all}" in
  linux-arm64-gnu) wanted=("${common[@]}" "${arm64[@]}") ;;
  win32-x64) wanted=("${common[@]}" "${win32[@]}") ;;
  linux-x64-musl) wanted=("${common[@]}" "${musl[@]}") ;;
  linux-x64-gnu) wanted=("${common[@]}" "${host[@]}") ;;
  darwin-arm64|darwin-x64) wanted=("${common[@]}" "${darwin[@]}") ;;
  all) wanted=("${common[@]}" "${host[@]}" "${arm64[@]}" "${win32[@]}" "${musl[@]}" "${darwin[@]}") ;;
  *) echo "toolchains.sh: unknown platform '$1'" >&2; exit 2 ;;
esac

if [[ $(id -u) -ne 0 ]]; then
  echo "toolchains.sh: run as root (it calls apt-get)" >&2
  exit 1
fi

# (It no longer adds arm64 as a dpkg foreign architecture: that was for
# comparing Debian's arm64 libopenblas, and the shipped build does not use it;
# on Ubuntu, whose x86-64 mirror has no arm64 packages, it would break apt-get update.)
missing=()
for package in "${wanted[@]}"; do
  # dpkg-query prints "install ok installed" only for a fully installed package.
  if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "toolchains.sh: all present (${wanted[*]})"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
echo "toolchains.sh: installing ${missing[*]}"
apt-get install -y -qq --no-install-recommends "${missing[@]}"
