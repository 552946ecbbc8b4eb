/* Multi-threaded children dying as a whole: one with four blocked
 * threads is SIGKILLed by us; in another a non-main thread faults
 * (SIGSEGV kills every thread); in a third a thread calls exit(3) while
 * main blocks. The parent sees one status per process.
 * corpus: native=same */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static int ready[2], block[2];
static int *volatile null_ptr;

static void *blocked(void *arg)
{
	(void)arg;
	char c;
	if (read(block[0], &c, 1) < 0)
		return NULL;
	return NULL;
}

static void *faulter(void *arg)
{
	(void)arg;
	*null_ptr = 1;
	return NULL;
}

static void *exiter(void *arg)
{
	(void)arg;
	exit(3);
}

static pid_t start(int kind)
{
	fflush(stdout);
	pid_t c = fork();
	if (c == 0) {
		prctl(PR_SET_DUMPABLE, 0);
		pthread_t t[4];
		for (int i = 0; i < 4; i++)
			pthread_create(&t[i], NULL, blocked, NULL);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		pthread_t x;
		if (kind == 1)
			pthread_create(&x, NULL, faulter, NULL);
		if (kind == 2)
			pthread_create(&x, NULL, exiter, NULL);
		pthread_join(t[0], NULL);
		_exit(0);
	}
	char ch;
	if (read(ready[0], &ch, 1) != 1)
		exit(1);
	return c;
}

static void show(const char *what, pid_t c)
{
	int st;
	waitpid(c, &st, 0);
	if (WIFSIGNALED(st))
		printf("%s: killed by %s\n", what, strsignal(WTERMSIG(st)));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

int main(void)
{
	struct rlimit rl = { 0, 0 };
	setrlimit(RLIMIT_CORE, &rl);
	if (pipe(ready) < 0 || pipe(block) < 0)
		return 1;
	pid_t a = start(0);
	kill(a, SIGKILL);
	show("5 threads, SIGKILL from us", a);
	show("a thread faults", start(1));
	show("a thread calls exit(3)", start(2));
	return 0;
}
