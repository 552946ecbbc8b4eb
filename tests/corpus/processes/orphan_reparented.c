/* An orphan: a middle process forks a grandchild and exits first; the
 * grandchild, reparented (to init or a subreaper), writes its line only
 * after we have reaped the middle and told it to go on, so the output
 * order is fixed although we cannot reap it.
 * corpus: native=same */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int go[2], done[2];
	if (pipe(go) < 0 || pipe(done) < 0)
		return 1;
	pid_t top = getpid();
	fflush(stdout);
	pid_t mid = fork();
	if (mid == 0) {
		pid_t g = fork();
		if (g == 0) {
			close(go[1]);
			close(done[0]);
			char c;
			if (read(go[0], &c, 1) != 1)
				_exit(1);
			printf("orphan: my parent changed: %s, it is not the top process: %s\n",
			       getppid() != mid ? "yes" : "no", getppid() != top ? "yes" : "no");
			fflush(stdout);
			_exit(0); /* closes done[1]: EOF for the top process */
		}
		_exit(g > 0 ? 7 : 8);
	}
	close(go[0]);
	close(done[1]);
	int st;
	waitpid(mid, &st, 0);
	printf("top: middle exited %d before its child\n", WEXITSTATUS(st));
	fflush(stdout);
	if (write(go[1], "g", 1) != 1)
		return 1;
	char c;
	ssize_t r = read(done[0], &c, 1);
	printf("top: the orphan has finished: %s\n", r == 0 ? "yes" : "no");
	return WEXITSTATUS(st) != 7;
}
