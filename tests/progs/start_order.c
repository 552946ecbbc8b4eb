/* Which of N threads, created one after the other, gets to run first:
 * each one, as soon as it runs, takes the next place in a shared list
 * (an atomic counter, so the list itself is race-free), and main prints
 * the list once all have joined: "order: 0 1 2 3 4 5" when they ran in
 * creation order. N is argv[1] (default 6, at most 64). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { MAX = 64 };

static int order[MAX];
static int taken;

static void *worker(void *arg)
{
	int place = __atomic_fetch_add(&taken, 1, __ATOMIC_SEQ_CST);
	order[place] = (int)(long)arg;
	return NULL;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 6;
	if (n < 1 || n > MAX) {
		fprintf(stderr, "start_order: N is 1..%d\n", MAX);
		return 2;
	}
	pthread_t t[MAX];
	for (long i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i)) {
			perror("pthread_create");
			return 2;
		}
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	printf("order:");
	for (int i = 0; i < n; i++)
		printf(" %d", order[i]);
	printf("\n");
	return 0;
}
