/* fork from a multi-threaded process: from main while three threads are
 * blocked, and from a worker thread. The child has only the forking
 * thread, can use a mutex that was free at fork time, and prints from it.
 * The parent counts its threads before the forking worker exists: a joined
 * thread can still be listed in /proc/self/task for a moment after
 * pthread_join returns (the kernel wakes the joiner before it reaps the
 * thread), so a count taken after the join varies natively.
 * corpus: native=same */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int block[2];

static int count_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	if (!d)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void *blocked(void *arg)
{
	(void)arg;
	char c;
	if (read(block[0], &c, 1) < 0)
		return NULL;
	return NULL;
}

static int fork_and_report(const char *who)
{
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		pthread_mutex_lock(&m);
		printf("child forked by %s: %d thread(s)\n", who, count_threads());
		pthread_mutex_unlock(&m);
		fflush(stdout);
		_exit(3);
	}
	int st;
	waitpid(p, &st, 0);
	return WEXITSTATUS(st);
}

static void *forker(void *arg)
{
	(void)arg;
	return (void *)(long)fork_and_report("a worker thread");
}

int main(void)
{
	if (pipe(block) < 0)
		return 1;
	pthread_t t[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, blocked, NULL);
	int a = fork_and_report("main");
	int nthreads = count_threads();
	pthread_t f;
	void *b;
	pthread_create(&f, NULL, forker, NULL);
	pthread_join(f, &b);
	printf("parent: %d threads; children exited %d and %ld\n", nthreads, a, (long)b);
	if (write(block[1], "xxx", 3) != 3)
		return 1;
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	return !(a == 3 && (long)b == 3);
}
