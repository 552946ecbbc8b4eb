/* Two threads each enter one critical section ROUNDS times (one mutex),
 * and write their letter in a shared log inside it; main prints the log
 * once both have joined: "log: AAAABBBB" when each ran its rounds back to
 * back, "log: ABABABAB" when they took turns at every unlock. */
#include <pthread.h>
#include <stdio.h>

enum { ROUNDS = 4 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char log_[2 * ROUNDS + 1];
static int used;

static void *worker(void *arg)
{
	char letter = *(const char *)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		log_[used++] = letter;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t a, b;
	if (pthread_create(&a, NULL, worker, "A") || pthread_create(&b, NULL, worker, "B")) {
		perror("pthread_create");
		return 2;
	}
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	printf("log: %s\n", log_);
	return 0;
}
