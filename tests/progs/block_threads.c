/* Prints one numbered line, then blocks: the main thread and a second
 * thread each sleep in a loop of one-second nanosleeps (30 at most, so the
 * program always ends).  The tests send SIGTERM or SIGKILL to the recorder
 * once the first line has appeared, and expect the main thread asleep by
 * then: the second thread prints the line only once /proc says the main
 * thread is in clock_nanosleep (or after a bounded wait). */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_SLEEPS 30
#define MAX_LOOKS 100000

static void sleep_a_while(void)
{
	for (int i = 0; i < MAX_SLEEPS; i++) {
		struct timespec ts = { .tv_sec = 1, .tv_nsec = 0 };
		nanosleep(&ts, NULL);
	}
}

/* Is thread tid of this process blocked in clock_nanosleep? */
static int asleep(pid_t tid)
{
	char path[64];
	long nr = -1;
	snprintf(path, sizeof path, "/proc/self/task/%d/syscall", (int)tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	if (fscanf(f, "%ld", &nr) != 1)
		nr = -1;
	fclose(f);
	return nr == SYS_clock_nanosleep;
}

static void *sleeper(void *arg)
{
	pid_t main_tid = (pid_t)(long)arg;
	for (int i = 0; i < MAX_LOOKS && !asleep(main_tid); i++)
		sched_yield();
	printf("1: second thread created, now blocking\n");
	fflush(stdout);
	sleep_a_while();
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, sleeper, (void *)(long)gettid()) != 0) {
		fprintf(stderr, "pthread_create failed\n");
		return 1;
	}
	sleep_a_while();
	pthread_join(t, NULL);
	printf("2: woke up after %d seconds\n", MAX_SLEEPS);
	return 0;
}
