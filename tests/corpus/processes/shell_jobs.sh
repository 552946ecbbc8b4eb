#!/bin/bash
# bash job control without a terminal: background jobs and `wait PID`
# for each exit status, `wait -n`, PIPESTATUS of a pipeline, subshell
# exits, kill of a background job, an EXIT trap: many forks and waits.
# corpus: native=same
pids=()
for code in 3 0 7 1; do
	( exit $code ) &
	pids+=($!)
done
for i in "${!pids[@]}"; do
	wait "${pids[$i]}"
	echo "job $i exited $?"
done
( exit 5 ) & wait -n; echo "wait -n got $?"
true | (exit 2) | false | cat >/dev/null
echo "PIPESTATUS: ${PIPESTATUS[*]}"
sleep 30 &
victim=$!
kill -TERM "$victim"
wait "$victim"
echo "killed job: status $? (128+15)"
out=$( (echo inner; exit 4) ); st=$?
echo "command substitution: '$out', status $st"
{ echo grouped; false; } && echo no || echo "group failed"
n=0; while [ $n -lt 5 ]; do n=$((n + 1)); done; echo "loop ran $n times"
f() { local x=$1; return $((x * 2)); }; f 4; echo "function returned $?"
trap 'echo "EXIT trap ran, status $?"' EXIT
exit 6
