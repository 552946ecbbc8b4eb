#!/bin/sh
# Background jobs, wait, a subshell and command substitution; exits 3.
(i=0; while [ $i -lt 200 ]; do i=$((i + 1)); done; echo "job one done") &
(echo "job two done") &
wait
word=$(echo sub; echo stitution)
echo "command $word"
(cd / && echo "subshell in $(pwd)")
for i in 1 2 3; do echo "line $i"; done | sort -r
exit 3
