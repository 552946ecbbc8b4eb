/* pthread_cond_wait (a futex wait) interrupted by SIGALRM: it never
 * returns EINTR; glibc goes back to waiting. The handler wakes a helper
 * thread through a pipe, which sets the predicate and signals the condvar.
 * Done with and without SA_RESTART.
 * corpus: native=same */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;
static int p[2];
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
	write(p[1], "g", 1);
}

static void *helper(void *arg)
{
	(void)arg;
	for (int round = 0; round < 2; round++) {
		char c;
		if (read(p[0], &c, 1) != 1)
			break;
		pthread_mutex_lock(&mu);
		ready = 1;
		pthread_cond_signal(&cv);
		pthread_mutex_unlock(&mu);
	}
	return NULL;
}

int main(void)
{
	if (pipe(p))
		return 1;
	/* only main takes SIGALRM */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_t t;
	pthread_create(&t, NULL, helper, NULL);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	int bad = 0;
	for (int restart = 0; restart < 2; restart++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		sa.sa_flags = restart ? SA_RESTART : 0;
		sigaction(SIGALRM, &sa, NULL);
		hits = 0;
		pthread_mutex_lock(&mu);
		ready = 0;
		struct itimerval it = { { 0, 0 }, { 0, 30000 } };
		setitimer(ITIMER_REAL, &it, NULL);
		int r = 0, waits = 0;
		while (!ready && r == 0 && waits < 100) {
			r = pthread_cond_wait(&cv, &mu);
			waits++;
		}
		pthread_mutex_unlock(&mu);
		printf("%s: pthread_cond_wait returned %d, ready=%d, handler ran %d\n",
		       restart ? "SA_RESTART" : "no SA_RESTART", r, ready, (int)hits);
		bad |= r != 0 || !ready || hits != 1;
	}
	pthread_join(t, NULL);
	return bad;
}
