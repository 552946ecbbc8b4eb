/* 200 rounds of pthread_create + pthread_join, each thread adding its
 * index to a sum: thread creation and exit (CLONE_CHILD_CLEARTID wakeups,
 * stack reuse) over and over.
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>

enum { ROUNDS = 200 };

static void *add(void *arg)
{
	long i = (long)arg;
	return (void *)(i * i);
}

int main(void)
{
	long sum = 0;
	for (long i = 0; i < ROUNDS; i++) {
		pthread_t t;
		void *ret;
		if (pthread_create(&t, NULL, add, (void *)i) != 0) {
			printf("pthread_create failed at %ld\n", i);
			return 1;
		}
		pthread_join(t, &ret);
		sum += (long)ret;
	}
	long want = (long)(ROUNDS - 1) * ROUNDS * (2 * ROUNDS - 1) / 6;
	printf("%d threads, sum of squares %ld (expected %ld)\n", ROUNDS, sum, want);
	return sum != want;
}
