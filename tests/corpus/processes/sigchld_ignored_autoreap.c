/* SIGCHLD set to SIG_IGN: children are reaped by the kernel as they exit
 * (no zombies), so wait() blocks until all have exited and then fails
 * with ECHILD. After restoring SIG_DFL, a new child is a zombie again.
 * A traced child is not auto-reaped by the kernel: the recorder must
 * preserve what the program sees.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	signal(SIGCHLD, SIG_IGN);
	int go[2];
	if (pipe(go) < 0)
		return 1;
	for (int i = 0; i < 5; i++) {
		pid_t c = fork();
		if (c == 0) {
			char ch;
			if (read(go[0], &ch, 1) != 1)
				_exit(1);
			_exit(i);
		}
	}
	if (write(go[1], "ggggg", 5) != 5)
		return 1;
	errno = 0;
	int st;
	pid_t r = wait(&st);
	printf("wait with SIGCHLD ignored: %s\n", r < 0 && errno == ECHILD ? "ECHILD after all exited" : "reaped one?");
	signal(SIGCHLD, SIG_DFL);
	pid_t c = fork();
	if (c == 0)
		_exit(8);
	r = waitpid(c, &st, 0);
	printf("with SIG_DFL again: reaped %s, exit %d\n", r == c ? "yes" : "no", WEXITSTATUS(st));
	return !(r == c && WEXITSTATUS(st) == 8);
}
