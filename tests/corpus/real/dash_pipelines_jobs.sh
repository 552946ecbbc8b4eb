#!/bin/sh
# dash pipelines, background jobs and here-documents: sort | uniq -c,
# jobs started with & and waited for by pid with their statuses, a
# here-doc feeding a while loop, and output redirected per job into files.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' pear apple pear fig apple pear | sort | uniq -c | sort -rn
seq 1 20 | grep 1 | tr '\n' ' '; echo
pids=""
for i in 1 2 3 4; do
	(echo "job $i" > "$tmp/job$i"; exit $i) &
	pids="$pids $!"
done
n=0
for p in $pids; do
	n=$((n + 1))
	wait "$p"
	echo "job $n exited $?"
done
cat "$tmp"/job* | sort
while read -r name qty; do
	echo "$name x$qty = $((qty * 3))"
done <<EOT
bolts 4
nuts 10
EOT
{ echo one; echo two; } | (read -r a; read -r b; echo "$b $a")
(cd "$tmp" && echo "in tmp: $(ls | wc -l) files")
