/* Prints one numbered line, then blocks: the main thread and a second
 * thread each sleep in a loop of one-second nanosleeps (30 at most, so the
 * program always ends).  The tests send SIGTERM or SIGKILL to the recorder
 * once the first line has appeared. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#define MAX_SLEEPS 30

static void sleep_a_while(void)
{
	for (int i = 0; i < MAX_SLEEPS; i++) {
		struct timespec ts = { .tv_sec = 1, .tv_nsec = 0 };
		nanosleep(&ts, NULL);
	}
}

static void *sleeper(void *arg)
{
	(void)arg;
	sleep_a_while();
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, sleeper, NULL) != 0) {
		fprintf(stderr, "pthread_create failed\n");
		return 1;
	}
	printf("1: second thread created, now blocking\n");
	fflush(stdout);
	sleep_a_while();
	pthread_join(t, NULL);
	printf("2: woke up after %d seconds\n", MAX_SLEEPS);
	return 0;
}
