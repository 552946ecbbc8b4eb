/* Turns cpuid faulting off for itself (arch_prctl ARCH_SET_CPUID, 1), as
 * only a record/replay tool would: heisen traps every cpuid and refuses
 * this. Natively it prints what the kernel answered. */
#include <asm/prctl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long rc = syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1);
	printf("ARCH_SET_CPUID(1) = %ld\n", rc);
	return 0;
}
