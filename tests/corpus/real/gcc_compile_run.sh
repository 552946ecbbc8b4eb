#!/bin/bash
# gcc compiling in a temp dir: -O2 straight to a program (cc1, as, collect2,
# ld run by the driver), -c of two files then a link, -E and -S stages,
# a compile error with its exit status, a warning under -Wall, and the
# programs run.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
cat > hello.c <<'EOT'
#include <stdio.h>
int main(int argc, char **argv)
{
	long s = 0;
	for (int i = 0; i < 1000; i++)
		s += i * (long)i;
	printf("hello from gcc: %ld, %d args, %s\n", s, argc - 1, argc > 1 ? argv[1] : "-");
	return 3;
}
EOT
gcc -O2 -o hello hello.c
echo "gcc exited $?"
./hello corpus
echo "hello exited $?"
printf 'int twice(int x) { return 2 * x; }\n' > twice.c
printf '#include <stdio.h>\nint twice(int);\nint main(void) { printf("twice 21 = %%d\\n", twice(21)); return 0; }\n' > main.c
gcc -O2 -c twice.c main.c
ls *.o | tr '\n' ' '; echo
gcc -o prog main.o twice.o
./prog
printf '#define SQUARE(x) ((x) * (x))\nint v = SQUARE(7);\n' > macro.c
gcc -E -P macro.c | grep -v '^$'
gcc -O2 -S -o - twice.c | grep -c 'twice'
printf 'int main(void) { return undefined_name; }\n' > bad.c
gcc -c bad.c 2>&1 | grep -o "'undefined_name' undeclared" | head -n 1
echo "gcc on bad.c exited ${PIPESTATUS[0]}"
printf 'int f(void) { int unused; return 0; }\n' > warn.c
gcc -Wall -c warn.c 2>&1 | grep -o "unused variable 'unused'"
echo "warning only: ${PIPESTATUS[0]}"
gcc -o undefined main.o 2>&1 | grep -o "undefined reference to .twice." | head -n 1
echo "link without twice.o exited ${PIPESTATUS[0]}"
