/* Fails on its third run: counts its runs in the file argv[1] and exits 1
 * when it has run twice before, 0 otherwise. For testing `heisen hunt`. */
#include <stdio.h>

int main(int argc, char **argv)
{
	int n = 0;
	if (argc < 2)
		return 2;
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
	return n >= 2;
}
