#!/bin/bash
# sh -c nested five deep, alternating dash and bash, each level adding
# to a variable through the environment and passing back an exit status
# one higher than the level below; then the same with a pipeline inside.
# corpus: native=same
export LC_ALL=C
export LEVEL=0 TRAIL=top
sh -c 'LEVEL=$((LEVEL+1)) TRAIL="$TRAIL>sh" bash -c '\''LEVEL=$((LEVEL+1)) TRAIL="$TRAIL>bash" sh -c "LEVEL=\$((LEVEL+1)) TRAIL=\"\$TRAIL>sh\" bash -c '\''\'\'''\''LEVEL=\$((LEVEL+1)) TRAIL=\"\$TRAIL>bash\" sh -c \"echo level \\\$((LEVEL+1)) trail \\\$TRAIL\>sh; exit 1\"; exit \$((\$? + 1))'\''\'\'''\''; exit \$((\$? + 1))"; exit $(($? + 1))'\''; exit $(($? + 1))'
echo "five levels exited $?"
# the same depth built by a loop instead of quoting by hand
cmd='echo innermost; exit 10'
for i in 1 2 3 4 5; do
	q=$(printf '%q' "$cmd")
	if [ $((i % 2)) -eq 1 ]; then cmd="sh -c $q; exit \$((\$? + 1))"; else cmd="bash -c $q; exit \$((\$? + 1))"; fi
done
bash -c "$cmd"
echo "loop-built levels exited $?"
seq 1 5 | sh -c 'bash -c "sh -c \"paste -sd+ -\""' | awk '{ n = split($0, a, "+"); s = 0; for (i = 1; i <= n; i++) s += a[i]; print $0 " = " s }'
