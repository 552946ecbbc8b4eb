/* Two threads increment one shared counter with no synchronisation: the
 * read-modify-write of `counter` is not atomic, so when the loops run in
 * parallel, updates are lost and the final count differs from run to run.
 *
 * To make the loops overlap natively even on a busy machine, each thread
 * asks for a CPU of its own (when the process may use two or more), and the
 * two wait for each other before counting (a short, bounded, polite spin).
 * Under a recorder that runs one thread at a time none of this matters: the
 * count then depends on where the recorder preempted the threads. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <x86intrin.h>

#define ITERS 2000000L
#define START_GIVE_UP (1L << 25) /* about a second of pauses */

static volatile long counter;
static atomic_int arrived;
static int cpu_for[2] = { -1, -1 };

static void *worker(void *arg)
{
	int me = *(int *)arg;

	if (cpu_for[me] >= 0) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(cpu_for[me], &set);
		/* Only a hint: on failure the threads simply may share a CPU. */
		(void)pthread_setaffinity_np(pthread_self(), sizeof set, &set);
	}
	atomic_fetch_add(&arrived, 1);
	for (long n = 0; atomic_load(&arrived) < 2 && n < START_GIVE_UP; n++)
		_mm_pause();
	for (long i = 0; i < ITERS; i++)
		counter = counter + 1;
	return NULL;
}

int main(void)
{
	pthread_t t[2];
	int ids[2] = { 0, 1 };
	cpu_set_t allowed;

	/* The first two CPUs this process may run on, if there are two. */
	if (sched_getaffinity(0, sizeof allowed, &allowed) == 0 &&
	    CPU_COUNT(&allowed) >= 2) {
		int found = 0;
		for (int cpu = 0; cpu < CPU_SETSIZE && found < 2; cpu++)
			if (CPU_ISSET(cpu, &allowed))
				cpu_for[found++] = cpu;
	}
	for (int i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, worker, &ids[i]) != 0) {
			fprintf(stderr, "pthread_create failed\n");
			return 1;
		}
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("final count: %ld of %ld (%ld lost)\n", counter, 2 * ITERS,
	       2 * ITERS - counter);
	return 0;
}
