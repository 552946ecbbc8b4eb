#!/bin/sh
# Traps in dash: EXIT, USR1 sent from a subshell with kill -USR1 $$, INT
# and TERM from the shell itself, HUP from a background job that is then
# waited for; the handlers count and the EXIT trap prints the tally.
# corpus: native=same
# A shell started with SIGINT ignored (a background job's child) cannot
# trap it: start again from perl with SIGINT set back to its default.
if [ -z "${CORPUS_INT_RESET:-}" ]; then
	export CORPUS_INT_RESET=1
	exec /usr/bin/perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV or die' "$0" "$@"
fi
export LC_ALL=C
usr1=0 int=0 term=0 hup=0
trap 'usr1=$((usr1 + 1))' USR1
trap 'int=$((int + 1))' INT
trap 'term=$((term + 1))' TERM
trap 'hup=$((hup + 1))' HUP
trap 'echo "exit trap: usr1=$usr1 int=$int term=$term hup=$hup"' EXIT
for i in 1 2 3 4; do
	(kill -USR1 $$)
	echo "after round $i usr1=$usr1"
done
kill -INT $$
kill -TERM $$
echo "int=$int term=$term"
(kill -HUP $$; exit 2) &
job=$!
wait $job
st=$?
if [ $st -gt 128 ]; then wait $job; st=$?; fi
echo "job exited $st, hup=$hup"
trap - USR1
(trap 'echo "subshell USR1"; exit 3' USR1; sh -c 'kill -USR1 $PPID'; sleep 5)
echo "subshell with its own trap exited $?"
