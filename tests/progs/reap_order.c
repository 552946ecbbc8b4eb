/* Forks four workers that each compute for a different, small amount of
 * time and exit with their index; the parent prints the order in which it
 * reaped them. Natively the order varies from run to run. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static unsigned long work(unsigned long n)
{
	volatile unsigned long x = 0;
	for (unsigned long i = 0; i < n; i++)
		x += i * i;
	return x;
}

int main(void)
{
	pid_t pids[4];
	for (int i = 0; i < 4; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			return 1;
		if (pids[i] == 0) {
			work(200000ul * (unsigned long)((i * 7) % 4 + 1));
			_exit(i);
		}
	}
	printf("reaped:");
	for (int i = 0; i < 4; i++) {
		int st;
		pid_t p = wait(&st);
		if (p < 0)
			return 1;
		printf(" worker%d", WEXITSTATUS(st));
	}
	printf("\n");
	return 0;
}
