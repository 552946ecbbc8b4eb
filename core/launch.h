/* Starting a program under ptrace, identically for record and replay.
 *
 * The program runs as pid 2 of a fresh pid namespace whose pid 1 is a small
 * reaper of ours, so the pids and tids it sees are the same at every run.
 * It runs pinned to one CPU, with address-space randomisation off and rdtsc
 * made to trap. For replay, a private mount namespace bind-mounts the
 * trace's copies of the executable and its interpreter over their recorded
 * paths, so the kernel loads exactly the recorded files, and the program
 * runs sandboxed: no network, a read-only file system, and only the
 * syscalls the replay performs (replayer/rp_sandbox.c). */
#ifndef HEISEN_LAUNCH_H
#define HEISEN_LAUNCH_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

struct sock_fprog;

#include "err.h"

struct bind_mount {
	char src[PATH_MAX]; /* file in the trace */
	char dst[PATH_MAX]; /* recorded path it stands in for */
};

struct launch_opts {
	const char *exe;
	char *const *argv, *const *envp;
	int cpu;
	int replay; /* stdin from /dev/null, mount namespace with binds */
	const struct bind_mount *binds;
	int nbinds;
	const char (*dirs)[PATH_MAX]; /* directories that must exist */
	int ndirs;
	int cpuid_faulting; /* heisen traps cpuid too (patching/cpuid.h) */
	/* replay's sandbox: a seccomp filter for the program's tree, which
	 * also gets its own network namespace and a read-only file system
	 * but for rw_dir (if set) */
	const struct sock_fprog *filter;
	const char *rw_dir;
};

struct launched {
	pid_t init; /* our reaper, pid 1 of the namespace (not traced) */
	pid_t tid;  /* the program, stopped at its exec event */
};

int launch_program(const struct launch_opts *o, struct launched *out,
		   struct err *e);

/* Kill the namespace init and these threads, and reap every child and
 * tracee until none is left. */
void kill_tree(pid_t init, const pid_t *tids, size_t n);

/* Pin the calling process to one CPU. */
int pin_to_cpu(int cpu, struct err *e);

#endif
