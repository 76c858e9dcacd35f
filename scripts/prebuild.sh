#!/usr/bin/env bash
# npm run prebuild [-- --target <platform>]: builds the prebuilt addon of one
# platform, with OpenBLAS linked in statically, into npm/<platform>/shallownet.node,
# and checks what it needs from the system and what it exports.
#
#   npm run prebuild                               # this machine's platform (linux-x64-gnu)
#   npm run prebuild -- --target linux-arm64-gnu   # cross: aarch64-linux-gnu-g++
#   npm run prebuild -- --target win32-x64         # cross: mingw-w64
#
# One recipe for every platform: cmake-js and CMakeLists.txt; a cross build
# only adds a CMake toolchain file (scripts/platforms/<platform>.cmake) and a
# static OpenBLAS built from pinned source by scripts/platforms/openblas.sh
# (cached outside the repository; the first arm64 build takes ~26 min, win32 ~20).
# The host build links the system's static OpenBLAS (Debian: libopenblas-dev),
# or the one in SHALLOWNET_OPENBLAS_PREFIX if set. Cross toolchains:
# `sudo scripts/platforms/toolchains.sh <platform>`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

host_platform() {
  local os arch libc=""
  os=$(node -p process.platform)
  arch=$(node -p process.arch)
  if [[ $os == linux ]]; then
    if ldd --version 2>&1 | grep -qi musl; then libc=-musl; else libc=-gnu; fi
  fi
  echo "$os-$arch$libc"
}

target=""
while (($#)); do
  case "$1" in
    --target) target=${2:?--target needs a platform}; shift 2 ;;
    --target=*) target=${1#--target=}; shift ;;
    *) echo "prebuild: unknown argument '$1' (usage: npm run prebuild [-- --target <platform>])" >&2; exit 2 ;;
  esac
done
host=$(host_platform)
target=${target:-$host}

if [[ ! -f npm/$target/package.json ]]; then
  echo "prebuild: no platform package npm/$target/ (have: $(ls npm | tr '\n' ' '))" >&2
  exit 2
fi

cmake_args=(--CDSHALLOWNET_STATIC_BLAS=ON)
openblas_prefix=${SHALLOWNET_OPENBLAS_PREFIX:-}
if [[ $target != "$host" ]]; then
  toolchain=scripts/platforms/$target.cmake
  if [[ ! -f $toolchain ]]; then
    echo "prebuild: cannot build $target on $host (no $toolchain)" >&2
    exit 2
  fi
  compiler=$(sed -n 's/^set(CMAKE_CXX_COMPILER \(.*\))$/\1/p' "$toolchain")
  if ! command -v "$compiler" >/dev/null; then
    echo "prebuild: $compiler not found: run \`sudo scripts/platforms/toolchains.sh $target\` first" >&2
    exit 1
  fi
  cmake_args+=("--CDCMAKE_TOOLCHAIN_FILE=$root/$toolchain")
  # The static OpenBLAS of the target (built once, then cached).
  openblas_prefix=${openblas_prefix:-$(scripts/platforms/openblas.sh "$target")}
fi
if [[ -n $openblas_prefix ]]; then cmake_args+=("--CDSHALLOWNET_OPENBLAS_PREFIX=$openblas_prefix"); fi

out=build/prebuild-$target
mkdir -p "$out"
binary=npm/$target/shallownet.node
start=$(date +%s)
if ! npx cmake-js compile --out "$out" "${cmake_args[@]}" >"$out.log" 2>&1; then
  tail -n 40 "$out.log" >&2
  echo "prebuild: build failed (log: $out.log)" >&2
  exit 1
fi
cp "$out/Release/shallownet.node" "$binary"
size="$(stat -c %s "$binary") bytes"

fail() { echo "prebuild: $binary: $*" >&2; exit 1; }
case "$target" in
  linux-*)
    cross=""
    [[ $target == linux-arm64-* && $host != linux-arm64-* ]] && cross=aarch64-linux-gnu-
    needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
    for library in $needed; do
      case "$library" in
        libc.so.*|libm.so.*|libpthread.so.*|libstdc++.so.*|libgcc_s.so.*|libdl.so.*|ld-linux*) ;;
        *) fail "must not need $library" ;;
      esac
    done
    exported=$("${cross}nm" -D --defined-only "$binary" | awk '{print $3}' | sort | tr '\n' ' ')
    [[ $exported == "napi_register_module_v1 node_api_module_get_api_version_v1 " ]] || fail "exports more than Node-API's entry points: $exported"
    versions=$(objdump -T "$binary" | grep -o '(GLIBC[A-Z]*_[0-9.]*)' | tr -d '()' | sort -t_ -k1,1 -k2,2V | uniq)
    glibc=$(grep '^GLIBC_' <<<"$versions" | tail -n1 || true)
    glibcxx=$(grep '^GLIBCXX_' <<<"$versions" | tail -n1 || true)
    echo "prebuild: $binary ($size, $(($(date +%s) - start)) s), NEEDED: $needed; needs ${glibc:-no GLIBC}, ${glibcxx:-no GLIBCXX}"
    ;;
  win32-*)
    dlls=$(x86_64-w64-mingw32-objdump -p "$binary" | sed -n 's/^\s*DLL Name: //p' | sort -f | tr '\n' ' ')
    for dll in $dlls; do
      case "${dll,,}" in
        kernel32.dll|msvcrt.dll) ;;
        *) fail "must not import $dll (node.exe is delay-loaded; the C++ runtime is static)" ;;
      esac
    done
    exported=$(x86_64-w64-mingw32-objdump -p "$binary" |
      sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' | sed -n 's/^\s*\[ *[0-9]*\] //p' | sort | tr '\n' ' ')
    [[ $exported == "napi_register_module_v1 node_api_module_get_api_version_v1 " ]] || fail "exports more than Node-API's entry points: $exported"
    echo "prebuild: $binary ($size, $(($(date +%s) - start)) s), imports: $dlls(node.exe delay-loaded)"
    ;;
esac
