#!/bin/bash
# gcc -pipe: the preprocessor/compiler and the assembler run at once,
# joined by a pipe instead of temp files; several files in one driver run,
# a program compiled from stdin (-x c -), and -save-temps for contrast.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
for i in 1 2 3 4; do
	printf 'int part%d(void) { int s = 0; for (int i = 0; i < %d; i++) s += i; return s; }\n' "$i" $((i * 100)) > "part$i.c"
done
cat > main.c <<'EOT'
#include <stdio.h>
int part1(void), part2(void), part3(void), part4(void);
int main(void) { printf("parts %d %d %d %d\n", part1(), part2(), part3(), part4()); return 0; }
EOT
gcc -pipe -O2 -o prog main.c part1.c part2.c part3.c part4.c
echo "gcc -pipe exited $?"
./prog
gcc -pipe -O2 -c part1.c part2.c
ls *.o | tr '\n' ' '; echo
printf '#include <stdio.h>\nint main(void) { puts("compiled from stdin"); return 0; }\n' | gcc -pipe -x c - -o fromstdin
./fromstdin
gcc -O2 -save-temps -c part3.c
ls part3.* | tr '\n' ' '; echo
printf 'int main(void) { return }\n' | gcc -pipe -x c -c - -o /dev/null 2>/dev/null
echo "syntax error through -pipe: $?"
