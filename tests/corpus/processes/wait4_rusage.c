/* wait4 and getrusage(RUSAGE_CHILDREN): a child that burns CPU and
 * touches 8 MiB; the rusage fields are checked for sanity only (times
 * nonnegative, some CPU time, max RSS at least what it touched, the
 * children totals growing), never printed.
 * corpus: native=same */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static double secs(struct timeval t)
{
	return t.tv_sec + t.tv_usec / 1e6;
}

int main(void)
{
	struct rusage before;
	getrusage(RUSAGE_CHILDREN, &before);
	pid_t c = fork();
	if (c == 0) {
		size_t n = 8 << 20;
		char *m = malloc(n);
		memset(m, 1, n);
		volatile unsigned long x = 0;
		for (unsigned long i = 0; i < 30000000UL; i++)
			x += i ^ m[i % n];
		_exit(x == 0);
	}
	int st;
	struct rusage ru;
	pid_t r = wait4(c, &st, 0, &ru);
	struct rusage after;
	getrusage(RUSAGE_CHILDREN, &after);
	double cpu = secs(ru.ru_utime) + secs(ru.ru_stime);
	printf("wait4 reaped it: %s, exit %d\n", r == c ? "yes" : "no", WEXITSTATUS(st));
	printf("utime and stime nonnegative: %s\n",
	       ru.ru_utime.tv_sec >= 0 && ru.ru_stime.tv_sec >= 0 && ru.ru_utime.tv_usec >= 0 ? "yes" : "no");
	printf("some CPU time used: %s\n", cpu > 0 ? "yes" : "no");
	printf("max RSS at least 8 MiB: %s\n", ru.ru_maxrss >= 8 * 1024 ? "yes" : "no");
	printf("minor faults counted: %s\n", ru.ru_minflt > 1000 ? "yes" : "no");
	printf("children totals grew by it: %s\n",
	       secs(after.ru_utime) + secs(after.ru_stime) >= secs(before.ru_utime) + secs(before.ru_stime) + cpu - 0.001 ? "yes" : "no");
	return 0;
}
