#!/bin/bash
# sort(1) on a generated 20000-line file: numeric, reverse, by key with
# a field separator, unique, stable, a merge of sorted files, and a big
# sort with a small buffer (-S) so that it spills to temp files (-T).
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "%d,item%05d,%s\n", (i * 7919) % 10007, (i * 31) % 20000, substr("abcdefgh", i % 8 + 1, 1) }' > "$tmp/data"
sort -n "$tmp/data" | head -n 3
sort -t, -k2,2 -r "$tmp/data" | head -n 3
sort -t, -k3,3 -s "$tmp/data" | head -n 2
cut -d, -f3 "$tmp/data" | sort -u | tr '\n' ' '; echo
sort -t, -k1,1n -k2,2 "$tmp/data" | md5sum
mkdir "$tmp/t"
sort -S 64k -T "$tmp/t" -t, -k2 "$tmp/data" | md5sum
sort -t, -k2 "$tmp/data" | md5sum
seq 1 2 99 > "$tmp/odd"; seq 2 2 100 > "$tmp/even"
sort -m -n "$tmp/odd" "$tmp/even" | tail -n 4 | tr '\n' ' '; echo
sort -c < "$tmp/odd" || echo "odd is not sorted as text: $?"
sort -n -c "$tmp/odd" && echo "odd is sorted numerically"
printf '10K\n2M\n512\n1G\n' | sort -h | tr '\n' ' '; echo
printf 'v1.10\nv1.2\nv1.9\n' | sort -V | tr '\n' ' '; echo
sort --parallel=2 -n "$tmp/data" | tail -n 1
