#!/bin/sh
# dash running scripts it writes: . (source) of a function library, a
# script run by path through its #! line, sh -s reading a script from a
# pipe with arguments, exec replacing a subshell, and eval of built code.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/lib.sh" <<'EOT'
double() { echo $(($1 * 2)); }
LIBNAME=corpuslib
EOT
. "$tmp/lib.sh"
echo "sourced $LIBNAME: double 21 = $(double 21)"
cat > "$tmp/run.sh" <<'EOT'
#!/bin/sh
echo "run.sh: $# args, \$1=$1"
[ "$1" = fail ] && exit 13
exit 0
EOT
chmod +x "$tmp/run.sh"
"$tmp/run.sh" hello world
echo "run.sh exited $?"
"$tmp/run.sh" fail
echo "run.sh fail exited $?"
printf 'echo "sh -s got $1 and $2"; exit 6\n' | sh -s first second
echo "sh -s exited $?"
(exec sh -c 'echo "exec replaced the subshell"; exit 8')
echo "exec'd subshell exited $?"
cmd=""
for i in 1 2 3; do cmd="$cmd echo eval-$i;"; done
eval "$cmd"
x=$(sh -c 'sh -c "sh -c \"echo three shells deep\""')
echo "$x"
