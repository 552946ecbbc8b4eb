#!/bin/bash
# Background jobs with &, their $! and exit statuses through wait PID,
# jobs -l/-p counts, wait -n for whichever job ends first (ordered with
# fifos, not sleeps), and a plain wait for all.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( exit 3 ) &
a=$!
sh -c 'exit 4' &
b=$!
wait $b; echo "second job exited $?"
wait $a; echo "first job exited $?"

# three jobs, each blocked on its own fifo; released in the order 2, 3, 1.
# A released job ends only once the shell sleeps in wait -n: bash 5.2's
# wait -n misses a job that ends between its look at the job table and its
# wait4, and then waits for good (chaos mode found that window).
shell=$$
until_shell_sleeps_in_wait() {
	local n w
	for ((n = 0; n < 100000; n++)); do
		# wchan has no newline: read sets w and still returns 1
		read -r w < "/proc/$shell/wchan"
		[ "$w" = do_wait ] && return
	done
}
for i in 1 2 3; do
	mkfifo "$tmp/f$i"
	( read -r x < "$tmp/f$i"; until_shell_sleeps_in_wait; exit $((10 + i)) ) &
done
echo "jobs running: $(jobs -p | wc -l)"
for i in 2 3 1; do
	echo go > "$tmp/f$i"
	wait -n
	echo "wait -n: a job exited $?"
done
echo "jobs left: $(jobs -p | wc -l)"

# many jobs, then one wait
for i in $(seq 1 8); do
	( echo "job $i" > "$tmp/out$i" ) &
done
wait
cat "$tmp"/out* | sort -k2n | tr '\n' ' '; echo
[ -n "$a" ] && [ "$a" != "$b" ] && echo "distinct \$! values"
