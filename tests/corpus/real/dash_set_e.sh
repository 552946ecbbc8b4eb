#!/bin/sh
# set -e in dash: failures in a command, a function, a subshell and a
# pipeline's last stage end the shell, conditions do not; each case runs in
# its own sh -c; then the script itself exits through set -e with 4.
# corpus: native=same
export LC_ALL=C
try() {
	sh -c "$1" 2>&1
	echo "  -> exit $?"
}
try 'set -e; echo a; false; echo not reached'
try 'set -e; false | true; echo "first stage failing is fine"'
try 'set -e; true | false; echo not reached'
try 'set -e; (exit 7); echo not reached'
try 'set -e; f() { return 3; }; f; echo not reached'
try 'set -e; if false; then :; fi; false || echo "|| protects"; echo done'
try 'set -u; echo "$nope"'
try 'set -e; trap "echo exit trap" EXIT; false'
set -e
echo "script: failing now"
sh -c 'exit 4'
echo "not reached"
