#!/bin/sh
# make demo: the main job on a bundled target. targets/httpd loses a socket
# to a race (race 1 of shared/races.md) that never shows in native runs.
# heisen hunts it under its chaos scheduler, keeps the failing trace, and
# gdb, on the replay of that trace, shows the stuck state and goes back to
# the store that caused it.
set -eu
HEISEN=${HEISEN:-build/heisen}
scenario=targets/httpd/scenario
work=$(mktemp -d /tmp/heisen-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT
export HEISEN_TRACE_DIR="$work" # leave the user's latest-trace alone

echo "== three native runs of $scenario (the race hardly ever shows)"
for i in 1 2 3; do
	$scenario || true
done

echo
echo "== heisen hunt --runs 60 --seed 600 -o \$WORK/hunt -- $scenario"
status=0
$HEISEN hunt --runs 60 --timeout 60 --seed 600 -o "$work/hunt" -- $scenario \
	> "$work/hunt.out" || status=$?
sed "s|$work|\$WORK|g" "$work/hunt.out"
if [ "$status" -ne 1 ]; then
	echo "demo: the hunt caught no failure (exit $status)" >&2
	exit 1
fi
trace=$(sed -n 's/^trace: //p' "$work/hunt.out")
grep -h "FAIL" "$trace.log" | tail -n 1

echo
echo "== heisen ps \$TRACE"
$HEISEN ps "$trace"
server=$($HEISEN ps "$trace" | awk '/targets\/build\/httpd /{print $1; exit}')

echo
echo "== gdb: target remote | heisen replay --stdio -p $server \$TRACE; source scripts/httpd-stuck.gdb"
gdb -batch -nx -iex "set style enabled off" -iex "set width 0" -ex "set sysroot /" \
	-ex "target remote | $HEISEN replay --stdio -p $server $trace" \
	-x scripts/httpd-stuck.gdb 2>&1 |
	grep -v -e '^Reading symbols' -e "^warning: unable to open /proc" -e '^\[Inferior' |
	sed "s|$work|\$WORK|g"

echo
echo "== what it shows"
echo "The worker (write_reply) stored send_ready = true after its unlock, when the"
echo "I/O thread (flush_client) had already sent the whole buffer and cleared the"
echo "flag: the server then polls that socket for POLLOUT forever and never reads"
echo "the client's next request. The fix: store the flag under the send mutex."
echo "Replay it yourself: heisen replay -p $server TRACE (keep the trace: hunt -o DIR)"
