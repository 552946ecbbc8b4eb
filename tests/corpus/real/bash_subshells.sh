#!/bin/bash
# Subshells ( ... ): nested, with their own variables, cd, traps and exit
# statuses; { ...; } groups for contrast; $BASH_SUBSHELL depth; a
# subshell in a pipeline and one whose output is redirected to a file.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
x=outer
( x=inner; echo "in subshell x=$x depth=$BASH_SUBSHELL" )
echo "after subshell x=$x"
{ x=group; }
echo "after group x=$x"
( ( ( echo "depth $BASH_SUBSHELL"; exit 7 ); echo "level 2 got $?"; exit 8 ); echo "level 1 got $?"; exit 9 )
echo "level 0 got $?"
( cd "$tmp" && mkdir sub && cd sub && echo "subshell cwd is .../$(basename "$PWD")" )
[ "$PWD" != "$tmp/sub" ] && echo "parent cwd unchanged"
( trap 'echo "subshell EXIT trap"' EXIT; echo "subshell body" )
( for i in 1 2 3; do echo "line $i"; done ) > "$tmp/out"
echo "file has $(wc -l < "$tmp/out") lines"
n=0
printf 'a\nb\nc\n' | while read -r l; do n=$((n + 1)); done
echo "pipeline loop ran in a subshell: n=$n"
echo "$( ( echo nested ) | ( read -r w; echo "read $w" ) )"
