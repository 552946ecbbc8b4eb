/* A daemon that outlives the recorded program's main process: main forks
 * it (setsid), prints and exits 0; the daemon waits until main is gone
 * (EOF on a pipe only main held), then prints its line and exits. The
 * recording must go on until the daemon has exited.
 * corpus: native=same */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2];
	if (pipe(p) < 0)
		return 1;
	pid_t parent = getpid();
	fflush(stdout);
	pid_t d = fork();
	if (d < 0)
		return 1;
	if (d == 0) {
		close(p[1]);
		setsid();
		char c;
		ssize_t r = read(p[0], &c, 1);
		printf("daemon: main has exited: %s; reparented: %s\n", r == 0 ? "yes" : "no",
		       getppid() != parent ? "yes" : "no");
		for (int i = 0; i < 3; i++)
			printf("daemon: line %d after main's exit\n", i);
		fflush(stdout);
		_exit(9);
	}
	close(p[0]);
	printf("main: daemon started, exiting with 0 without waiting for it\n");
	fflush(stdout);
	return 0;
}
