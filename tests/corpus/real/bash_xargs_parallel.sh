#!/bin/bash
# xargs -P 2 running sh -c jobs two at a time (output collected per job
# in files, then sorted), xargs -n batching, -0 with NUL input, -I
# replacement, and the 123 status when a command fails.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
seq 1 12 | xargs -P 2 -n 1 sh -c 'echo "job $1 squared $(( $1 * $1 ))" > "$0/out.$1"' "$tmp"
cat "$tmp"/out.* | sort -k2n
seq 1 10 | xargs -n 3 echo batch
printf 'a b\0c\0d e f\0' | xargs -0 -n 1 printf '[%s]\n'
printf '%s\n' x y z | xargs -I{} echo "item {} done"
seq 1 6 | xargs -P 2 -n 2 sh -c 'exit $(( $1 % 2 ))' sh
echo "xargs with failing commands: $?"
seq 1 40 | xargs -P 2 -n 5 sh -c 'echo $# >> "$0/counts"' "$tmp"
sort -n "$tmp/counts" | uniq -c
