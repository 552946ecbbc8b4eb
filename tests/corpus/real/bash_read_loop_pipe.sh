#!/bin/bash
# Read loops: while read from a pipe (a subshell), from a file, with
# IFS splitting, read -d '' of NUL-separated find output, read -n, and
# with lastpipe the loop runs in the shell and keeps its variables.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seq 1 50 | while read -r n; do
	[ $((n % 10)) -eq 0 ] && echo "multiple of ten: $n"
done
printf 'root:x:0\ndaemon:x:1\nbin:x:2\n' > "$tmp/passwd"
while IFS=: read -r user _ uid; do
	echo "user $user uid $uid"
done < "$tmp/passwd"
mkdir -p "$tmp/tree/a b" "$tmp/tree/c"
touch "$tmp/tree/a b/file one" "$tmp/tree/c/two" "$tmp/tree/three"
count=0
while IFS= read -r -d '' f; do
	count=$((count + 1))
done < <(find "$tmp/tree" -type f -print0)
echo "found $count files with spaces handled"
read -r -n 5 five <<< "abcdefgh"
echo "read -n 5: $five"
shopt -s lastpipe
total=0
seq 1 100 | while read -r n; do total=$((total + n)); done
echo "lastpipe total: $total"
printf 'x y z\n' | read -r -a arr
echo "array from pipe: ${#arr[@]} items, last ${arr[2]}"
