#!/bin/sh
# dash (/bin/sh) running a POSIX script: functions, case, while and for
# loops, $(( )) arithmetic, command substitution, positional parameters
# with set --, shift, getopts, and string operations by parameter expansion.
# corpus: native=same
export LC_ALL=C
classify() {
	case $1 in
	[0-9]*) echo "$1: number" ;;
	*.c|*.h) echo "$1: C source" ;;
	-*) echo "$1: option" ;;
	*) echo "$1: word" ;;
	esac
}
for w in 42 main.c util.h -v hello; do classify "$w"; done
i=0 total=0
while [ $i -lt 100 ]; do
	i=$((i + 1))
	total=$((total + i))
done
echo "sum 1..100 = $total"
set -- alpha beta gamma delta
echo "$# params, first $1"
shift 2
echo "after shift: $*"
path=/usr/local/lib/libfoo.so.1
echo "dir ${path%/*} base ${path##*/} ext ${path##*.} noext ${path%%.*}"
unset maybe
echo "default ${maybe:-fallback} length ${#path}"
OPTIND=1
set -- -a -b value -c rest
while getopts ab:c opt; do
	case $opt in
	b) echo "option b with $OPTARG" ;;
	*) echo "option $opt" ;;
	esac
done
shift $((OPTIND - 1))
echo "left: $*"
count=$(ls / | wc -l)
[ "$count" -gt 3 ] && echo "root has more than 3 entries"
x=$(echo $(echo $(echo nested)))
echo "command substitution: $x"
