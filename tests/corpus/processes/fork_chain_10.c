/* A chain of 10 processes, each forking the next and waiting for it;
 * every link adds its depth to the exit code it got from below, and the
 * deepest one prints first, so lines come out bottom-up.
 * corpus: native=same */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int depth = 0, code = 0;
	for (;;) {
		if (depth == 9)
			break;
		fflush(stdout);
		pid_t c = fork();
		if (c < 0)
			_exit(100);
		if (c == 0) {
			depth++;
			continue;
		}
		int st;
		waitpid(c, &st, 0);
		code = WEXITSTATUS(st);
		break;
	}
	int mine = code + depth;
	printf("link %d: got %d from below, passing %d up\n", depth, code, mine);
	fflush(stdout);
	if (depth > 0)
		_exit(mine);
	return mine != 45;
}
