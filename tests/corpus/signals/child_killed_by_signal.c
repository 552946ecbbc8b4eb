/* Children that die of signals: SIGKILL from the parent, SIGSEGV from a
 * NULL write, SIGTERM raised, SIGPIPE from writing to a pipe with no
 * reader (the child writes once the parent has closed its read end and
 * said so on a second pipe: before that, the write would succeed); the
 * parent prints each WTERMSIG (the wait status the recorder must
 * reproduce for each child).
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static int *volatile null_ptr;

int main(void)
{
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);
	const char *names[] = { "SIGKILL by parent", "SIGSEGV", "SIGTERM raised", "SIGPIPE" };
	int expect[] = { SIGKILL, SIGSEGV, SIGTERM, SIGPIPE };
	int bad = 0;
	for (int i = 0; i < 4; i++) {
		int p[2], go[2];
		if (pipe(p) || pipe(go))
			return 1;
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			signal(SIGPIPE, SIG_DFL);
			if (i == 0) {
				char c;
				close(p[1]);
				read(p[0], &c, 1);   /* blocks until killed */
			} else if (i == 1) {
				*null_ptr = 1;
			} else if (i == 2) {
				raise(SIGTERM);
			} else {
				char c;
				close(p[0]);
				close(go[1]);
				if (read(go[0], &c, 1) != 1) /* the parent closed p[0] */
					_exit(2);
				write(p[1], "x", 1);
			}
			_exit(0);
		}
		if (i == 0)
			kill(pid, SIGKILL);
		close(p[0]);
		close(go[0]);
		if (i == 3 && write(go[1], "g", 1) != 1)
			return 1;
		close(go[1]);
		int st;
		waitpid(pid, &st, 0);
		close(p[1]);
		int sig = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
		printf("%s: child %s %d\n", names[i], sig ? "killed by signal" : "exited", sig ? sig : WEXITSTATUS(st));
		bad |= sig != expect[i];
	}
	return bad;
}
