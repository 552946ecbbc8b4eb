/* execve keeps ignored signals ignored, resets caught ones to the default,
 * and keeps the signal mask and pending signals: the program sets all
 * three up, sends itself a blocked SIGUSR2, then re-executes itself, and
 * the new image reports what it inherited.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void handler(int sig)
{
	(void)sig;
}

static const char *disp(int sig)
{
	struct sigaction cur;
	sigaction(sig, NULL, &cur);
	return cur.sa_handler == SIG_DFL ? "SIG_DFL" : cur.sa_handler == SIG_IGN ? "SIG_IGN" : "handler";
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "after-exec") == 0) {
		sigset_t mask, pend;
		sigprocmask(SIG_BLOCK, NULL, &mask);
		sigpending(&pend);
		printf("after exec: SIGUSR1 %s, SIGHUP %s, SIGUSR2 blocked %d pending %d, SIGTERM blocked %d\n",
		       disp(SIGUSR1), disp(SIGHUP), sigismember(&mask, SIGUSR2), sigismember(&pend, SIGUSR2),
		       sigismember(&mask, SIGTERM));
		/* take the inherited pending signal, so it does not kill us */
		int s;
		sigset_t w;
		sigemptyset(&w);
		sigaddset(&w, SIGUSR2);
		sigwait(&w, &s);
		return !(sigismember(&mask, SIGUSR2) == 1 && sigismember(&pend, SIGUSR2) == 1);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGHUP, SIG_IGN);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR2);
	printf("before exec: SIGUSR1 %s, SIGHUP %s\n", disp(SIGUSR1), disp(SIGHUP));
	fflush(stdout);
	execl("/proc/self/exe", argv[0], "after-exec", (char *)NULL);
	perror("execl");
	return 1;
}
