#!/bin/bash
# coproc: a calculator co-process (a bash loop) and a sed -u co-process, fed through
# ${COPROC[1]} and read back line by line through ${COPROC[0]}; closing
# its input ends it and wait returns its status.
# corpus: native=same
export LC_ALL=C
coproc CALC { while read -r a b; do echo $((a * b)); done; exit 2; }
for i in 1 2 3 4 5; do
	echo "$i $((i + 10))" >&"${CALC[1]}"
	read -r ans <&"${CALC[0]}"
	echo "$i * $((i + 10)) = $ans"
done
calc_pid=$CALC_PID
exec {CALC[1]}>&-
wait "$calc_pid"
echo "calc coproc exited $?"

coproc UPPER { sed -u 's/.*/<&>/'; exit 3; }
printf '%s\n' one two three >&"${UPPER[1]}"
for i in 1 2 3; do
	read -r l <&"${UPPER[0]}"
	echo "got $l"
done
upper_pid=$UPPER_PID
exec {UPPER[1]}>&-
wait "$upper_pid"
echo "sed coproc exited $?"
