/* Four threads call the raw exit_group syscall at the same moment (after
 * a barrier), with the same status, while main is blocked in a join:
 * several concurrent group exits must yield one process exit.
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_barrier_t bar;

static void *racer(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&bar);
	syscall(SYS_exit_group, 13);
	return NULL;
}

int main(void)
{
	pthread_barrier_init(&bar, NULL, 4);
	pthread_t t[4];
	printf("four threads racing to exit_group(13)\n");
	fflush(stdout);
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, racer, NULL);
	pthread_join(t[0], NULL);
	printf("join returned: should not happen\n");
	return 0;
}
