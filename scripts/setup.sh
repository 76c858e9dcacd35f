#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for shallownet development: the system
# packages the native build needs (OpenBLAS, CMake, a C++ compiler), the npm
# dependencies, and a build of the addon and the TypeScript.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -f /usr/include/x86_64-linux-gnu/cblas.h ] || [ -f /usr/include/cblas.h ] || [ -f /usr/include/openblas/cblas.h ] || missing+=(libopenblas-dev)
command -v cmake >/dev/null || missing+=(cmake)
command -v g++ >/dev/null || missing+=(g++)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

npm ci --no-audit --no-fund
npm run build:all
