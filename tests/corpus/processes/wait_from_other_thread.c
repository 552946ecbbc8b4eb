/* Children belong to the thread group: thread A forks, thread B reaps
 * the child with waitpid; with __WNOTHREAD B only sees children it
 * forked itself (ECHILD for A's child), while A still can.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child1, child2;
static int go[2];

static void *forker(void *arg)
{
	(void)arg;
	child1 = fork();
	if (child1 == 0) {
		char c;
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		_exit(41);
	}
	child2 = fork();
	if (child2 == 0)
		_exit(42);
	return NULL;
}

static void *waiter(void *arg)
{
	(void)arg;
	int st;
	errno = 0;
	pid_t r = waitpid(child2, &st, __WNOTHREAD);
	printf("B: waitpid(A's child, __WNOTHREAD): %s\n", r < 0 && errno == ECHILD ? "ECHILD" : "reaped?");
	if (write(go[1], "g", 1) != 1)
		return NULL;
	r = waitpid(child1, &st, 0);
	printf("B: waitpid(A's child): reaped %s, exit %d\n", r == child1 ? "yes" : "no",
	       WEXITSTATUS(st));
	return NULL;
}

int main(void)
{
	if (pipe(go) < 0)
		return 1;
	pthread_t a, b;
	pthread_create(&a, NULL, forker, NULL);
	pthread_join(a, NULL); /* A has exited: its children are the group's */
	pthread_create(&b, NULL, waiter, NULL);
	pthread_join(b, NULL);
	int st;
	pid_t r = waitpid(child2, &st, 0);
	printf("main: reaped the other child of the exited thread: %s, exit %d\n",
	       r == child2 ? "yes" : "no", WEXITSTATUS(st));
	return 0;
}
