/* A child in nanosleep(150 ms) is stopped (SIGSTOP) and continued
 * (SIGCONT) by the parent, with no handler: the kernel restarts the sleep
 * through restart_syscall, transparently; nanosleep returns 0 and the
 * child's total sleep still lasts at least 150 ms.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	int ready[2];
	if (pipe(ready))
		return 1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec a, b, req = { 0, 150000000 };
		clock_gettime(CLOCK_MONOTONIC, &a);
		write(ready[1], "r", 1);
		int r = nanosleep(&req, NULL);
		clock_gettime(CLOCK_MONOTONIC, &b);
		double slept = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
		printf("child: nanosleep returned %d, slept at least 150 ms: %s\n", r,
		       slept >= 0.149 ? "yes" : "no");
		fflush(stdout);
		_exit(r == 0 && slept >= 0.149 ? 0 : 1);
	}
	char c;
	read(ready[0], &c, 1);
	int st;
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	printf("parent: child stopped: %s\n", WIFSTOPPED(st) ? "yes" : "no");
	fflush(stdout);
	kill(pid, SIGCONT);
	waitpid(pid, &st, 0);
	printf("parent: child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}
