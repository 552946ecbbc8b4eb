#!/bin/bash
# Assorted coreutils on generated data: split and cat back, join and
# comm of sorted files, od and base64 round trips, nl, fold, expand, tac,
# shuf with a fixed random source, numfmt, factor, printf, tee, truncate.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
seq 1 1000 > nums
split -l 300 nums part.
ls part.* | tr '\n' ' '; echo
cat part.* | cmp - nums && echo "split + cat round trip"
printf '1 apple\n2 banana\n3 cherry\n' > left
printf '1 red\n3 dark red\n4 green\n' > right
join left right
join -v 2 left right
comm -3 <(printf '%s\n' a b c) <(printf '%s\n' b c d) | tr '\t' '_'
printf 'hello\x01\xff' | od -An -tx1 | tr -s ' '
head -c 300 nums | base64 -w 60 | base64 -d | cmp - <(head -c 300 nums) && echo "base64 round trip"
printf 'one\ntwo\nthree\n' | nl -ba -w2 -s': '
echo "a long line that will be folded at twenty characters" | fold -w 20
printf 'a\tb\tc\n' | expand -t 4 | od -c | head -n 1 | tr -s ' '
seq 1 5 | tac | tr '\n' ' '; echo
seq 1 10 | shuf --random-source=<(yes) | tr '\n' ' '; echo
numfmt --to=iec 1048576 123456789
factor 360 1001 65537
printf '%05d|%-6s|%x|%.3f\n' 42 ab 255 3.14159
echo "tee'd" | tee copy1 copy2 > /dev/null; cat copy1 copy2
truncate -s 10 nums; wc -c < nums
seq 1 100 | paste -sd' ' | wc -c
