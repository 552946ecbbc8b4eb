/* Unnamed sem_t with pshared=1 in a MAP_SHARED anonymous region: two
 * forked producers and the parent as consumer share an 8-slot ring
 * guarded by "free", "full" and a binary "lock" semaphore. Each producer
 * sends 500 numbered items; the consumer checks that each producer's
 * items arrive in order and none is lost or duplicated.
 * corpus: native=same */
#include <semaphore.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { PRODUCERS = 2, ITEMS = 500, RING = 8 };

struct shared {
	sem_t free, full, lock;
	int head, tail, count;
	int ring[RING];
	int max_in_ring;
};

int main(void)
{
	struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	if (sem_init(&s->free, 1, RING) < 0 || sem_init(&s->full, 1, 0) < 0 ||
	    sem_init(&s->lock, 1, 1) < 0) {
		perror("sem_init");
		return 1;
	}
	pid_t pids[PRODUCERS];
	fflush(stdout);
	for (int p = 0; p < PRODUCERS; p++) {
		pids[p] = fork();
		if (pids[p] < 0) {
			perror("fork");
			return 1;
		}
		if (pids[p] == 0) {
			for (int i = 0; i < ITEMS; i++) {
				if (sem_wait(&s->free) < 0 || sem_wait(&s->lock) < 0)
					_exit(3);
				s->ring[s->head] = p * 10000 + i;
				s->head = (s->head + 1) % RING;
				if (++s->count > s->max_in_ring)
					s->max_in_ring = s->count;
				sem_post(&s->lock);
				sem_post(&s->full);
			}
			_exit(0);
		}
	}
	int next[PRODUCERS] = {0}, bad = 0;
	long sum = 0;
	for (int k = 0; k < PRODUCERS * ITEMS; k++) {
		if (sem_wait(&s->full) < 0 || sem_wait(&s->lock) < 0) {
			perror("sem_wait");
			return 1;
		}
		int v = s->ring[s->tail];
		s->tail = (s->tail + 1) % RING;
		s->count--;
		sem_post(&s->lock);
		sem_post(&s->free);
		int p = v / 10000, i = v % 10000;
		if (p < 0 || p >= PRODUCERS || i != next[p]) {
			bad = 1;
			continue;
		}
		next[p]++;
		sum += v;
	}
	for (int p = 0; p < PRODUCERS; p++) {
		int st;
		waitpid(pids[p], &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			bad = 1;
		printf("producer %d: %d items in order\n", p, next[p]);
	}
	int v;
	sem_getvalue(&s->free, &v);
	printf("sum %ld, ring never over %d: %s, free slots at the end %d\n", sum, RING,
	       s->max_in_ring <= RING ? "yes" : "no", v);
	if (sum != 10000L * ITEMS + 2L * (ITEMS * (ITEMS - 1) / 2) || v != RING ||
	    s->max_in_ring > RING || s->count)
		bad = 1;
	sem_destroy(&s->free);
	sem_destroy(&s->full);
	sem_destroy(&s->lock);
	printf("%s\n", bad ? "FAIL" : "ok");
	return bad;
}
