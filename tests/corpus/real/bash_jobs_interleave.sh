#!/bin/bash
# Four background subshells write lines to the shared stdout at once,
# each with its own echo builtin writes; the interleaving of their lines
# is the kernel's, then all are waited for and counted.
# corpus: native=differs
export LC_ALL=C
for j in 1 2 3 4; do
	( for i in $(seq 1 300); do echo "job $j line $i"; done ) &
done
wait
echo "all jobs done"
