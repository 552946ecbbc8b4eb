/* main calls pthread_exit while three workers keep running: the leader
 * becomes a zombie thread, the workers print after it, and the process
 * exits with status 0 only when the last (non-leader) thread exits.
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

enum { THREADS = 3 };
static pthread_t main_thread;
static int order[THREADS][2];

static void *worker(void *arg)
{
	long id = (long)arg;
	char c;
	/* each waits for its turn: main's exit is first, then 0, 1, 2 */
	if (id == 0) {
		int r = pthread_join(main_thread, NULL);
		printf("worker 0: joined the exited main thread: %s\n", r == 0 ? "yes" : "no");
	} else if (read(order[id - 1][0], &c, 1) != 1) {
		return NULL;
	}
	printf("worker %ld: running after main's pthread_exit\n", id);
	fflush(stdout);
	if (write(order[id][1], "x", 1) != 1)
		return NULL;
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		if (pipe(order[i]) < 0)
			return 1;
	main_thread = pthread_self();
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_detach(t[i]);
	printf("main: pthread_exit\n");
	fflush(stdout);
	pthread_exit(NULL);
}
