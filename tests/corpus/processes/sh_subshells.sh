#!/bin/sh
# POSIX sh (dash): nested command substitutions, subshells that exit or
# are killed, `set -e` in a subshell, a pipeline feeding a while loop
# (which runs in a subshell), traps on EXIT and on a signal sent to self.
# corpus: native=same
a=$(echo $(echo $(echo deep)))
echo "nested: $a"
(exit 9); echo "subshell exit: $?"
(set -e; false; echo "not printed"); echo "set -e subshell: $?"
sh -c 'kill -TERM $$' &
wait $!; echo "background sh killed itself: $?"
sh -c 'kill -KILL $$'; echo "sh killed itself: $?"
count=0
printf '1\n2\n3\n' | while read n; do count=$((count + n)); echo "in the loop: $count"; done
echo "after the loop (subshell): count=$count"
trap 'echo "got USR1"' USR1
kill -USR1 $$
echo "after USR1"
trap 'echo "EXIT trap"' EXIT
for w in one two three; do (echo "$w" | tr a-z A-Z); done
exit 3
