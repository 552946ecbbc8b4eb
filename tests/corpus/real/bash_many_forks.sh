#!/bin/bash
# Hundreds of short-lived processes: command substitutions, external
# commands and subshells in a loop, each forked, exec'd and reaped by
# bash; the results are summed so the output stays small.
# corpus: native=same
export LC_ALL=C
sum=0
for i in $(seq 1 100); do
	sum=$((sum + $(expr "$i" \* 2)))
done
echo "expr sum: $sum"
n=0
for i in $(seq 1 100); do
	( exit $((i % 3)) ) || n=$((n + 1))
done
echo "failing subshells: $n"
words=0
for i in $(seq 1 60); do
	words=$((words + $(echo "a b c $i" | wc -w)))
done
echo "pipeline words: $words"
out=""
for i in $(seq 1 50); do out="$out$(printf '%x' "$i" | tr a-f A-F)"; done
echo "hex: $out"
echo "md5: $(for i in $(seq 1 40); do /bin/echo "$i"; done | md5sum | cut -c1-32)"
