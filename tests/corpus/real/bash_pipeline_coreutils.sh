#!/bin/bash
# Pipelines of coreutils: seq | awk | sort | uniq -c | sort -n, tr, cut,
# paste, wc, rev, tac, fold: each stage is a process, joined by pipes,
# all started by bash and reaped by it.
# corpus: native=same
export LC_ALL=C
set -o pipefail
seq 1 500 | awk '{ print ($1 * 7919) % 13 }' | sort | uniq -c | sort -k1,1n -k2,2n
echo "the quick brown fox jumps over the lazy dog" | tr 'a-z' 'A-Z' | tr -s ' ' '\n' | sort | paste -sd, -
seq 1 12 | paste - - - | cut -f2,3 | tr '\t' ':'
printf 'alpha:1:x\nbeta:2:y\ngamma:3:z\n' | cut -d: -f1,3 | rev | tac
seq 1 1000 | wc -l
seq -w 1 30 | tr -d '\n' | fold -w 20; echo
seq 1 100 | sort -r | head -n 3 | tail -n 1
printf '%s\n' b a c a b a | sort | uniq -d | wc -w
echo "pipestatus: $(true | false | true; echo "${PIPESTATUS[*]}")"
