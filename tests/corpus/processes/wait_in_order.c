/* wait(2) for five children that exit one after the other in an order
 * we choose (3, 1, 4, 0, 2), each released by a token through its own
 * pipe only once the previous one has been reaped.
 * corpus: native=same */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int go[5][2];
	pid_t pid[5];
	for (int i = 0; i < 5; i++) {
		if (pipe(go[i]) < 0)
			return 1;
		pid[i] = fork();
		if (pid[i] == 0) {
			char c;
			if (read(go[i][0], &c, 1) != 1)
				_exit(99);
			_exit(10 + i);
		}
	}
	int order[5] = { 3, 1, 4, 0, 2 }, bad = 0;
	for (int k = 0; k < 5; k++) {
		int i = order[k], st;
		if (write(go[i][1], "g", 1) != 1)
			return 1;
		pid_t r = wait(&st);
		int who = -1;
		for (int j = 0; j < 5; j++)
			if (pid[j] == r)
				who = j;
		printf("wait: child %d exited %d\n", who, WEXITSTATUS(st));
		bad += who != i;
	}
	printf("wait with no children left: %s\n", wait(NULL) < 0 ? "ECHILD" : "?");
	return bad;
}
