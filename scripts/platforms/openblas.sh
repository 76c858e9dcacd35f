#!/usr/bin/env bash
# Builds (once) a static OpenBLAS for one target platform and prints its
# install prefix (<prefix>/lib/libopenblas.a, <prefix>/include/cblas.h).
#
#   scripts/platforms/openblas.sh <platform>
#   platform: linux-x64-gnu | linux-x64-musl | linux-arm64-gnu | win32-x64
#
# Source: OpenBLAS 0.3.29 as Debian 13 ("trixie") packages it, fetched with
# `apt-get source --download-only` and checked against the sha256 below. The
# `+ds` tarball is upstream's minus lapack-netlib/ and relapack/, which a
# CBLAS-only build does not use. Debian's patches are not applied: they touch
# the pthread server, armhf flags and the shared LAPACK, none of which is built.
#
# Kernels: every CPU type of the architecture (DYNAMIC_ARCH), except win32-x64:
# PRESCOTT, HASWELL and SKYLAKEX (see default_list below).
#
# Everything lives outside the repository, in ${SHALLOWNET_CACHE:-~/.cache/shallownet}:
#   src/                                 the downloaded tarball (checksummed)
#   openblas/build-<platform>/           the in-tree build (OpenBLAS builds in its source tree)
#   openblas/<version>-<platform>/       the install prefix that is printed
#   openblas/<version>-<platform>/build-info.txt  flags, compiler, build time
# A prefix whose recorded flags equal this script's is reused as it is.
#
# Needs: the toolchain of the platform (scripts/platforms/toolchains.sh <platform>),
# make, perl. Run long builds with `nice -n 19`; JOBS (default 2) sets make -j.
set -euo pipefail

version=0.3.29
debian_version=0.3.29+ds-3
tarball=openblas_0.3.29+ds.orig.tar.xz
sha256=eb691e2cff83799400da22aa6ab93ebaa346ad317fea578b7ae119e226ce1b01
topdir=OpenBLAS-0.3.29

platform=${1:?usage: openblas.sh <linux-x64-gnu|linux-x64-musl|linux-arm64-gnu|win32-x64>}
cache=${SHALLOWNET_CACHE:-$HOME/.cache/shallownet}
jobs=${JOBS:-2}

log() { echo "openblas.sh: $*" >&2; }

# --- The build, decided once for every platform -------------------------------
# USE_THREAD=0: the addon does its own threading; OpenBLAS runs single-threaded,
#   with no thread server of its own.
# USE_LOCKING=1: ...but may be called from several of our threads at once; this
#   makes its buffer allocator take a lock (pthread mutex; a spin lock on Windows).
# NUM_THREADS=128: sizes the buffer table (max(50, 2 × NUM_THREADS) buffers,
#   one per concurrent caller); without it the build machine's core count
#   leaks into the binary. 128 is Debian's value.
# CBLAS and double precision only; no Fortran, no LAPACK: cblas_dgemm is all we call.
#   BUILD_DOUBLE=1 alone selects double: BUILD_SINGLE=0 BUILD_COMPLEX=0
#   BUILD_COMPLEX16=0 must NOT be passed. kernel/Makefile.L3 tests them with
#   $(or $(BUILD_COMPLEX),$(BUILD_COMPLEX16)), where "0" counts as set: the
#   complex/single kernels are then compiled anyway (x86-64: 352 instead of
#   275 files per CPU type) and on arm64 the build fails (ctrsm_kernel_LT_ARMV8:
#   'gotoblas_t' has no member named 'cgemm_kernel_n'). The same goes for
#   NO_CBLAS=0: Makefile.install's `ifndef NO_CBLAS` then skips cblas.h.
# DYNAMIC_ARCH=1: kernels for every CPU generation, chosen at run time.
# NO_SHARED=1: only the static library. -fPIC comes from OpenBLAS itself on
#   Linux (NEED_PIC=1 by default); Windows code needs none.
# USE_SIMPLE_THREADED_LEVEL3=1 changes nothing in a USE_THREAD=0 build but is
#   needed for one to compile at all: for a double-only build, 0.3.29's
#   driver/level3/Makefile adds the threaded ssyrk_thread_* objects outside its
#   `ifdef SMP`, and they fail to compile without SMP ("blas_queue_t").
common=(
  USE_THREAD=0 USE_LOCKING=1 USE_OPENMP=0 NUM_THREADS=128
  NOFORTRAN=1 ONLY_CBLAS=1 NO_LAPACK=1 NO_LAPACKE=1
  BUILD_DOUBLE=1
  DYNAMIC_ARCH=1 NO_SHARED=1 NO_WARMUP=1 NO_AFFINITY=1
  USE_SIMPLE_THREADED_LEVEL3=1
  HOSTCC=gcc
)

# OpenBLAS's makefiles compare `$(CC) -dumpversion | cut -f1 -d.` with numbers
# using expr. Debian's mingw-w64 gcc answers "12-posix", which expr compares as
# a string ("12-posix" >= 4 is false), so every GCC version test fails: no
# -mavx2 for the AVX2 kernels, no -DMS_ABI, and cooperlake/sapphirerapids fall
# back to skylake-avx512. Passing the results on the command line overrides the
# makefiles' own := assignments (and reaches every sub-make through MAKEFLAGS).
gcc_version_overrides() {
  local cc=$1 major minor
  read -r major minor < <(echo '__GNUC__ __GNUC_MINOR__' | "$cc" -E -P - | tr -s ' \n' ' ')
  local out=()
  for n in 4 5; do out+=("GCCVERSIONGT$n=$((major > n))"); done
  for n in 4 7 8 9 10 11 12; do out+=("GCCVERSIONGTEQ$n=$((major >= n))"); done
  for n in 1 2 4 7; do out+=("GCCMINORVERSIONGTEQ$n=$((minor >= n))"); done
  echo "${out[@]}"
}

case "$platform" in
  linux-x64-gnu)
    flags=(CC=gcc AR=ar RANLIB=ranlib TARGET=GENERIC BINARY=64) ;;
  linux-x64-musl)
    # On a glibc host, musl-gcc (musl-tools) wraps gcc with musl's headers and
    # libc; on a musl host (Alpine, in CI) gcc itself targets musl.
    musl_cc=musl-gcc
    if ldd --version 2>&1 | grep -qi musl; then musl_cc=gcc; fi
    flags=(CC=$musl_cc AR=ar RANLIB=ranlib TARGET=GENERIC BINARY=64) ;;
  linux-arm64-gnu)
    flags=(CC=aarch64-linux-gnu-gcc AR=aarch64-linux-gnu-ar RANLIB=aarch64-linux-gnu-ranlib
           CROSS_SUFFIX=aarch64-linux-gnu- TARGET=ARMV8 BINARY=64) ;;
  win32-x64)
    # The posix thread model of mingw-w64 (the one std::thread needs), so the
    # addon and OpenBLAS share one C runtime setup.
    cc=x86_64-w64-mingw32-gcc-posix
    # shellcheck disable=SC2207
    flags=(CC=$cc AR=x86_64-w64-mingw32-ar RANLIB=x86_64-w64-mingw32-ranlib
           CROSS_SUFFIX=x86_64-w64-mingw32- OSNAME=WINNT TARGET=GENERIC BINARY=64
           $(gcc_version_overrides "$cc")) ;;
  *) log "unknown platform '$platform'"; exit 2 ;;
esac
flags+=("${common[@]}")

prefix=$cache/openblas/$version-$platform
build=$cache/openblas/build-$platform
# The CPU types whose kernels are built (DYNAMIC_LIST; the baseline, PRESCOTT
# on x86-64 or ARMV8 on arm64, is always in). By default every type OpenBLAS
# knows for the architecture, except for win32-x64, which ships three:
#   PRESCOTT (any x86-64), HASWELL (AVX2 + FMA; OpenBLAS also runs it on Zen)
#   and SKYLAKEX (AVX-512).
# A full x86-64 DYNAMIC_ARCH build has 14 types and takes 1-3 h on a 2-core
# machine; these three are ~20 min and cover every x86-64 CPU, each with the
# widest dgemm kernel it can run (the other types' dgemm kernels are variants
# of these three). linux-arm64-gnu uses the full arm64 list (13 types, ~26 min).
default_list=
case "$platform" in
  win32-x64) default_list="HASWELL SKYLAKEX" ;;
esac
# OPENBLAS_DYNAMIC_LIST overrides it (e.g. "HASWELL" for a quick local check,
# never for a release); such a build gets its own prefix (…-list).
if [[ -n ${OPENBLAS_DYNAMIC_LIST:-} ]]; then
  flags+=("DYNAMIC_LIST=$OPENBLAS_DYNAMIC_LIST")
  prefix+=-list
  build+=-list
elif [[ -n $default_list ]]; then
  flags+=("DYNAMIC_LIST=$default_list")
fi
stamp="openblas $debian_version ${flags[*]}"

if [[ -f $prefix/lib/libopenblas.a && -f $prefix/build-info.txt ]] &&
   [[ "$(head -n1 "$prefix/build-info.txt")" == "$stamp" ]]; then
  echo "$prefix"
  exit 0
fi

# --- Source ----------------------------------------------------------------
fetch_source() {
  mkdir -p "$cache/src"
  local file=$cache/src/$tarball
  if [[ -f $file ]] && echo "$sha256  $file" | sha256sum -c --status; then return; fi
  rm -f "$file"
  if command -v apt-get >/dev/null && grep -qx 'ID=debian' /etc/os-release 2>/dev/null; then
    # Debian 12 has 0.3.21; 0.3.29 comes from trixie's source index. A
    # deb-src line changes nothing that apt installs.
    if ! apt-cache showsrc "openblas=$debian_version" 2>/dev/null | grep -q "^Version: $debian_version\$"; then
      if [[ $(id -u) -ne 0 ]]; then
        log "need trixie's deb-src index: run as root once, or add it yourself"; exit 1
      fi
      log "adding a deb-src line for trixie (/etc/apt/sources.list.d/shallownet-src.sources)"
      cat >/etc/apt/sources.list.d/shallownet-src.sources <<'EOF'
# Added by shallownet scripts/platforms/openblas.sh: OpenBLAS source from Debian 13 (trixie)
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
      apt-get update -qq
    fi
    (cd "$cache/src" && apt-get source -qq --download-only "openblas=$debian_version") >&2
  else
    # Not Debian (Ubuntu runners lack Debian's keyring; Alpine and macOS have
    # no apt): the same file from Debian's pool. The checksum below is what
    # makes it trustworthy, not the transport. (This path has not been run.)
    curl -fsSL -o "$file" "https://deb.debian.org/debian/pool/main/o/openblas/$tarball"
  fi
  if ! echo "$sha256  $file" | sha256sum -c --status; then
    log "checksum mismatch for $file (want $sha256)"; exit 1
  fi
}
fetch_source

# --- Build -------------------------------------------------------------------
log "building OpenBLAS $version for $platform in $build (log: $build.log)"
rm -rf "$build" "$prefix"
mkdir -p "$build"
tar -xJf "$cache/src/$tarball" -C "$build" --strip-components=1
start=$(date +%s)
if ! make -C "$build" -j"$jobs" "${flags[@]}" libs >"$build.log" 2>&1 ||
   ! make -C "$build" "${flags[@]}" PREFIX="$prefix" install >>"$build.log" 2>&1; then
  log "build failed; last lines of $build.log:"
  tail -n 30 "$build.log" >&2
  exit 1
fi
seconds=$(($(date +%s) - start))
cc_name=$(printf '%s\n' "${flags[@]}" | sed -n 's/^CC=//p')
{
  echo "$stamp"
  echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) in ${seconds} s with make -j$jobs on $(nproc) cores"
  echo "compiler: $("$cc_name" --version | head -n1)"
  grep -E '^#define OPENBLAS_(VERSION|NEEDBUNDERSCORE)' "$prefix/include/openblas_config.h" || true
  # The CPU types whose kernel tables made it into the library.
  cross=$(printf '%s\n' "${flags[@]}" | sed -n 's/^CROSS_SUFFIX=//p')
  echo "kernels: $("${cross}nm" "$prefix/lib/libopenblas.a" 2>/dev/null |
    sed -n 's/.* [DdRr] gotoblas_\([A-Z0-9]*\)$/\1/p' | sort -u | tr '\n' ' ')"
} >"$prefix/build-info.txt"
log "built in ${seconds} s: $(du -hL "$prefix/lib/libopenblas.a" | cut -f1) $prefix/lib/libopenblas.a"
echo "$prefix"
