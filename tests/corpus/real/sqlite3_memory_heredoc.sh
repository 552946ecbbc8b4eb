#!/bin/bash
# sqlite3 with :memory: databases fed SQL from here-docs and pipes:
# joins, window functions, recursive CTEs, JSON functions, .mode and
# .import of CSV from stdin, and a script with an error under .bail on.
# corpus: native=same
export LC_ALL=C
sqlite3 :memory: <<'EOT'
CREATE TABLE emp(id INTEGER PRIMARY KEY, name TEXT, dept INTEGER, salary INTEGER);
CREATE TABLE dept(id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'sales');
INSERT INTO emp(name, dept, salary) VALUES
  ('ann', 1, 120), ('bob', 1, 100), ('cid', 2, 90), ('dee', 3, 80), ('eve', 1, 130), ('fay', 2, 95);
.mode list
.separator " | "
SELECT d.name, count(e.id), sum(e.salary) FROM dept d LEFT JOIN emp e ON e.dept = d.id GROUP BY d.id ORDER BY d.name;
SELECT name, salary, rank() OVER (PARTITION BY dept ORDER BY salary DESC) FROM emp ORDER BY dept, salary DESC;
WITH RECURSIVE fib(a, b, n) AS (SELECT 0, 1, 0 UNION ALL SELECT b, a + b, n + 1 FROM fib WHERE n < 15)
SELECT group_concat(a, ',') FROM fib;
SELECT json_extract('{"a": {"b": [1, 2, 3]}}', '$.a.b[2]'), json_array_length('[1,2,3,4]');
SELECT printf('%5.2f', 3.14159), upper('sql'), length('héllo'), hex('AB');
EOT
echo "first script exited $?"
printf 'name,qty\napple,3\npear,5\nfig,2\n' | sqlite3 :memory: '.import --csv /dev/stdin fruit' 'SELECT sum(qty), group_concat(name, "+") FROM fruit;'
seq 1 100 | awk '{ print "INSERT INTO t VALUES(" $1 ");" }' | sqlite3 :memory: 'CREATE TABLE t(x);' 2>&1
{ echo 'CREATE TABLE t(x);'; seq 1 100 | awk '{ print "INSERT INTO t VALUES(" $1 ");" }'; echo 'SELECT count(*), sum(x) FROM t;'; } | sqlite3 :memory:
sqlite3 :memory: <<'EOT' 2>&1
.bail on
SELECT 'before the error';
SELECT nosuchfunc(1);
SELECT 'not reached';
EOT
echo "bail exited $?"
