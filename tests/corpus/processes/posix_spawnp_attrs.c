/* posix_spawnp (PATH search) with attributes: SETPGROUP (the child leads
 * a new group), SETSIGMASK, SETSIGDEF (SIGUSR1 back to default though we
 * ignore it) and RESETIDS (our euid is changed, the child's is reset);
 * the child is this program re-run, reporting what it inherited.
 * corpus: native=same */
#define _GNU_SOURCE
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int report(void)
{
	sigset_t m;
	sigprocmask(SIG_BLOCK, NULL, &m);
	struct sigaction sa1, sa2;
	sigaction(SIGUSR1, NULL, &sa1);
	sigaction(SIGUSR2, NULL, &sa2);
	printf("child: group leader %s, SIGTERM blocked %s, SIGINT blocked %s\n",
	       getpgrp() == getpid() ? "yes" : "no", sigismember(&m, SIGTERM) ? "yes" : "no",
	       sigismember(&m, SIGINT) ? "yes" : "no");
	printf("child: SIGUSR1 %s, SIGUSR2 %s, euid equals uid %s\n",
	       sa1.sa_handler == SIG_DFL ? "default" : "ignored",
	       sa2.sa_handler == SIG_DFL ? "default" : "ignored", geteuid() == getuid() ? "yes" : "no");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return report();
	/* make the program findable through PATH */
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n < 0)
		return 1;
	self[n] = 0;
	char *slash = strrchr(self, '/');
	*slash = 0;
	setenv("PATH", self, 1);
	const char *name = slash + 1;

	signal(SIGUSR1, SIG_IGN);
	signal(SIGUSR2, SIG_IGN);
	int changed = 0;
	if (getuid() == 0 && seteuid(65534) == 0)
		changed = 1;

	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	sigset_t mask, def;
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigemptyset(&def);
	sigaddset(&def, SIGUSR1);
	posix_spawnattr_setsigmask(&at, &mask);
	posix_spawnattr_setsigdefault(&at, &def);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
					      POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_RESETIDS);
	char *cargv[] = { (char *)name, "report", NULL };
	fflush(stdout);
	pid_t pid;
	int r = posix_spawnp(&pid, name, NULL, &at, cargv, environ);
	if (changed && seteuid(0) != 0)
		return 1;
	if (r != 0) {
		printf("posix_spawnp: %s\n", strerror(r));
		return 1;
	}
	int st;
	waitpid(pid, &st, 0);
	printf("parent: child exited %d; found through PATH: yes\n", WEXITSTATUS(st));
	char *bad[] = { "no-such-program-here", NULL };
	r = posix_spawnp(&pid, bad[0], NULL, NULL, bad, environ);
	if (r == 0)
		waitpid(pid, &st, 0);
	printf("posix_spawnp of a missing program: %s\n", r ? strerror(r) : "spawned?");
	posix_spawnattr_destroy(&at);
	return 0;
}
