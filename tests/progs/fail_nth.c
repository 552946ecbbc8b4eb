/* Fails on its N-th run (counting from 0): counts its runs in the file
 * argv[1], and exits 1 when it has run N = argv[2] times or more before,
 * 0 otherwise. With argv[3], it first makes that many loads and stores of
 * a global (shared-memory accesses to heisen's chaos scheduler). For
 * testing `heisen hunt`. */
#include <stdio.h>
#include <stdlib.h>

static volatile long touched;

int main(int argc, char **argv)
{
	int n = 0;
	if (argc < 3)
		return 2;
	long accesses = argc > 3 ? atol(argv[3]) : 0;
	for (long i = 0; i < accesses; i += 2)
		touched = touched + 1;
	FILE *f = fopen(argv[1], "r");
	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = 0;
		fclose(f);
	}
	f = fopen(argv[1], "w");
	if (!f)
		return 2;
	fprintf(f, "%d\n", n + 1);
	fclose(f);
	printf("run %d\n", n);
	return n >= atoi(argv[2]);
}
