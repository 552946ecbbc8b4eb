/* A bounded fork bomb: every process forks in each of 5 rounds, so 32
 * processes exist; each reaps its own children and exits with the size
 * of its subtree, which the root prints.
 * corpus: native=same */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	pid_t kids[5];
	int nkids = 0, root = 1;
	fflush(stdout);
	for (int round = 0; round < 5; round++) {
		pid_t p = fork();
		if (p < 0) {
			perror("fork");
			_exit(1);
		}
		if (p == 0) {
			nkids = 0; /* a fresh process: its own children only */
			root = 0;
		} else {
			kids[nkids++] = p;
		}
	}
	int size = 1;
	for (int i = 0; i < nkids; i++) {
		int st;
		if (waitpid(kids[i], &st, 0) == kids[i] && WIFEXITED(st))
			size += WEXITSTATUS(st);
	}
	if (!root)
		_exit(size);
	printf("the tree had %d processes (expected 32), the root had %d children\n", size, nkids);
	return size != 32;
}
