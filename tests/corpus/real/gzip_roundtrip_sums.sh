#!/bin/bash
# gzip/gunzip round trips of generated data at several levels, zcat and
# gzip -c through pipes, gzip -t, concatenated members, and md5sum /
# sha256sum / sha1sum of the results compared with the originals.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
seq 1 20000 | awk '{ print $1, $1 * $1, "padding text for compression" }' > data
sha256sum data | cut -c1-64
for level in 1 6 9; do
	gzip -n -"$level" -c data > "data.$level.gz"
	gunzip -c "data.$level.gz" | md5sum | cut -c1-32
	gzip -t "data.$level.gz" && echo "level $level: gzip -t ok"
done
cp data copy
gzip -n copy
[ -f copy.gz ] && [ ! -f copy ] && echo "gzip replaced the file"
gunzip copy.gz
cmp data copy && echo "gunzip restored it"
cat data | gzip -n | gzip -d | sha1sum | cut -c1-40
sha1sum data | cut -c1-40
{ echo first | gzip -n; echo second | gzip -n; } > multi.gz
zcat multi.gz
echo "not gzip" > bad.gz
gunzip -t bad.gz 2>/dev/null
echo "bad member: $?"
md5sum data copy | awk '{ print $1 }' | uniq | wc -l
sha256sum -c <(sha256sum data copy) | sed 's/: / -> /'
