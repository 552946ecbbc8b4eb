#!/bin/bash
# A script that writes other scripts into a temp dir and runs them: by
# path (#! lines for bash and sh), through bash and sh, with arguments and
# exit statuses; source of a library that defines functions and variables.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/child.sh" <<'EOT'
#!/bin/bash
echo "child.sh got $# args: $*"
exit $(( $# + 20 ))
EOT
cat > "$tmp/posix.sh" <<'EOT'
#!/bin/sh
echo "posix.sh: $1"
"$(dirname "$0")/child.sh" from posix
exit $?
EOT
cat > "$tmp/lib.sh" <<'EOT'
LIB_VERSION=3
greet() { echo "hello from lib, $1"; }
return 5
EOT
chmod +x "$tmp/child.sh" "$tmp/posix.sh"
"$tmp/child.sh" a b c
echo "child.sh exited $?"
bash "$tmp/child.sh" one
echo "bash child.sh exited $?"
"$tmp/posix.sh" hi
echo "posix.sh exited $?"
sh "$tmp/posix.sh" again
echo "sh posix.sh exited $?"
source "$tmp/lib.sh"
echo "source returned $?, LIB_VERSION=$LIB_VERSION"
greet corpus
. "$tmp/lib.sh"
echo "dot returned $?"
PATH="$tmp:$PATH" child.sh via PATH
echo "via PATH exited $?"
