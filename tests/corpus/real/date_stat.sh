#!/bin/bash
# date(1) on fixed instants (-d @0 -u, ISO formats, arithmetic on dates,
# TZ=UTC), stat -c of sizes, modes and names of files it creates, touch -d
# for fixed mtimes read back with stat and date -r.
# corpus: native=same
export LC_ALL=C TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
date -d @0 -u
date -u -d @1700000000 '+%Y-%m-%d %H:%M:%S %A %j'
date -u -d '2024-02-28 + 1 day' +%F
date -u -d '2024-03-01 - 1 day' +%F
date -u -d '2000-01-01T12:00:00Z' +%s
date -u -d @86399 +%T
date -u -R -d @1000000000
printf 'abc' > "$tmp/three"
seq 1 1000 > "$tmp/seq"
mkdir "$tmp/dir"
chmod 640 "$tmp/three"
stat -c '%n %s %a %F' "$tmp/three" | sed "s|$tmp/||"
stat -c '%s %F' "$tmp/seq" "$tmp/dir" | sed 's/^[0-9]* directory/N directory/'
touch -d '1999-12-31 23:59:59' "$tmp/three"
stat -c %Y "$tmp/three"
date -u -r "$tmp/three" '+%F %T'
ln "$tmp/seq" "$tmp/hard"
stat -c %h "$tmp/seq"
