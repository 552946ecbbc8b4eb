/* The replay's sandbox: what holds if the replay's own check were wrong.
 *
 * The replay emulates every syscall (PTRACE_SYSEMU skips it before the
 * kernel's seccomp check even runs) except the few that must really
 * happen for the program's memory and threads to be the recorded ones,
 * and the ones the replayer injects itself. The program's tree gets a
 * seccomp filter allowing only those: anything else that reaches the
 * kernel, by a replayer bug or an instruction run by a single step, kills
 * the process instead. The list comes from the syscall table's rows (data,
 * not a second list to keep in step). Besides the filter, the tree has its
 * own network namespace and sees the file system read-only
 * (core/launch.c); docs/design.md says why each. */
#define _GNU_SOURCE
#include "replay.h"

#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

#include "core/syscalls.h"

/* Injected by the replayer (rp_start.c, rp_syscall.c, fastpoint.c,
 * patching/): they are not performed for the program, so the table does
 * not mark them. openat is checked apart: it must not create, truncate
 * or append. */
static const int injected[] = {
	SYS_close, SYS_dup3, SYS_chdir, SYS_mmap, SYS_munmap, SYS_arch_prctl,
	SYS_exit_group, SYS_restart_syscall,
};

static int allowed(long nr)
{
	for (size_t i = 0; i < sizeof injected / sizeof injected[0]; i++)
		if (injected[i] == nr)
			return 1;
	const struct sys_desc *d = sys_lookup(nr);
	return d && (d->flags & (SYS_EXECUTE | SYS_PROCESS));
}

#define STMT(code, k) ((struct sock_filter)BPF_STMT(code, k))
#define JUMP(code, k, jt, jf) ((struct sock_filter)BPF_JUMP(code, k, jt, jf))

int rp_sandbox_filter(struct rp_sandbox *sb, struct err *e)
{
	struct sock_filter *f = sb->insn;
	unsigned n = 0;
	long nrs[RP_SANDBOX_MAX_ALLOWED];
	unsigned nallowed = 0;
	for (long nr = 0; nr < SYS_TABLE_SIZE; nr++)
		if (allowed(nr)) {
			if (nallowed == RP_SANDBOX_MAX_ALLOWED)
				return err_set(e, "the sandbox allows more syscalls than it can hold");
			nrs[nallowed++] = nr;
		}
	/* layout: arch check (3), number load and x32 check (2), the allowed
	 * numbers (one each), openat (1), KILL, ALLOW, openat's flags (3) */
	unsigned allow_at = 3 + 2 + nallowed + 1 + 1, kill_at = allow_at - 1;
	unsigned open_at = allow_at + 1;
	f[n++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	f[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
	f[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	f[n++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	f[n] = JUMP(BPF_JMP | BPF_JGE | BPF_K, SYS_X32_BASE, kill_at - n - 1, 0);
	n++;
	for (unsigned i = 0; i < nallowed; i++, n++)
		f[n] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)nrs[i], allow_at - n - 1, 0);
	f[n] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat, open_at - n - 1, 0);
	n++;
	f[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	f[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	/* openat(dirfd, path, flags, mode): flags' low word */
	f[n++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[2]));
	f[n++] = JUMP(BPF_JMP | BPF_JSET | BPF_K, O_CREAT | O_TRUNC | O_APPEND | O_TMPFILE,
		      0, 1);
	f[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
	f[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	sb->prog.len = (unsigned short)n;
	sb->prog.filter = f;
	return 0;
}

/* The filter's kill is a SIGSYS the kernel forces on the thread as the
 * refused syscall is skipped: the thread still makes its syscall-exit stop
 * (with the signal pending, which no tracer can stop), then dies. */
int rp_sandbox_killed(const struct task *t)
{
	char path[64], line[128];
	unsigned long long pending = 0;
	snprintf(path, sizeof path, "/proc/%d/status", t->tid);
	FILE *f = fopen(path, "re");
	int found = 0;
	while (f && !found && fgets(line, sizeof line, f))
		found = sscanf(line, "SigPnd: %llx", &pending) == 1;
	if (f)
		fclose(f);
	return found && (pending >> (SIGSYS - 1)) & 1;
}

int rp_test_performs(const struct replay_options *o, long nr)
{
	if (!o->test_perform)
		return 0;
	char name[32];
	const char *want = sys_name(nr, name, sizeof name);
	size_t n = strlen(want);
	for (const char *p = o->test_perform; *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
		if (strncmp(p, want, n) == 0 && (p[n] == ',' || !p[n]))
			return 1;
	}
	return 0;
}
