/* SIGSYS from a seccomp filter with SECCOMP_RET_TRAP on getppid: the
 * syscall is not run; the handler sees si_code SYS_SECCOMP and si_syscall,
 * and sets the return value in rax; other syscalls pass. Done in a child,
 * so the filter stays there.
 * corpus: native=same */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1
#endif

static volatile int hits, code_ok, nr_ok;

static void on_sys(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	ucontext_t *uc = ucv;
	hits++;
	code_ok += si->si_code == SYS_SECCOMP;
	nr_ok += si->si_syscall == SYS_getppid;
	uc->uc_mcontext.gregs[REG_RAX] = 4242 + hits;
}

static int install_filter(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof f / sizeof f[0], .filter = f };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

int main(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_sys;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGSYS, &sa, NULL);
		if (install_filter()) {
			perror("seccomp");
			_exit(2);
		}
		long r1 = syscall(SYS_getppid);
		long r2 = syscall(SYS_getppid);
		pid_t self = getpid();
		printf("child: getppid gave %ld and %ld; SIGSYS %d, SYS_SECCOMP %d, si_syscall right %d; getpid works %d\n",
		       r1, r2, hits, code_ok, nr_ok, self > 0);
		fflush(stdout);
		_exit(r1 == 4243 && r2 == 4244 && hits == 2 ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}
