#!/bin/bash
# Process substitution: <(...) as a /dev/fd path read by diff, comm,
# paste and a while loop; >(...) as a writer consumed by a background
# process (tee into awk, a redirection into wc), waited for by its $!.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
diff <(seq 1 5) <(seq 1 6 | grep -v 3)
echo "diff exited $?"
comm -12 <(printf '%s\n' a b c d | sort) <(printf '%s\n' b d f | sort)
paste <(seq 1 3) <(seq 11 13) <(printf 'x\ny\nz\n')
n=0
while read -r l; do n=$((n + l)); done < <(seq 1 100)
echo "sum from <(): $n"
seq 1 10 > "$tmp/in"
tee >(awk '{ s += $1 } END { print "sum", s }' > "$tmp/sum") < "$tmp/in" > /dev/null
wait $!
seq 1 10 > >(wc -l > "$tmp/count")
wait $!
echo "from >(): $(cat "$tmp/sum"), lines $(cat "$tmp/count")"
cat <(cat <(echo nested process substitution))
