/* A worker thread calls exit(5) while main is blocked in pthread_join
 * on another thread (which is itself blocked in a read): the process
 * status comes from a non-main thread and main's futex wait never returns.
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int p[2];
static int go[2];

static void *blocked(void *arg)
{
	(void)arg;
	char c;
	ssize_t n = read(p[0], &c, 1);
	printf("blocked thread read %zd: should not happen\n", n);
	return NULL;
}

static void *exiter(void *arg)
{
	(void)arg;
	char c;
	if (read(go[0], &c, 1) != 1)
		return NULL;
	printf("worker: exit(5) while main joins\n");
	fflush(stdout);
	exit(5);
}

int main(void)
{
	if (pipe(p) < 0 || pipe(go) < 0)
		return 1;
	pthread_t a, b;
	pthread_create(&a, NULL, blocked, NULL);
	pthread_create(&b, NULL, exiter, NULL);
	printf("main: joining\n");
	fflush(stdout);
	if (write(go[1], "x", 1) != 1)
		return 1;
	pthread_join(a, NULL);
	printf("main: join returned: should not happen\n");
	return 0;
}
