#!/bin/bash
# make -j2 of a small C project copied from data/makeproj into a temp
# dir: two gcc pipelines (cc1, as) at a time under make's jobserver, then a
# link, the built program run, a no-op rebuild, an incremental one, clean.
# corpus: native=same
export LC_ALL=C
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$here/data/makeproj" "$tmp/p"
cd "$tmp/p"
make -j2 2>&1 | sort
echo "make exited ${PIPESTATUS[0]}"
./demo 10
echo "demo exited $?"
make -j2
echo "no-op make exited $?"
make -s -j2 check | tail -n 1
touch -d '2000-01-01 00:00:00' mathx.o
make -j2
ls *.o | tr '\n' ' '; echo
make -s clean
ls | tr '\n' ' '; echo
