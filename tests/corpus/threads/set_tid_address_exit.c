/* set_tid_address: a thread points its clear-child-tid at a word of its
 * own choosing, then leaves with the raw exit syscall; the kernel must
 * clear that word and FUTEX_WAKE it, and main waits on it. A second
 * thread does the same after set_tid_address returned its tid.
 * corpus: native=same */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int word[2] = { -1, -1 };
static volatile long returned[2], real_tid[2];

static void *worker(void *arg)
{
	long i = (long)arg;
	returned[i] = syscall(SYS_set_tid_address, &word[i]);
	real_tid[i] = syscall(SYS_gettid);
	word[i] = (int)real_tid[i];
	syscall(SYS_exit, 0); /* glibc's own tid word is left alone */
	return NULL;
}

int main(void)
{
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	for (long i = 0; i < 2; i++) {
		pthread_t t;
		pthread_create(&t, &a, worker, (void *)i);
		int v;
		for (int k = 0; k < 1000 && (v = word[i]) != 0; k++)
			syscall(SYS_futex, &word[i], FUTEX_WAIT, v, NULL, NULL, 0);
		printf("thread %ld: set_tid_address returned its tid %s, word cleared at exit %s\n", i,
		       returned[i] == real_tid[i] ? "yes" : "no", word[i] == 0 ? "yes" : "no");
	}
	return !(word[0] == 0 && word[1] == 0);
}
