/* FUTEX_WAIT with a relative timeout that expires (ETIMEDOUT), with a
 * zero timeout, and FUTEX_WAIT_BITSET with an absolute CLOCK_REALTIME
 * deadline in the past: timed-out futex waits, whose result is the kernel's.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int word;

static const char *wait_rel(long ns)
{
	struct timespec ts = { 0, ns };
	errno = 0;
	long r = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0);
	return r == 0 ? "woken" : errno == ETIMEDOUT ? "ETIMEDOUT" : strerror(errno);
}

int main(void)
{
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	printf("20 ms wait: %s\n", wait_rel(20 * 1000 * 1000));
	clock_gettime(CLOCK_MONOTONIC, &b);
	long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	printf("it took at least 20 ms: %s\n", ms >= 20 ? "yes" : "no");
	printf("zero wait: %s\n", wait_rel(0));

	struct timespec past;
	clock_gettime(CLOCK_REALTIME, &past);
	past.tv_sec -= 1;
	errno = 0;
	long r = syscall(SYS_futex, &word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0,
			 &past, NULL, FUTEX_BITSET_MATCH_ANY);
	printf("bitset wait with a past realtime deadline: %s\n",
	       r == 0 ? "woken" : errno == ETIMEDOUT ? "ETIMEDOUT" : strerror(errno));
	struct timespec bad = { 0, 2000000000L };
	errno = 0;
	r = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &bad, NULL, 0);
	printf("invalid timeout: %s\n", r < 0 && errno == EINVAL ? "EINVAL" : strerror(errno));
	return ms < 20;
}
