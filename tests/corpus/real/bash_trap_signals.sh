#!/bin/bash
# Traps on USR1, USR2, INT and TERM sent to the shell itself: from a
# subshell with kill -USR1 $$, from a background job, and by kill from the
# shell; each handler runs at the next command boundary and counts.
# corpus: native=same
# A shell started with SIGINT ignored (a background job's child) cannot
# trap it: start again from perl with SIGINT set back to its default.
if [ -z "${CORPUS_INT_RESET:-}" ]; then
	export CORPUS_INT_RESET=1
	exec /usr/bin/perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die' "$0" "$@"
fi
export LC_ALL=C
usr1=0 usr2=0 int=0 term=0
trap 'usr1=$((usr1 + 1))' USR1
trap 'usr2=$((usr2 + 1))' USR2
trap 'int=$((int + 1)); echo "INT handler"' INT
trap 'term=$((term + 1)); echo "TERM handler"' TERM
for i in 1 2 3; do
	(kill -USR1 $$)
	echo "round $i: usr1=$usr1"
done
kill -USR2 $$
kill -USR2 $$
echo "usr2=$usr2"
kill -INT $$
kill -TERM $$
# a background job signals us: wait returns 138 if the trap cut it short,
# or 6 if the job's exit came first (a native race, so only checked); a
# second wait for that job raced too (bash answered -1 at times)
(kill -USR1 $$; exit 6) &
job=$!
wait $job
st=$?
wait
case $st in 6|138) st=ok ;; esac
echo "background job: wait gave $st, usr1=$usr1"
trap - USR1
trap 'echo "ignored USR1 would not print"' USR1
trap '' USR1
kill -USR1 $$
echo "final: usr1=$usr1 usr2=$usr2 int=$int term=$term"
[ "$usr1$usr2$int$term" = 4211 ] || exit 1
