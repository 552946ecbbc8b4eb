/* Reading the clock's discipline without changing it: adjtimex and
 * clock_adjtime(CLOCK_REALTIME) with modes 0 store a struct timex back;
 * both tell the same state, tick and frequency. CLOCK_MONOTONIC cannot
 * be adjusted (EOPNOTSUPP), an unknown clock is EINVAL, and a struct
 * the kernel cannot read is EFAULT.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

static const char *en(long r)
{
	return r < 0 ? strerrorname_np(errno) : "";
}

int main(void)
{
	struct timex a, b;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.tick = b.tick = -1;
	long ra = syscall(SYS_adjtimex, &a);
	long rb = syscall(SYS_clock_adjtime, CLOCK_REALTIME, &b);
	printf("adjtimex: state %ld, clock_adjtime: state %ld\n", ra, rb);
	printf("same tick: %s (%s), same freq: %s, same status: %s\n",
	       a.tick == b.tick ? "yes" : "no", a.tick > 0 ? "set" : "unset",
	       a.freq == b.freq ? "yes" : "no",
	       a.status == b.status ? "yes" : "no");
	errno = 0;
	long r = syscall(SYS_clock_adjtime, CLOCK_MONOTONIC, &b);
	printf("CLOCK_MONOTONIC: %ld %s\n", r, en(r));
	errno = 0;
	r = syscall(SYS_clock_adjtime, 1000, &b);
	printf("clock 1000: %ld %s\n", r, en(r));
	errno = 0;
	r = syscall(SYS_clock_adjtime, CLOCK_REALTIME, (void *)8);
	printf("bad timex: %ld %s\n", r, en(r));
	errno = 0;
	r = syscall(SYS_adjtimex, (void *)8);
	printf("adjtimex bad timex: %ld %s\n", r, en(r));
	return 0;
}
