/* A pthread mutex and two condition variables with PTHREAD_PROCESS_SHARED
 * in a MAP_SHARED anonymous region, used by two processes: both add to a
 * counter under the mutex 20000 times, then the child hands 300 values to
 * the parent one at a time through a one-slot mailbox, each side waiting
 * on its condition variable (futexes on a shared page, not private ones).
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ADDS = 20000, VALUES = 300 };

struct shared {
	pthread_mutex_t lock;
	pthread_cond_t filled, emptied;
	long counter;
	int full, value, done;
};

static void add_all(struct shared *s)
{
	for (int i = 0; i < ADDS; i++) {
		pthread_mutex_lock(&s->lock);
		s->counter++;
		pthread_mutex_unlock(&s->lock);
	}
}

int main(void)
{
	struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	pthread_mutexattr_t ma;
	pthread_condattr_t ca;
	pthread_mutexattr_init(&ma);
	pthread_condattr_init(&ca);
	int e = pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	if (!e)
		e = pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
	if (!e)
		e = pthread_mutex_init(&s->lock, &ma);
	if (!e)
		e = pthread_cond_init(&s->filled, &ca);
	if (!e)
		e = pthread_cond_init(&s->emptied, &ca);
	if (e) {
		fprintf(stderr, "init: %s\n", strerror(e));
		return 1;
	}
	int pshared = 0;
	pthread_mutexattr_getpshared(&ma, &pshared);
	printf("mutex process-shared: %s\n", pshared == PTHREAD_PROCESS_SHARED ? "yes" : "no");
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		add_all(s);
		for (int i = 1; i <= VALUES; i++) {
			pthread_mutex_lock(&s->lock);
			while (s->full)
				pthread_cond_wait(&s->emptied, &s->lock);
			s->value = i * i;
			s->full = 1;
			if (i == VALUES)
				s->done = 1;
			pthread_cond_signal(&s->filled);
			pthread_mutex_unlock(&s->lock);
		}
		_exit(0);
	}
	add_all(s);
	long sum = 0;
	int got = 0, done = 0;
	while (!done && got < VALUES) {
		pthread_mutex_lock(&s->lock);
		while (!s->full)
			pthread_cond_wait(&s->filled, &s->lock);
		sum += s->value;
		got++;
		s->full = 0;
		done = s->done;
		pthread_cond_signal(&s->emptied);
		pthread_mutex_unlock(&s->lock);
	}
	int st;
	waitpid(c, &st, 0);
	printf("counter %ld (expected %d)\n", s->counter, 2 * ADDS);
	printf("received %d values, sum of squares %ld\n", got, sum);
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && s->counter == 2 * ADDS &&
		 got == VALUES && sum == (long)VALUES * (VALUES + 1) * (2 * VALUES + 1) / 6;
	pthread_cond_destroy(&s->filled);
	pthread_cond_destroy(&s->emptied);
	pthread_mutex_destroy(&s->lock);
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}
