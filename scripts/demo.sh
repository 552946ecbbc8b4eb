#!/bin/sh
# make demo: record a bundled multi-threaded program, replay it three times,
# and show that every replay prints exactly what the recording printed.
set -eu
HEISEN=${HEISEN:-build/heisen}
prog=build/progs/racy_counter
work=$(mktemp -d /tmp/heisen-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
export HEISEN_TRACE_DIR="$work" # leave the user's latest-trace alone

echo "== two native runs of $prog (they differ: a data race)"
$prog; $prog
echo
echo "== heisen record -o $work/trace -- $prog"
$HEISEN record -o "$work/trace" -- $prog > "$work/recorded.out"
cat "$work/recorded.out"
for i in 1 2 3; do
	echo "== heisen replay -a (replay $i)"
	$HEISEN replay -a "$work/trace" > "$work/replayed.out"
	cat "$work/replayed.out"
	if ! cmp -s "$work/recorded.out" "$work/replayed.out"; then
		echo "demo: replay $i differs from the recording" >&2
		exit 1
	fi
done
echo
echo "== the three replays printed exactly what the recording printed"
echo "== the schedule that made it so (heisen dump, thread switches):"
$HEISEN dump "$work/trace" | grep -E "switch|preempt" | head -8
