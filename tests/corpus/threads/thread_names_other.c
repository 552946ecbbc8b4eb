/* main names its worker threads with pthread_setname_np(t, ...) and reads
 * them back with pthread_getname_np(t, ...): for another thread glibc
 * goes through /proc/self/task/TID/comm, so the tid glibc knows must
 * name the thread in the /proc the program sees.
 * corpus: native=same */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

enum { THREADS = 3 };
static int go[2];

static void *worker(void *arg)
{
	(void)arg;
	char c, name[32] = "";
	if (read(go[0], &c, 1) != 1)
		return NULL;
	prctl(PR_GET_NAME, name);
	return strdup(name);
}

int main(void)
{
	if (pipe(go) < 0)
		return 1;
	pthread_t t[THREADS];
	int bad = 0;
	for (long i = 0; i < THREADS; i++) {
		pthread_create(&t[i], NULL, worker, NULL);
		char name[16], back[32] = "";
		snprintf(name, sizeof name, "named-%ld", i);
		int r1 = pthread_setname_np(t[i], name);
		int r2 = pthread_getname_np(t[i], back, sizeof back);
		printf("thread %ld: setname %s, getname %s: %s\n", i, r1 ? strerror(r1) : "ok",
		       r2 ? strerror(r2) : "ok", back);
		bad += r1 || r2 || strcmp(back, name);
	}
	for (int i = 0; i < THREADS; i++)
		if (write(go[1], "g", 1) != 1)
			return 1;
	for (int i = 0; i < THREADS; i++) {
		void *name;
		pthread_join(t[i], &name);
		printf("thread %d saw its own name as %s\n", i, (char *)name);
	}
	return bad != 0;
}
