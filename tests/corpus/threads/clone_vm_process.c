/* clone(CLONE_VM|SIGCHLD): a separate process that shares our memory
 * but not our fd table: its stores are visible to us, its close() of a
 * pipe end is not, and it is reaped with waitpid like a forked child.
 * corpus: native=same */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static long rsys3(long n, long a, long b, long c)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
}

static char stack[64 * 1024] __attribute__((aligned(16)));
static volatile long child_ppid, child_pid, closed;
static int p[2];

static int child(void *arg)
{
	long *heap = arg;
	for (int i = 0; i < 100; i++)
		heap[i] = i * 3;
	child_pid = rsys3(SYS_getpid, 0, 0, 0);
	child_ppid = rsys3(SYS_getppid, 0, 0, 0);
	closed = rsys3(SYS_close, p[1], 0, 0) == 0;
	return 3;
}

int main(void)
{
	if (pipe(p) < 0)
		return 1;
	long *heap = calloc(100, sizeof *heap);
	int pid = clone(child, stack + sizeof stack, CLONE_VM | SIGCHLD, heap);
	if (pid < 0) {
		perror("clone");
		return 1;
	}
	int st;
	if (waitpid(pid, &st, 0) != pid) {
		perror("waitpid");
		return 1;
	}
	long sum = 0;
	for (int i = 0; i < 100; i++)
		sum += heap[i];
	printf("child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	printf("its heap stores are ours: sum %ld\n", sum);
	printf("it is another process: %s, its parent is us: %s\n",
	       child_pid != getpid() && child_pid == pid ? "yes" : "no",
	       child_ppid == getpid() ? "yes" : "no");
	printf("it closed its copy of the pipe: %s; ours still works: %s\n", closed ? "yes" : "no",
	       write(p[1], "x", 1) == 1 ? "yes" : "no");
	return sum != 14850;
}
