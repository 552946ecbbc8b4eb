#!/bin/bash
# sqlite3 on a database file in a temp dir: schema, 2000 rows inserted in
# one transaction (journal file created and removed), aggregates with
# GROUP BY/ORDER BY, an index, a rollback, a WAL-mode write (exclusive
# locking), and each later sqlite3 process reading what earlier ones committed.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/test.db
sqlite3 "$db" <<'EOT'
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer TEXT, amount INTEGER, day INTEGER);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO orders(customer, amount, day) SELECT 'cust' || (i % 17), (i * 7919) % 1000, i % 30 FROM n;
COMMIT;
CREATE INDEX orders_customer ON orders(customer);
EOT
echo "create exited $?"
sqlite3 "$db" 'SELECT count(*), sum(amount), min(amount), max(amount) FROM orders;'
sqlite3 -separator ' ' "$db" 'SELECT customer, count(*), sum(amount) FROM orders GROUP BY customer ORDER BY sum(amount) DESC, customer LIMIT 5;'
sqlite3 "$db" 'SELECT day, round(avg(amount), 2) FROM orders GROUP BY day HAVING day < 4 ORDER BY day;'
sqlite3 "$db" <<'EOT'
BEGIN;
DELETE FROM orders;
SELECT 'inside the transaction: ' || count(*) FROM orders;
ROLLBACK;
SELECT 'after rollback: ' || count(*) FROM orders;
EOT
# WAL with exclusive locking keeps its index in the heap: no shared -shm
# mapping; the same process goes back to a rollback journal before it exits
sqlite3 "$db" 'PRAGMA locking_mode=EXCLUSIVE;' 'PRAGMA journal_mode=WAL;' \
	'INSERT INTO orders(customer, amount, day) VALUES ("late", 5, 31);' \
	"SELECT count(*) FROM orders WHERE customer = 'late';" 'PRAGMA journal_mode=DELETE;'
sqlite3 "$db" 'PRAGMA integrity_check;' "SELECT count(*) FROM orders WHERE customer = 'late';"
sqlite3 "$db" 'EXPLAIN QUERY PLAN SELECT * FROM orders WHERE customer = "cust3";' | grep -o 'USING INDEX orders_customer'
sqlite3 -header -csv "$db" 'SELECT id, customer, amount FROM orders ORDER BY amount DESC, id LIMIT 3;'
sqlite3 "$db" .tables .schema | head -n 3
sqlite3 "$db" 'SELECT * FROM missing_table;' 2>&1
echo "error exited $?"
sqlite3 "$db" .dump | sha256sum | cut -c1-16
