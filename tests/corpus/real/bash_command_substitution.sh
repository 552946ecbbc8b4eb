#!/bin/bash
# Command substitution: each $(...) forks a subshell whose exit reaches the
# parent as a SIGCHLD while it reads the subshell's output.
# corpus: native=same
a=$(echo hi)
b=$(basename /x/y)
for i in 1 2 3 4 5; do
	c=$(printf '%s-%s' "$a" "$i")
	echo "$c $b $(echo nested $(echo deeper $i))"
done
