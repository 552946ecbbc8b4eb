/* Prints what the CPUID instruction says: the vendor string (leaf 0) and
 * the four registers of leaf 1.  EBX bits 31..24 of leaf 1 hold the initial
 * APIC id of the CPU the instruction ran on, so two native runs pinned to
 * different CPUs print different values; a replay must print the recorded
 * ones wherever it runs. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void cpuid_raw(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

int main(void)
{
	uint32_t r[4];
	char vendor[13];

	cpuid_raw(0, 0, r);
	memcpy(vendor + 0, &r[1], 4);
	memcpy(vendor + 4, &r[3], 4);
	memcpy(vendor + 8, &r[2], 4);
	vendor[12] = '\0';
	printf("leaf0: max_leaf=%u vendor=%s\n", r[0], vendor);

	cpuid_raw(1, 0, r);
	printf("leaf1: eax=%08x ebx=%08x ecx=%08x edx=%08x\n",
	       r[0], r[1], r[2], r[3]);
	printf("leaf1: apic_id=%u logical_cpus=%u\n",
	       r[1] >> 24, (r[1] >> 16) & 0xff);

	/* Ask a second time, after the output: the value can change if the
	 * thread migrated in between. */
	cpuid_raw(1, 0, r);
	printf("leaf1 again: apic_id=%u\n", r[1] >> 24);
	return 0;
}
