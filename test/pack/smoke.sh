#!/usr/bin/env bash
# npm run test:pack — proves that `npm install shallownet` gives the native
# backend with no compiler, no system OpenBLAS and no install script:
#   1. builds the prebuilt binary and packs every package (npm run prebuild, npm run pack)
#   2. installs the tarballs into a scratch project under strict-allow-scripts
#   3. checks require and import load the native backend and train exactly as
#      the repository's own build does, and that a consumer .ts type-checks
#   4. checks the binary's NEEDED list has no libopenblas or libgfortran
#   5. hides the platform package: 'auto' falls back to 'ts' with one warning,
#      'native' throws a clear error
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/test/pack"
cd "$root"

passed=0
failed=0
check() { # check NAME COMMAND...
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok - $name"
  else
    failed=$((failed + 1))
    echo "not ok - $name"
  fi
}

npm run --silent prebuild
npm run --silent build:ts
npm run --silent pack
version=$(node -p "require('./package.json').version")
main_tgz="$root/build/pack/shallownet-$version.tgz"
platform_tgz="$root/build/pack/shallownet-linux-x64-gnu-$version.tgz"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

# The policy: any dependency install script fails the install.
echo "strict-allow-scripts=true" > .npmrc

# Control: under this .npmrc, a package with an install script is refused.
mkdir -p control/pkg
printf '{"name":"has-install-script","version":"1.0.0","scripts":{"install":"echo ran"}}\n' > control/pkg/package.json
(cd control/pkg && npm pack --silent >/dev/null)
mkdir -p control/app && cp .npmrc control/app/ && printf '{"name":"control","private":true}\n' > control/app/package.json
check "strict-allow-scripts refuses a package with an install script" \
  bash -c "cd control/app && ! npm install --no-audit --no-fund ../pkg/has-install-script-1.0.0.tgz >/dev/null 2>&1"

# The consumer: the tarballs, as a registry would serve them (the overrides
# point the main package's optional dependencies at the local tarballs: this
# platform's, and any other platform's that was built and packed, which npm
# then skips for its os/cpu/libc).
overrides=""
for tgz in "$root"/build/pack/shallownet-*-"$version".tgz; do
  name=$(basename "$tgz" "-$version.tgz")
  overrides+="${overrides:+, }\"$name\": \"file:$tgz\""
done
cat > package.json <<JSON
{
  "name": "consumer",
  "private": true,
  "dependencies": { "shallownet": "file:$main_tgz" },
  "overrides": { $overrides }
}
JSON
check "npm install of the tarballs succeeds with no install script" \
  bash -c "npm install --no-audit --no-fund > install.log 2>&1 || { cat install.log; false; }"
check "the platform package is installed" test -f node_modules/shallownet-linux-x64-gnu/shallownet.node
check "only this platform's package is installed" \
  bash -c "[ \"\$(ls -d node_modules/shallownet-*)\" = node_modules/shallownet-linux-x64-gnu ]"

cp "$here/train.cjs" "$here/train.mjs" "$here/consumer.ts" "$here/fallback.cjs" .
node "$root/test/pack/train.cjs" > repo.json # the repository's own build (dist + build/Release)
check "require('shallownet') runs native and trains exactly as the repository build" \
  bash -c "node train.cjs > cjs.json && node -e \"const a=require('./cjs.json'),b=require('./repo.json'); if (a.backend!=='native' || !a.from.includes('platform package') || a.model!==b.model) { console.error(a.backend, a.from); process.exit(1) }\""
check "import 'shallownet' runs native and trains exactly as the repository build" \
  bash -c "node train.mjs > esm.json && node -e \"const a=require('./esm.json'),b=require('./repo.json'); if (a.backend!=='native' || a.model!==b.model) process.exit(1)\""
check "a consumer .ts using the public types type-checks" \
  node "$root/node_modules/typescript/bin/tsc" --noEmit --strict --module node16 --moduleResolution node16 \
    --target ES2022 --types node --typeRoots "$root/node_modules/@types" consumer.ts

binary=node_modules/shallownet-linux-x64-gnu/shallownet.node
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
echo "# NEEDED: $needed"
check "the binary needs no libopenblas or libgfortran" bash -c "! echo '$needed' | grep -qiE 'openblas|gfortran|blas'"

mv node_modules/shallownet-linux-x64-gnu hidden-platform-package
check "without the platform binary: 'auto' falls back to 'ts' with one warning, 'native' throws" node fallback.cjs
mv hidden-platform-package node_modules/shallownet-linux-x64-gnu

echo "# packed: $(du -h "$main_tgz" | cut -f1) $(basename "$main_tgz"), $(du -h "$platform_tgz" | cut -f1) $(basename "$platform_tgz"); binary $(du -h "$binary" | cut -f1) unpacked"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
