/* Reads the time through the vDSO: clock_gettime (CLOCK_REALTIME,
 * CLOCK_MONOTONIC and more), gettimeofday and time().  None of these makes
 * a system call on x86-64, so a recorder that only watches system calls
 * would miss them; every run prints different values. */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static void show(const char *name, clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) != 0) {
		printf("%-24s unavailable\n", name);
		return;
	}
	printf("%-24s %lld.%09ld\n", name, (long long)ts.tv_sec, ts.tv_nsec);
}

int main(void)
{
	struct timespec a, b;
	struct timeval tv;
	long long sum_ns = 0;

	for (int round = 0; round < 3; round++) {
		printf("round %d\n", round);
		show("CLOCK_REALTIME", CLOCK_REALTIME);
		show("CLOCK_MONOTONIC", CLOCK_MONOTONIC);
		show("CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW);
		show("CLOCK_BOOTTIME", CLOCK_BOOTTIME);
		show("CLOCK_REALTIME_COARSE", CLOCK_REALTIME_COARSE);
		gettimeofday(&tv, NULL);
		printf("%-24s %lld.%06ld\n", "gettimeofday",
		       (long long)tv.tv_sec, (long)tv.tv_usec);
		printf("%-24s %lld\n", "time", (long long)time(NULL));
	}

	/* Many back-to-back reads: the values feed the output, so a replay
	 * that got any of them wrong prints a different sum. */
	for (int i = 0; i < 1000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &a);
		clock_gettime(CLOCK_MONOTONIC, &b);
		sum_ns += (b.tv_sec - a.tv_sec) * 1000000000LL +
			  (b.tv_nsec - a.tv_nsec);
		sum_ns ^= a.tv_nsec;
	}
	printf("mixed monotonic deltas: %lld\n", sum_ns);
	return 0;
}
