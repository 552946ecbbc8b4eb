/* Stack overflow caught on an alternate stack: a thread with a 256 KiB
 * stack recurses (bounded, 1 KiB frames) until it hits its guard page;
 * the SIGSEGV handler runs on the thread's sigaltstack and siglongjmps
 * back. Done three times; the depth reached is checked, not printed.
 * corpus: native=same */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static __thread sigjmp_buf env;
static __thread volatile long depth;
static volatile int caught;

static void on_segv(int sig)
{
	(void)sig;
	caught++;
	siglongjmp(env, 1);
}

__attribute__((noinline)) static long recurse(long n)
{
	volatile char frame[1024];
	frame[0] = (char)n;
	depth = n;
	if (n >= 100000)   /* 100 MB: far beyond the thread's stack */
		return frame[0];
	return recurse(n + 1) + frame[0];
}

static void *thread(void *arg)
{
	(void)arg;
	size_t sz = 64 * 1024;
	void *alt = malloc(sz);
	stack_t ss = { .ss_sp = alt, .ss_size = sz, .ss_flags = 0 };
	if (!alt || sigaltstack(&ss, NULL))
		return (void *)1;
	volatile long results = 0;
	for (int round = 0; round < 3; round++) {
		if (sigsetjmp(env, 1) == 0) {
			recurse(0);
			results |= 2;   /* should not get here */
		} else if (depth < 50 || depth > 1000) {
			results |= 4;
		}
	}
	stack_t off = { .ss_flags = SS_DISABLE };
	sigaltstack(&off, NULL);
	free(alt);
	return (void *)results;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_segv;
	sa.sa_flags = SA_ONSTACK | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setstacksize(&at, 256 * 1024);
	pthread_t t;
	pthread_create(&t, &at, thread, NULL);
	void *res;
	pthread_join(t, &res);
	printf("overflow caught %d times, depth plausible: %s\n", caught,
	       (long)res == 0 ? "yes" : "no");
	return caught != 3 || res != 0;
}
