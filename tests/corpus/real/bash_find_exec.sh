#!/bin/bash
# find in a generated tree with -exec ... \; (one process per file) and
# -exec ... + (batched), -name/-type/-newer-free predicates, -prune,
# -print0 | xargs -0, -delete; all output sorted.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir -p src/lib src/app docs skip/deep
for f in src/lib/a.c src/lib/b.c src/app/main.c src/app/main.h docs/readme.txt skip/deep/x.c; do
	printf 'line one\nline two of %s\n' "$f" > "$f"
done
find . -name '*.c' -exec wc -l {} \; | sort -k2
find . -type f -exec grep -l 'two of ./src\|two of src' {} + | sort
find . -path ./skip -prune -o -type f -name '*.c' -print | sort
find . -type d | sort
find . -type f -print0 | xargs -0 cat | wc -l
find . -name '*.h' -exec sh -c 'echo "header $(basename "$1")"' sh {} \;
find . -name '*.txt' -delete
find . -type f | wc -l
