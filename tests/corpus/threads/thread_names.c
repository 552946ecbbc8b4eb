/* Thread names set by each thread itself with pthread_setname_np and
 * prctl(PR_SET_NAME), read back with prctl(PR_GET_NAME) and from
 * /proc/thread-self/comm; a 16+ byte name fails with ERANGE.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

enum { THREADS = 4 };
static pthread_barrier_t bar;
static char report[THREADS][128];

static void comm(char *buf, size_t n)
{
	int fd = open("/proc/thread-self/comm", O_RDONLY);
	ssize_t r = fd < 0 ? -1 : read(fd, buf, n - 1);
	if (fd >= 0)
		close(fd);
	buf[r > 0 ? r - 1 : 0] = 0; /* drop the newline */
}

static void *worker(void *arg)
{
	long id = (long)arg;
	char want[16], got[32], proc[32];
	snprintf(want, sizeof want, "worker-%ld", id);
	if (id % 2)
		pthread_setname_np(pthread_self(), want);
	else
		prctl(PR_SET_NAME, want);
	pthread_barrier_wait(&bar); /* all named before anyone reads */
	prctl(PR_GET_NAME, got);
	comm(proc, sizeof proc);
	char self[32];
	pthread_getname_np(pthread_self(), self, sizeof self);
	snprintf(report[id], sizeof report[id], "%s: prctl %s, getname_np %s, comm %s",
		 want, strcmp(got, want) ? got : "same", strcmp(self, want) ? self : "same",
		 strcmp(proc, want) ? proc : "same");
	return NULL;
}

int main(void)
{
	pthread_barrier_init(&bar, NULL, THREADS);
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < THREADS; i++)
		printf("%s\n", report[i]);
	int r = pthread_setname_np(pthread_self(), "a-name-longer-than-15");
	printf("too long a name: %s\n", r == ERANGE ? "ERANGE" : strerror(r));
	prctl(PR_SET_NAME, "a-name-longer-than-15");
	char got[32];
	prctl(PR_GET_NAME, got);
	printf("prctl truncates to: %s\n", got);
	comm(got, sizeof got);
	printf("main's comm: %s\n", got);
	return 0;
}
