#!/bin/bash
# find over a generated tree printed sorted: by name and type, -maxdepth,
# -size, -empty, -perm, -newer between two files with fixed mtimes set by
# touch -d, -printf of names and depths, -links; file counts by extension.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir -p t/a/b/c t/d t/e
for f in t/a/one.txt t/a/b/two.txt t/a/b/c/three.log t/d/four.log t/five.sh; do echo "$f" > "$f"; done
: > t/e/empty
seq 1 10000 > t/d/big.dat
chmod 755 t/five.sh
touch -d '2001-01-01 00:00:00' t/a/one.txt
touch -d '2010-01-01 00:00:00' t/d/four.log
find t | sort
find t -maxdepth 1 -type d | sort
find t -type f -name '*.log' | sort
find t -size +10k
find t -empty | sort
find t -type f -perm -u+x
find t -type f -newer t/a/one.txt ! -newer t/d/four.log
find t -type f -printf '%d %f\n' | sort -k2
find t -type f | sed 's/.*\.//' | sort | uniq -c
find t -mindepth 3 -type f | sort
find t -name 'nothing*' | wc -l
