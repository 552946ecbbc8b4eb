/* waitpid(WNOHANG) polling: 0 while the child runs (checked before we
 * release it), then a bounded polling loop until it is reaped; also
 * WNOHANG on a specific pid that is not ours (ECHILD) and on -1 with
 * no children.
 * corpus: native=same */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	int go[2];
	if (pipe(go) < 0)
		return 1;
	pid_t c = fork();
	if (c == 0) {
		char ch;
		if (read(go[0], &ch, 1) != 1)
			_exit(1);
		_exit(17);
	}
	int st;
	pid_t r = waitpid(c, &st, WNOHANG);
	printf("WNOHANG while it is blocked: %d\n", (int)r);
	if (write(go[1], "g", 1) != 1)
		return 1;
	int polls = 0;
	struct timespec ts = { 0, 100 * 1000 };
	while ((r = waitpid(c, &st, WNOHANG)) == 0 && polls < 20000) {
		polls++;
		nanosleep(&ts, NULL);
	}
	printf("reaped by polling: %s, exit %d, within the bound: %s\n", r == c ? "yes" : "no",
	       WEXITSTATUS(st), polls < 20000 ? "yes" : "no");
	errno = 0;
	r = waitpid(1, &st, WNOHANG);
	printf("WNOHANG on a pid that is not our child: %s\n", r < 0 && errno == ECHILD ? "ECHILD" : "?");
	errno = 0;
	r = waitpid(-1, &st, WNOHANG);
	printf("WNOHANG with no children: %s\n", r < 0 && errno == ECHILD ? "ECHILD" : "?");
	return 0;
}
