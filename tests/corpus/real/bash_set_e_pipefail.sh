#!/bin/bash
# set -e and set -o pipefail: a failing pipeline stage, a failing command
# substitution in an assignment, set -e ignored in conditions, each case
# run in its own bash -c whose exit status is printed; then the script
# itself dies of a failing command and exits with its status.
# corpus: native=same
export LC_ALL=C
try() {
	bash -c "$1" 2>&1
	echo "  -> exit $?"
}
try 'set -e; echo a; false; echo not reached'
try 'set -e; false | true; echo "no pipefail: pipeline ok"'
try 'set -eo pipefail; false | true; echo not reached'
try 'set -eo pipefail; (exit 3) | (exit 0) | cat; echo not reached'
try 'set -o pipefail; (exit 3) | (exit 5) | true; echo "pipefail status $?"'
try 'set -e; x=$(exit 6); echo not reached'
try 'set -e; local_fail() { false; echo "in function, set -e ignored in &&"; }; local_fail && echo after'
try 'set -e; if false; then :; fi; false || true; ! true; echo "conditions do not trip set -e"'
try 'set -eu; echo "$undefined_var"'
try 'set -e; trap "echo trap on exit \$?" EXIT; sh -c "exit 9"'
set -eo pipefail
echo "script: about to fail"
seq 1 3 | grep -q 7 | cat
echo "not reached"
