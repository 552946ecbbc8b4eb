/* popen/pclose in both directions: read the output of a shell pipeline,
 * write 200 lines into `sort -n | tail -3` (whose output reaches our
 * stdout), and get each command's exit status back from pclose.
 * corpus: native=same */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

int main(void)
{
	FILE *r = popen("for i in 1 2 3 4 5; do echo line $i; done | tac; exit 6", "r");
	if (!r)
		return 1;
	char buf[128];
	int lines = 0;
	while (fgets(buf, sizeof buf, r)) {
		lines++;
		printf("read: %s", buf);
	}
	int st = pclose(r);
	printf("read %d lines, the reader command exited %d\n", lines, WEXITSTATUS(st));
	fflush(stdout);

	FILE *w = popen("sort -n | tail -3; exit 2", "w");
	if (!w)
		return 1;
	for (int i = 0; i < 200; i++)
		fprintf(w, "%d\n", (i * 37) % 200);
	st = pclose(w);
	printf("the writer command exited %d\n", WEXITSTATUS(st));

	FILE *both[2];
	both[0] = popen("echo first", "r");
	both[1] = popen("echo second", "r");
	for (int i = 1; i >= 0; i--) {
		if (both[i] && fgets(buf, sizeof buf, both[i]))
			printf("concurrent popen %d: %s", i, buf);
		pclose(both[i]);
	}
	return 0;
}
