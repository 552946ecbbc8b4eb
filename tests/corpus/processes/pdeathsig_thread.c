/* PR_SET_PDEATHSIG fires when the parent *thread* that forked the child
 * exits, even though the parent process lives on: a worker thread forks
 * the child and returns; the child gets SIGTERM'd (here caught) and
 * reports; main reaps it.
 * corpus: native=same */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static int ready[2], report[2], thread_go[2];
static pid_t child;

static void on_term(int s)
{
	(void)s;
	if (write(report[1], "T", 1) != 1)
		_exit(3);
	_exit(12);
}

static void *forker(void *arg)
{
	(void)arg;
	child = fork();
	if (child == 0) {
		struct sigaction sa = { .sa_handler = on_term };
		sigemptyset(&sa.sa_mask);
		sigaction(SIGTERM, &sa, NULL);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		for (int i = 0; i < 100; i++)
			pause();
		_exit(0);
	}
	char c;
	if (read(thread_go[0], &c, 1) != 1)
		return NULL;
	return NULL; /* this thread's exit is the "parent death" */
}

int main(void)
{
	if (pipe(ready) < 0 || pipe(report) < 0 || pipe(thread_go) < 0)
		return 1;
	pthread_t t;
	pthread_create(&t, NULL, forker, NULL);
	char c;
	if (read(ready[0], &c, 1) != 1)
		return 1;
	printf("child armed its death signal\n");
	if (write(thread_go[1], "g", 1) != 1)
		return 1;
	pthread_join(t, NULL);
	printf("forking thread exited; the process lives on\n");
	if (read(report[0], &c, 1) != 1)
		return 1;
	printf("child got SIGTERM at the thread's exit: %s\n", c == 'T' ? "yes" : "no");
	int st;
	waitpid(child, &st, 0);
	printf("child exited %d\n", WEXITSTATUS(st));
	return WEXITSTATUS(st) != 12;
}
