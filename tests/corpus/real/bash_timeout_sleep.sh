#!/bin/bash
# timeout(1) killing a sleep: TERM by default (124), KILL with -s KILL
# (137), --preserve-status, -k after an ignored TERM, a command that ends
# in time (its own status), and a shell killed while in sleep.
# corpus: native=same
export LC_ALL=C
timeout 0.1 sleep 10
echo "timeout TERM: $?"
{ timeout -s KILL 0.1 sleep 10; } 2>/dev/null	# bash's "Killed" note names a pid
echo "timeout KILL: $?"
timeout --preserve-status 0.1 sleep 10
echo "preserve-status: $?"
{ timeout -k 0.1 0.1 sh -c 'trap "" TERM; sleep 10'; } 2>/dev/null
echo "kill after ignored TERM: $?"
timeout 5 sh -c 'exit 3'
echo "finished in time: $?"
# --foreground: without it timeout signals the command and then its whole
# process group, so the trap ran once or twice natively (a real race).
timeout --foreground 0.1 bash -c 'trap "kill \$!; echo inner got TERM; exit 9" TERM; sleep 10 & wait'
echo "inner bash trap: $?"
