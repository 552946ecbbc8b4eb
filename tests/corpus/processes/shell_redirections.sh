#!/bin/bash
# bash plumbing across processes: exec'd fd redirections, a here-doc into
# a child, process substitution (<(...) through /dev/fd), a coproc
# dialogue, and a named pipe between two background processes.
# corpus: native=same
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
exec 3>"$dir/log"
echo "to fd 3" >&3
echo "also fd 3" >&3
exec 3>&-
echo "log has $(wc -l <"$dir/log") lines"
tr a-z A-Z <<'END'
here-doc line one
here-doc line two
END
diff <(printf '%s\n' a b c) <(printf '%s\n' a x c) | sed -n '2,$p'
echo "diff status via PIPESTATUS: ${PIPESTATUS[0]}"
coproc SQ { while read -r n; do echo $((n * n)); done; }
sq_pid=$SQ_PID
for i in 3 4 5; do
	echo "$i" >&"${SQ[1]}"
	read -r sq <&"${SQ[0]}"
	echo "coproc: $i squared is $sq"
done
exec {SQ[1]}>&-
wait "$sq_pid"
echo "coproc exited $?"
mkfifo "$dir/fifo"
( for i in 1 2 3; do echo "fifo item $i"; done >"$dir/fifo" ) &
writer=$!
while read -r line; do echo "read: $line"; done <"$dir/fifo"
wait "$writer"
echo "fifo writer exited $?"
