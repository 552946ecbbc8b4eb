#!/bin/bash
# sqlite3 in WAL mode: every process maps the database's -shm file shared
# (the WAL index) and coordinates through it. One sqlite3 stays open,
# reading commands from a fifo and answering on another, while other
# sqlite3 processes write; the reader sees each commit through the shared
# index.
# corpus: native=same
set -e
export LC_ALL=C
d=$(mktemp -d)
trap 'exec 3>&- 4<&- 2>/dev/null; rm -rf "$d"' EXIT
db=$d/db
sqlite3 "$db" 'PRAGMA journal_mode=WAL; CREATE TABLE t(a INTEGER, b TEXT);'
mkfifo "$d/in" "$d/out"
sqlite3 -batch "$db" < "$d/in" > "$d/out" &
reader=$!
exec 3> "$d/in" 4< "$d/out"
ask() {	# one query to the long-lived reader, and its one-line answer
	echo "$1" >&3
	read -r line <&4
	echo "reader: $line"
}
ask 'SELECT count(*) FROM t;'
for i in 1 2 3; do
	sqlite3 "$db" "INSERT INTO t VALUES($i, 'row $i');"
	ask 'SELECT count(*), sum(a) FROM t;'
done
sqlite3 "$db" "UPDATE t SET b = upper(b) WHERE a = 2;"
ask "SELECT b FROM t WHERE a = 2;"
ls "$d" | grep -c -- '-shm$' | sed 's/^/shm files: /'
echo '.quit' >&3
exec 3>&-
wait $reader
echo "reader exited $?"
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' | cut -d'|' -f1 | sed 's/^/checkpoint busy: /'
sqlite3 "$db" 'SELECT a, b FROM t ORDER BY a;'
