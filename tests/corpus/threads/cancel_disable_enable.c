/* Cancellation requested while the thread has it disabled: the request
 * stays pending across a blocking read, and takes effect at the first
 * cancellation point after pthread_setcancelstate(ENABLE).
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static int to_thread[2], to_main[2];
static int steps;

static void *worker(void *arg)
{
	(void)arg;
	int old;
	char c;
	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
	if (write(to_main[1], "r", 1) != 1)
		return NULL;
	/* main cancels us now; this read is a cancellation point, but
	 * cancellation is disabled: it must return the byte */
	if (read(to_thread[0], &c, 1) == 1)
		steps++;
	pthread_testcancel();
	steps++;
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
	steps += 10;
	pthread_testcancel();
	steps += 100;
	return NULL;
}

int main(void)
{
	if (pipe(to_thread) < 0 || pipe(to_main) < 0)
		return 1;
	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
	char c;
	if (read(to_main[0], &c, 1) != 1)
		return 1;
	pthread_cancel(t);
	if (write(to_thread[1], "g", 1) != 1)
		return 1;
	void *ret;
	pthread_join(t, &ret);
	printf("steps %d (expected 12), canceled: %s\n", steps,
	       ret == PTHREAD_CANCELED ? "yes" : "no");
	return !(steps == 12 && ret == PTHREAD_CANCELED);
}
