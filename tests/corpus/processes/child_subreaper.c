/* PR_SET_CHILD_SUBREAPER: we mark ourselves a subreaper; a child forks a
 * grandchild and exits; the orphaned grandchild is reparented to us (not
 * to init): it sees us as its parent and we reap it with waitpid.
 * PR_GET_CHILD_SUBREAPER reads the flag back; children do not inherit it.
 * corpus: native=same */
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int before = -1, after = -1;
	prctl(PR_GET_CHILD_SUBREAPER, &before);
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		perror("prctl");
		return 1;
	}
	prctl(PR_GET_CHILD_SUBREAPER, &after);
	printf("subreaper flag before %d, after %d\n", before, after);
	int go[2], report[2];
	if (pipe(go) < 0 || pipe(report) < 0)
		return 1;
	pid_t me = getpid();
	pid_t mid = fork();
	if (mid == 0) {
		int inherited = -1;
		prctl(PR_GET_CHILD_SUBREAPER, &inherited);
		pid_t g = fork();
		if (g == 0) {
			char c;
			if (read(go[0], &c, 1) != 1)
				_exit(1);
			char m = getppid() == me ? 'Y' : 'N';
			if (write(report[1], &m, 1) != 1)
				_exit(1);
			_exit(31);
		}
		_exit(inherited == 0 ? 0 : 1);
	}
	int st;
	waitpid(mid, &st, 0);
	printf("middle exited %d (it did not inherit the flag: %s)\n", WEXITSTATUS(st),
	       WEXITSTATUS(st) == 0 ? "yes" : "no");
	if (write(go[1], "g", 1) != 1)
		return 1;
	char m;
	if (read(report[0], &m, 1) != 1)
		return 1;
	printf("grandchild's parent is us now: %s\n", m == 'Y' ? "yes" : "no");
	pid_t r = wait(&st);
	printf("we reaped it: %s, exit %d\n", r > 0 ? "yes" : "no", WEXITSTATUS(st));
	return !(m == 'Y' && WEXITSTATUS(st) == 31);
}
