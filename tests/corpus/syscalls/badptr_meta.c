/* Bad pointers to metadata and information calls: stat, fstat, lstat and
 * newfstatat with a bad buffer or a bad path, uname, sysinfo, times,
 * getrusage, clock_gettime, clock_getres, gettimeofday, time, getcwd,
 * readlink, pipe2, getrandom, getresuid, sched_getaffinity and
 * rt_sigprocmask's old set: EFAULT, called through syscall() (glibc would
 * answer clock_gettime from the vDSO, which faults instead). Also calls
 * that succeed without touching a pointer the kernel ignores: nanosleep
 * with a bad rem after a full sleep (0) and wait4 with WNOHANG and a bad
 * status while the child still runs (0); with the child gone, wait4 with
 * a bad status reaps it and fails with EFAULT, and waitid finds no child
 * (ECHILD).
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *)8)

static void show(const char *what, long r)
{
	printf("%-26s %ld %s\n", what, r, r < 0 ? strerrorname_np(errno) : "");
	errno = 0;
}

int main(void)
{
	show("stat bad buffer", syscall(SYS_stat, "/", BAD));
	show("stat bad path", syscall(SYS_stat, BAD, BAD));
	show("lstat bad buffer", syscall(SYS_lstat, "/", BAD));
	show("fstat bad buffer", syscall(SYS_fstat, 0, BAD));
	show("newfstatat bad buffer",
	     syscall(SYS_newfstatat, AT_FDCWD, "/", BAD, 0));
	show("statx bad buffer",
	     syscall(SYS_statx, AT_FDCWD, "/", 0, 0x7ff, BAD));
	show("uname", syscall(SYS_uname, BAD));
	show("sysinfo", syscall(SYS_sysinfo, BAD));
	show("times", syscall(SYS_times, BAD));
	show("getrusage", syscall(SYS_getrusage, RUSAGE_SELF, BAD));
	show("clock_gettime", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, BAD));
	show("clock_getres", syscall(SYS_clock_getres, CLOCK_MONOTONIC, BAD));
	show("gettimeofday", syscall(SYS_gettimeofday, BAD, NULL));
	show("time", syscall(SYS_time, BAD));
	show("getcwd", syscall(SYS_getcwd, BAD, 256));
	show("readlink", syscall(SYS_readlink, "/proc/self/exe", BAD, 256));
	show("pipe2", syscall(SYS_pipe2, BAD, 0));
	show("getrandom", syscall(SYS_getrandom, BAD, 16, 0));
	uid_t u;
	show("getresuid", syscall(SYS_getresuid, &u, BAD, &u));
	show("sched_getaffinity", syscall(SYS_sched_getaffinity, 0, 128, BAD));
	show("rt_sigprocmask old set",
	     syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, BAD, 8));
	struct timespec short_sleep = { 0, 1000000 };
	show("nanosleep bad rem", syscall(SYS_nanosleep, &short_sleep, BAD));
	int go[2];
	if (pipe(go) < 0)
		return 1;
	pid_t c = fork();
	if (c == 0) {
		char b;
		_exit(read(go[0], &b, 1) == 1 ? 7 : 1);
	}
	show("wait4 WNOHANG, running", syscall(SYS_wait4, c, BAD, WNOHANG, NULL));
	if (write(go[1], "x", 1) != 1)
		return 1;
	/* the child is reaped, and the status cannot be stored */
	long r = syscall(SYS_wait4, c, BAD, 0, NULL);
	printf("%-26s %s %s\n", "wait4 bad status, exited", r < 0 ? "-1" : "?",
	       r < 0 ? strerrorname_np(errno) : "");
	siginfo_t si;
	show("waitid, none left", syscall(SYS_waitid, P_ALL, 0, &si, WEXITED,
					  NULL));
	return 0;
}
