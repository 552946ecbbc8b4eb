#!/bin/sh
# dash read loops: from a pipe (a subshell: its variables are lost), from
# a file with IFS=:, from a fifo fed by a background writer that is then
# reaped, and a line counter done with a redirected while loop.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
seq 1 30 | while read -r x; do n=$((n + x)); [ "$x" = 30 ] && echo "in pipe loop n=$n"; done
echo "after pipe loop n=$n"
printf 'a:1\nb:2\nc:3\n' > "$tmp/kv"
while IFS=: read -r k v; do echo "$k=$v"; done < "$tmp/kv"
mkfifo "$tmp/fifo"
(for i in 1 2 3 4 5; do echo "fifo line $i"; done > "$tmp/fifo") &
w=$!
lines=0
while read -r l; do lines=$((lines + 1)); last=$l; done < "$tmp/fifo"
wait $w
echo "writer exited $?, read $lines lines, last: $last"
count=0
while read -r _; do count=$((count + 1)); done <<EOT
$(seq 1 77)
EOT
echo "counted $count lines"
