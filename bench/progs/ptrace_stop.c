/* What one ptrace syscall stop costs on this machine, the floor of any
 * ptrace-based recorder: a tracer resumes a child with PTRACE_SYSCALL and
 * waits for it, while the child makes N getppid calls (two stops each).
 * Measured twice: a plain child, and a child with rdtsc made to fault
 * (PR_SET_TSC), as heisen's tracees are.  The kernel flips CR4.TSD at every
 * switch between such a task and one without it, which is slow in a
 * virtual machine.  A third child has CPUID faulting on as well, which
 * the kernel switches (an MSR write) in the same way.  Run it pinned to one
 * CPU (bench/run does). Prints
 *   ptrace_stop: plain X us, tsc-faulting Y us, tsc+cpuid-faulting Z us
 *   (per stop, N calls) */
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { TRAP_NONE, TRAP_TSC, TRAP_TSC_CPUID };

static double per_stop_us(int trap, long n)
{
	pid_t p = fork();
	if (p < 0)
		return -1;
	if (p == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		if (trap >= TRAP_TSC && prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0) < 0)
			_exit(2);
		if (trap == TRAP_TSC_CPUID &&
		    syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0) < 0)
			_exit(3);
		raise(SIGSTOP);
		for (long i = 0; i < n; i++)
			syscall(SYS_getppid);
		_exit(0);
	}
	int st;
	if (waitpid(p, &st, 0) < 0 || !WIFSTOPPED(st))
		return -1;
	ptrace(PTRACE_SETOPTIONS, p, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL);
	struct timespec a, b;
	long stops = 0;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, p, 0, 0) < 0 || waitpid(p, &st, __WALL) < 0)
			return -1;
		if (WIFEXITED(st) || WIFSIGNALED(st))
			break;
		stops++;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || stops == 0)
		return -1;
	double s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	return s * 1e6 / (double)stops;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000;
	double plain = per_stop_us(TRAP_NONE, n), tsc = per_stop_us(TRAP_TSC, n);
	double cpuid = per_stop_us(TRAP_TSC_CPUID, n);
	if (plain < 0 || tsc < 0) {
		fprintf(stderr, "ptrace_stop: measurement failed\n");
		return 1;
	}
	printf("ptrace_stop: plain %.2f us, tsc-faulting %.2f us, ", plain, tsc);
	if (cpuid < 0)
		printf("tsc+cpuid-faulting unavailable");
	else
		printf("tsc+cpuid-faulting %.2f us", cpuid);
	printf(" (per stop, %ld calls)\n", n);
	return 0;
}
