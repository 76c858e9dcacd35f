#!/usr/bin/env bash
# npm run prebuild: builds the prebuilt addon for this platform (linux-x64-gnu)
# with OpenBLAS linked statically, into npm/linux-x64-gnu/shallownet.node,
# and checks that it needs no shared library beyond the C/C++ runtime.
set -euo pipefail
cd "$(dirname "$0")/.."

target=npm/linux-x64-gnu/shallownet.node
npx cmake-js compile --out build/prebuild --CDSHALLOWNET_STATIC_BLAS=ON >/dev/null
cp build/prebuild/Release/shallownet.node "$target"

needed=$(readelf -d "$target" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
echo "prebuild: $target ($(du -h "$target" | cut -f1)), NEEDED: $needed"
for library in $needed; do
  case "$library" in
    libc.so.*|libm.so.*|libpthread.so.*|libstdc++.so.*|libgcc_s.so.*|libdl.so.*|ld-linux*) ;;
    *) echo "prebuild: $target must not need $library" >&2; exit 1 ;;
  esac
done
