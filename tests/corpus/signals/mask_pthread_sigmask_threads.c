/* pthread_sigmask is per thread: a new thread inherits its creator's mask,
 * changes its own, and the creator's is untouched. Each thread sends itself
 * SIGUSR1 with pthread_kill while it has it blocked, sees it pending, and
 * takes it when it unblocks; main never sees it.
 * corpus: native=same */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static __thread volatile int my_hits;
static volatile sig_atomic_t total;

static void handler(int sig)
{
	(void)sig;
	my_hits++;
	total++;
}

static void *worker(void *arg)
{
	long id = (long)arg;
	sigset_t cur, pend, one;
	pthread_sigmask(SIG_BLOCK, NULL, &cur);
	int inherited = sigismember(&cur, SIGUSR1);
	sigemptyset(&one);
	sigaddset(&one, SIGUSR1);
	pthread_kill(pthread_self(), SIGUSR1);
	sigpending(&pend);
	int was_pending = sigismember(&pend, SIGUSR1);
	int before = my_hits;
	pthread_sigmask(SIG_UNBLOCK, &one, NULL);
	printf("thread %ld: inherited blocked=%d pending=%d hits before=%d after=%d\n",
	       id, inherited, was_pending, before, my_hits);
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t one, cur, pend;
	sigemptyset(&one);
	sigaddset(&one, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &one, NULL);
	for (long i = 0; i < 3; i++) {
		pthread_t t;
		pthread_create(&t, NULL, worker, (void *)i);
		pthread_join(t, NULL);
	}
	pthread_sigmask(SIG_BLOCK, NULL, &cur);
	sigpending(&pend);
	printf("main: still blocked=%d pending=%d hits=%d total=%d\n",
	       sigismember(&cur, SIGUSR1), sigismember(&pend, SIGUSR1), my_hits, (int)total);
	return total != 3;
}
