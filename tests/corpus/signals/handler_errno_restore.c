/* A handler that makes a failing syscall (changing errno) and restores
 * errno before returning; the interrupted code's errno must be unchanged.
 * The signals are raised between a failing open and its errno check, then
 * sent by a child while main waits in waitpid.
 * corpus: native=same */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t hits, changed_inside;

static void handler(int sig)
{
	(void)sig;
	int saved = errno;
	if (close(-1) < 0 && errno == EBADF)
		changed_inside++;
	hits++;
	errno = saved;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	int bad = 0;
	for (int i = 0; i < 5; i++) {
		errno = 0;
		if (open("/nonexistent/heisen-corpus", O_RDONLY) >= 0)
			return 1;
		int before = errno;        /* ENOENT */
		raise(SIGUSR1);
		if (errno != before)
			bad++;
	}
	/* and from a child: main waits in waitpid while it is signalled */
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 3; i++)
			kill(parent, SIGUSR1);
		_exit(0);
	}
	errno = ERANGE;
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	printf("handler ran >= 6 times: %s, errno changed inside each time: %s, errno kept outside: %s\n",
	       hits >= 6 ? "yes" : "no", changed_inside == hits ? "yes" : "no", bad ? "no" : "yes");
	return bad || hits < 6;
}
