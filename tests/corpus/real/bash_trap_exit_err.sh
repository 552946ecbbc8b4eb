#!/bin/bash
# Traps on ERR and EXIT: failing commands (in the shell, in a function
# with errtrace, in a subshell) run the ERR trap; the EXIT trap runs at the
# end, prints a tally and the script's exit status is the last failure's.
# corpus: native=same
export LC_ALL=C
errs=0
trap 'echo "ERR trap: status $? at line $LINENO"; errs=$((errs + 1))' ERR
trap 'echo "EXIT trap: $errs errors, exiting $?"' EXIT
false
echo "after false"
ls /nonexistent-corpus-dir 2>/dev/null
echo "after ls"
set -o errtrace
f() {
	echo "in f"
	return 4
}
f
( exit 5 )
echo "subshell gave $?"
# not an ERR: tested conditions
if false; then :; fi
false || echo "false || handled"
! true
echo "errors so far: $errs"
sh -c 'exit 3'
