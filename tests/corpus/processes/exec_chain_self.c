/* The program re-executes itself six times without forking (same pid,
 * a new image each time), passing a counter in argv and a value in the
 * environment; each image prints a line, the last exits with the count.
 * corpus: native=same */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 0;
	const char *acc = getenv("CHAIN_ACC");
	char next_acc[256];
	snprintf(next_acc, sizeof next_acc, "%s%d", acc ? acc : "", n);
	static pid_t first;
	const char *pid_env = getenv("CHAIN_PID");
	int same_pid = pid_env ? atoi(pid_env) == getpid() : 1;
	first = getpid();
	printf("image %d: accumulated \"%s\", same pid as the first image: %s\n", n, next_acc,
	       same_pid ? "yes" : "no");
	if (n == 6)
		return n;
	fflush(stdout);
	char num[16], pidbuf[16];
	snprintf(num, sizeof num, "%d", n + 1);
	snprintf(pidbuf, sizeof pidbuf, "%d", (int)first);
	setenv("CHAIN_ACC", next_acc, 1);
	setenv("CHAIN_PID", pidbuf, 1);
	char *nargv[] = { argv[0], num, NULL };
	execv("/proc/self/exe", nargv);
	perror("execv");
	return 100;
}
