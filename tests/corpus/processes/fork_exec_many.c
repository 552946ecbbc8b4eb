/* 40 rounds of fork + exec of small programs (true, false, echo, sh -c),
 * some at once, some one by one: many exec events and short-lived
 * processes; the exit statuses are summed.
 * corpus: native=same */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t run(char *const argv[])
{
	pid_t c = fork();
	if (c == 0) {
		execv(argv[0], argv);
		_exit(127);
	}
	return c;
}

int main(void)
{
	char *t[] = { "/bin/true", NULL };
	char *f[] = { "/bin/false", NULL };
	char *e[] = { "/bin/echo", "-n", "", NULL };
	char *s[] = { "/bin/sh", "-c", "exit 3", NULL };
	char *const *progs[] = { t, f, e, s };
	int sum = 0, st;
	for (int i = 0; i < 20; i++) {
		pid_t c = run(progs[i % 4]);
		waitpid(c, &st, 0);
		sum += WEXITSTATUS(st);
	}
	pid_t kids[20];
	for (int i = 0; i < 20; i++)
		kids[i] = run(progs[i % 4]);
	for (int i = 0; i < 20; i++) {
		waitpid(kids[i], &st, 0);
		sum += WEXITSTATUS(st);
	}
	printf("40 fork+exec rounds, exit statuses sum %d (expected 40)\n", sum);
	return sum != 40;
}
