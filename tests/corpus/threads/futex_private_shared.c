/* The same 300-round handoff three times: with FUTEX_PRIVATE_FLAG, with
 * shared (non-private) futex ops on private memory, and with shared ops
 * on a freshly mmapped anonymous page: the kernel's futex keys differ,
 * the results must not.
 * corpus: native=same */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { ROUNDS = 300 };
static int private_flag;
static int *turn;

static void wait_for(int want)
{
	int v;
	while ((v = __atomic_load_n(turn, __ATOMIC_ACQUIRE)) != want)
		syscall(SYS_futex, turn, FUTEX_WAIT | private_flag, v, NULL, NULL, 0);
}

static void give(int to)
{
	__atomic_store_n(turn, to, __ATOMIC_RELEASE);
	syscall(SYS_futex, turn, FUTEX_WAKE | private_flag, 1, NULL, NULL, 0);
}

static long ping;

static void *other(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		wait_for(1);
		ping++;
		give(0);
	}
	return NULL;
}

static long run(const char *what)
{
	ping = 0;
	*turn = 0;
	pthread_t t;
	pthread_create(&t, NULL, other, NULL);
	for (int i = 0; i < ROUNDS; i++) {
		wait_for(0);
		ping++;
		give(1);
	}
	wait_for(0);
	pthread_join(t, NULL);
	printf("%s: %ld pings\n", what, ping);
	return ping;
}

int main(void)
{
	static int word;
	long bad = 0;
	turn = &word;
	private_flag = FUTEX_PRIVATE_FLAG;
	bad += run("private ops, private memory") != 2 * ROUNDS;
	private_flag = 0;
	bad += run("shared ops, private memory") != 2 * ROUNDS;
	int *anon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED)
		return 1;
	turn = anon + 10;
	bad += run("shared ops, fresh anonymous page") != 2 * ROUNDS;
	munmap(anon, 4096);
	return bad != 0;
}
