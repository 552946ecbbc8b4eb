/* CLONE_CHILD_SETTID: the kernel stores the child's tid in the child's
 * memory before it runs. With CLONE_VM the parent sees the store; without
 * it only the child's copy holds it (it reports back by exit code).
 * corpus: native=same */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static long rsys0(long n)
{
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(n) : "rcx", "r11", "memory");
	return r;
}

static char stack[64 * 1024] __attribute__((aligned(16)));
static volatile int ctid_shared, ctid_copy;

static int shared_child(void *arg)
{
	(void)arg;
	return ctid_shared == rsys0(SYS_gettid) ? 0 : 1;
}

static int copy_child(void *arg)
{
	(void)arg;
	return ctid_copy == getpid() ? 0 : 1;
}

int main(void)
{
	int st1, st2;
	int a = clone(shared_child, stack + sizeof stack, CLONE_VM | CLONE_CHILD_SETTID | SIGCHLD,
		      NULL, NULL, NULL, &ctid_shared);
	if (a < 0 || waitpid(a, &st1, 0) != a)
		return 1;
	int b = clone(copy_child, stack + sizeof stack, CLONE_CHILD_SETTID | SIGCHLD, NULL, NULL,
		      NULL, &ctid_copy);
	if (b < 0 || waitpid(b, &st2, 0) != b)
		return 1;
	printf("CLONE_VM child: saw its tid stored: %s; we see it too: %s\n",
	       WEXITSTATUS(st1) == 0 ? "yes" : "no", ctid_shared == a ? "yes" : "no");
	printf("copy child: saw its tid stored: %s; our copy untouched: %s\n",
	       WEXITSTATUS(st2) == 0 ? "yes" : "no", ctid_copy == 0 ? "yes" : "no");
	return !(WEXITSTATUS(st1) == 0 && ctid_shared == a && WEXITSTATUS(st2) == 0 &&
		 ctid_copy == 0);
}
