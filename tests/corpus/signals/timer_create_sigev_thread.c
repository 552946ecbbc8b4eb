/* timer_create with SIGEV_THREAD: glibc runs the notify function in a
 * helper thread at each expiry (it uses an internal rt signal and a thread
 * that waits for it). Main spins on a volatile counter; each of 15 notify
 * calls records the counter it sees.
 * corpus: native=differs */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

enum { TICKS = 15 };
static volatile long counter;
static long at[TICKS];
static volatile int n;
static int cookie_ok;

static void notify(union sigval v)
{
	if (*(int *)v.sival_ptr == 1234)
		cookie_ok = 1;
	if (n < TICKS) {
		at[n] = counter;
		n++;
	}
}

int main(void)
{
	static int cookie = 1234;
	struct sigevent sev;
	memset(&sev, 0, sizeof sev);
	sev.sigev_notify = SIGEV_THREAD;
	sev.sigev_notify_function = notify;
	sev.sigev_value.sival_ptr = &cookie;
	timer_t tid;
	if (timer_create(CLOCK_MONOTONIC, &sev, &tid)) {
		perror("timer_create");
		return 1;
	}
	struct itimerspec its = { { 0, 2000000 }, { 0, 2000000 } };
	timer_settime(tid, 0, &its, NULL);
	while (n < TICKS && counter < 600000000L)
		counter++;
	struct itimerspec off;
	memset(&off, 0, sizeof off);
	timer_settime(tid, 0, &off, NULL);
	timer_delete(tid);
	printf("%d notifications, cookie %s; main counter at each:", n, cookie_ok ? "ok" : "wrong");
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\n");
	return n != TICKS || !cookie_ok;
}
