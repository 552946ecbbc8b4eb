/* sem_wait() (a futex wait) interrupted by SIGALRM after 30 ms whose
 * handler calls sem_post (async-signal-safe): without SA_RESTART sem_wait
 * fails with EINTR (the post is taken by the next sem_wait); with
 * SA_RESTART the futex wait is restarted, sees the post and succeeds.
 * corpus: native=same */
#include <errno.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static sem_t sem;
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
	sem_post(&sem);
}

int main(void)
{
	sem_init(&sem, 0, 0);
	int bad = 0;
	for (int restart = 0; restart < 2; restart++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		sa.sa_flags = restart ? SA_RESTART : 0;
		sigaction(SIGALRM, &sa, NULL);
		hits = 0;
		struct itimerval it = { { 0, 0 }, { 0, 30000 } };
		setitimer(ITIMER_REAL, &it, NULL);
		int r = sem_wait(&sem);
		int e = errno;
		printf("%s: sem_wait returned %d%s, handler ran %d",
		       restart ? "SA_RESTART" : "no SA_RESTART", r,
		       r < 0 ? (e == EINTR ? " EINTR" : " (other error)") : "", (int)hits);
		bad |= restart ? r != 0 : !(r < 0 && e == EINTR);
		int v;
		sem_getvalue(&sem, &v);
		printf(", value now %d\n", v);
		if (v > 0)
			sem_wait(&sem);
	}
	sem_destroy(&sem);
	return bad;
}
