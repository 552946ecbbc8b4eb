#!/bin/bash
# Functions: local variables and dynamic scoping, recursion (fibonacci,
# factorial), return statuses, functions in pipelines and command
# substitutions (each a subshell), nameref arguments, FUNCNAME stack.
# corpus: native=same
export LC_ALL=C
g=global
show() { echo "show sees g=$g"; }
scope() { local g=local; show; }
scope; show
fib() {
	local n=$1
	if [ "$n" -lt 2 ]; then echo "$n"; return; fi
	echo $(( $(fib $((n - 1))) + $(fib $((n - 2))) ))
}
echo "fib 10 = $(fib 10)"
fact() { local n=$1 r=1; while [ "$n" -gt 1 ]; do r=$((r * n)); n=$((n - 1)); done; echo $r; }
echo "20! = $(fact 20)"
status() { return "$1"; }
status 42; echo "returned $?"
inc() { local -n ref=$1; ref=$((ref + 1)); }
c=5; inc c; inc c; echo "nameref: c=$c"
depth() { if [ "$1" -gt 0 ]; then depth $(($1 - 1)); else echo "stack: ${FUNCNAME[*]}"; fi; }
depth 3
upper() { while read -r l; do echo "${l^^}"; done; }
printf 'a\nb\n' | upper | tr '\n' ' '; echo
counter=0
bump() { counter=$((counter + 1)); }
for i in $(seq 1 10); do bump; done
x=$(bump; echo $counter)
echo "counter=$counter (subshell saw $x)"
