/* A thread made with raw clone(2) and the full pthread flag set
 * (VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID),
 * its own stack and its own TLS block: the child runs without glibc
 * (raw syscalls only) and the parent waits on the cleared tid futex.
 * corpus: native=same */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static long rsys3(long n, long a, long b, long c)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
}

static char stack[64 * 1024] __attribute__((aligned(16)));
/* the TLS block: its first word points to itself, as on x86-64 */
static uintptr_t tls_block[64] __attribute__((aligned(64)));
static volatile int ptid, ctid = -1;
static volatile long child_pid, child_tid, tls_ok, new_fd = -1;
static int p[2];

static int child(void *arg)
{
	(void)arg;
	uintptr_t self;
	__asm__ volatile("mov %%fs:0, %0" : "=r"(self));
	tls_ok = self == (uintptr_t)tls_block;
	child_pid = rsys3(SYS_getpid, 0, 0, 0);
	child_tid = rsys3(SYS_gettid, 0, 0, 0);
	new_fd = rsys3(SYS_dup, p[1], 0, 0); /* shared fd table */
	static const char m[] = "clone thread: running on its own TLS\n";
	rsys3(SYS_write, 1, (long)m, sizeof m - 1);
	return 0;
}

int main(void)
{
	if (pipe(p) < 0)
		return 1;
	tls_block[0] = (uintptr_t)tls_block;
	int flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
		    CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
	fflush(stdout);
	int tid = clone(child, stack + sizeof stack, flags, NULL, &ptid, tls_block, &ctid);
	if (tid < 0) {
		perror("clone");
		return 1;
	}
	for (int i = 0; i < 1000 && ctid != 0; i++)
		syscall(SYS_futex, &ctid, FUTEX_WAIT, -1, NULL, NULL, 0);
	printf("tid cleared and futex woken at exit: %s\n", ctid == 0 ? "yes" : "no");
	printf("parent tid word holds the new tid: %s\n", ptid == tid ? "yes" : "no");
	printf("same process (getpid): %s, own tid: %s\n", child_pid == getpid() ? "yes" : "no",
	       child_tid == tid && child_tid != getpid() ? "yes" : "no");
	printf("child saw its TLS block: %s\n", tls_ok ? "yes" : "no");
	printf("fd the child made is ours: %s\n",
	       new_fd >= 0 && write((int)new_fd, "z", 1) == 1 ? "yes" : "no");
	return !(ctid == 0 && ptid == tid && tls_ok && child_pid == getpid());
}
