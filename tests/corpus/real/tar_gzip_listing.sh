#!/bin/bash
# tar czf of a generated temp tree (tar forks gzip and writes through a
# pipe), then tar tzf (sorted listing), extraction into another directory
# and a diff -r of the two trees; tar with fixed mtime/owner for a stable hash.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir -p src/a/b src/c empty/dir
for i in $(seq 1 20); do seq 1 $((i * 50)) > "src/a/file$i"; done
echo "top" > src/top.txt
printf 'binary\0data\0' > src/c/bin.dat
ln -s ../top.txt src/c/link
tar czf out.tgz src empty
echo "tar czf: $?"
tar tzf out.tgz | sort
mkdir x
tar xzf out.tgz -C x
diff -r src x/src && echo "extracted tree is identical"
readlink x/src/c/link
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - src | md5sum
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - src | gzip -n | gunzip | md5sum
tar cf - src | tar tvf - >/dev/null && echo "tar to tar through a pipe ok"
tar tzf /nonexistent.tgz 2>/dev/null
echo "missing archive: $?"
