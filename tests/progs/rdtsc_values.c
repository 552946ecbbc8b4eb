/* Reads the time-stamp counter with RDTSC and RDTSCP (which also returns
 * IA32_TSC_AUX, on Linux the CPU and node number) and prints the values
 * and their differences.  Every run prints different numbers. */
#include <stdint.h>
#include <stdio.h>
#include <x86intrin.h>

#define N 8

int main(void)
{
	uint64_t tsc[N], tscp[N];
	unsigned aux[N];

	for (int i = 0; i < N; i++) {
		tsc[i] = __rdtsc();
		tscp[i] = __rdtscp(&aux[i]);
	}
	for (int i = 0; i < N; i++)
		printf("rdtsc[%d]=%llu rdtscp[%d]=%llu aux=%#x\n", i,
		       (unsigned long long)tsc[i], i,
		       (unsigned long long)tscp[i], aux[i]);

	/* Also straight inline asm, with the value used in the output. */
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	uint64_t last = ((uint64_t)hi << 32) | lo;
	printf("asm rdtsc=%llu, since first=%llu\n", (unsigned long long)last,
	       (unsigned long long)(last - tsc[0]));
	return 0;
}
