#!/bin/bash
# grep in a generated temp tree: -r with -n, -l, -c, --include,
# --exclude-dir, -w, -E alternation, -v, -o, -A/-B context, -q exit
# statuses (0 found, 1 not found, 2 error), output sorted.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir -p proj/src proj/include proj/build proj/docs
printf 'int main(void)\n{\n\treturn helper(42);\n}\n' > proj/src/main.c
printf 'int helper(int x)\n{\n\treturn x + 1; /* TODO: overflow */\n}\n' > proj/src/helper.c
printf 'int helper(int x);\n' > proj/include/helper.h
printf 'helper.o: TODO\n' > proj/build/Makefile.dep
printf 'The helper function helps.\nTODO: document main\n' > proj/docs/notes.txt
grep -rn helper proj | sort
grep -rl TODO proj | sort
grep -rc return proj --include='*.c' | sort
grep -r TODO proj --exclude-dir=build | sort
grep -rw help proj; echo "whole word help: $?"
grep -rEo 'helper\([a-z0-9 ]*\)' proj | sort
grep -v '^[{}]' proj/src/main.c
grep -A1 -B1 'return x' proj/src/helper.c
grep -q main proj/src/main.c; echo "found: $?"
grep -q nothing proj/src/main.c; echo "not found: $?"
grep -q x /nonexistent 2>/dev/null; echo "error: $?"
grep -rh '' proj | wc -l
grep -ric todo proj | awk -F: '{ s += $2 } END { print "TODO total", s }'
