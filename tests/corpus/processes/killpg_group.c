/* killpg of a process group: four children put in one new group (one of
 * them having forked its own child there too) are all blocked on a pipe;
 * killpg(SIGTERM) reaches all five, kill(-pgid, 0) probes the group
 * before and after. We are a subreaper, so the orphaned grandchild is ours.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2], ready[2];
	if (pipe(p) < 0 || pipe(ready) < 0)
		return 1;
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	pid_t group = 0, kids[4];
	for (int i = 0; i < 4; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			setpgid(0, group);
			pid_t g = -1;
			if (i == 3) {
				g = fork();
				if (g == 0) {
					char c;
					if (write(ready[1], "r", 1) != 1 || read(p[0], &c, 1) < 0)
						_exit(1);
					_exit(0);
				}
			}
			char c;
			if (write(ready[1], "r", 1) != 1 || read(p[0], &c, 1) < 0)
				_exit(1);
			if (g > 0)
				waitpid(g, NULL, 0);
			_exit(0);
		}
		setpgid(kids[i], group ? group : kids[i]);
		if (!group)
			group = kids[i];
	}
	char c;
	for (int i = 0; i < 5; i++)
		if (read(ready[0], &c, 1) != 1)
			return 1;
	printf("group exists: %s\n", kill(-group, 0) == 0 ? "yes" : "no");
	printf("killpg(SIGTERM): %s\n", killpg(group, SIGTERM) == 0 ? "ok" : strerror(errno));
	int terms = 0, reaped = 0, st;
	while (wait(&st) > 0) {
		reaped++;
		terms += WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
	}
	printf("processes reaped %d, killed by SIGTERM %d\n", reaped, terms);
	errno = 0;
	int gone = kill(-group, 0) < 0 && errno == ESRCH;
	printf("group empty afterwards (ESRCH): %s\n", gone ? "yes" : "no");
	return !(terms == 5 && reaped == 5 && gone);
}
