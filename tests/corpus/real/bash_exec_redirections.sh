#!/bin/bash
# exec redirections of the shell itself: exec 3>file, writes through fd
# 3, exec 4<file reading it back, exec 5<> read-write, {var}> automatic
# fds, swapping stdout and stderr, closing with 3>&-, and writes to a closed fd.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exec 3> "$tmp/log"
for i in 1 2 3; do echo "logged $i" >&3; done
exec 3>&-
exec 4< "$tmp/log"
read -r first <&4
read -r second <&4
echo "read back: $first / $second / $(cat <&4)"
exec 4<&-
exec {fd}>> "$tmp/log"
echo "appended via automatic fd" >&$fd
exec {fd}>&-
wc -l < "$tmp/log"
echo "0123456789" > "$tmp/rw"
exec 5<> "$tmp/rw"
read -r -n 4 head <&5
echo "XY" >&5
exec 5>&-
echo "head=$head file=$(cat "$tmp/rw")"
exec 6>&1
exec > "$tmp/captured"
echo "this goes into a file"
exec 1>&6 6>&-
echo "captured: $(cat "$tmp/captured")"
{ echo "to stderr via swap" 3>&1 1>&2 2>&3; } 2>&1
echo oops >&7 2>/dev/null || echo "write to closed fd 7 failed"
exec 2> "$tmp/err"
ls /nonexistent-corpus-path
exec 2>&1
echo "stderr file has $(wc -l < "$tmp/err") line"
