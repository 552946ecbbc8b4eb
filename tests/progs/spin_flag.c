/* The main thread spins, making no system calls, until a flag set by
 * another thread becomes visible, counting its spins.  The setter thread
 * first does a little work (a few system calls and a computation).  How many
 * times the spinner goes round depends on timing, so native runs print
 * different counts; a replay must switch threads at exactly the recorded
 * points. */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>
#include <x86intrin.h>

#define GIVE_UP (1UL << 25) /* about a second of pauses */

static atomic_int flag;
static unsigned long work_result;

static void *setter(void *arg)
{
	(void)arg;
	unsigned long x = 1;

	/* A few system calls... */
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	for (int i = 0; i < 5; i++)
		if (fd >= 0 && write(fd, "x", 1) == 1)
			x++;
	if (fd >= 0)
		close(fd);
	/* ...and a computation. */
	for (int i = 0; i < 20000; i++)
		x = x * 6364136223846793005UL + 1442695040888963407UL;
	work_result = x;
	atomic_store_explicit(&flag, 1, memory_order_release);
	return NULL;
}

int main(void)
{
	pthread_t t;
	unsigned long spins = 0;

	if (pthread_create(&t, NULL, setter, NULL) != 0) {
		fprintf(stderr, "pthread_create failed\n");
		return 1;
	}
	while (!atomic_load_explicit(&flag, memory_order_acquire) &&
	       spins < GIVE_UP) {
		_mm_pause(); /* a polite spin: fewer branches per millisecond */
		spins++;
	}
	if (spins >= GIVE_UP) {
		printf("gave up after %lu spins\n", spins);
		return 2;
	}
	pthread_join(t, NULL);
	printf("spun %lu times before the flag was set\n", spins);
	printf("setter work result %016lx\n", work_result);
	return 0;
}
