/* Starting a replay: read the trace up to the exec event, start the program
 * with the recorded files bind-mounted over their paths, and rebuild the
 * recorded initial state (stack, auxv, random bytes) before it runs. */
#define _GNU_SOURCE
#include "replay.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/launch.h"
#include "core/ptrace_util.h"
#include "core/regs.h"
#include "replayer/inject.h"

#define MAX_EXEC_FILES 64

static int collect_exec_files(struct rp_session *s, struct bind_mount *binds,
			      int *nbinds, struct err *e)
{
	*nbinds = 0;
	for (;;) {
		int got = trace_next(&s->tr, &s->ev, e);
		if (got < 0)
			return -1;
		if (got == 0 || s->ev.type == EV_END)
			return err_set(e, "the trace ends before the program started");
		if (s->ev.type == EV_EXEC)
			return 0;
		if (s->ev.type != EV_MAPFILE || *nbinds == MAX_EXEC_FILES)
			return err_set(e, "trace corrupt: unexpected %s record before exec",
				       ev_type_name(s->ev.type));
		struct bind_mount *b = &binds[(*nbinds)++];
		snprintf(b->src, sizeof b->src, "%s/%s", s->files_dir, s->ev.mapfile.hash);
		snprintf(b->dst, sizeof b->dst, "%s", s->ev.mapfile.path);
		if (access(b->src, R_OK) != 0)
			return err_set(e, "trace incomplete: the copy of %s is missing (%s)",
				       b->dst, b->src);
	}
}

static int open_memfd(struct rp_session *s, struct err *e)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/mem", s->leader);
	s->memfd = open(path, O_RDWR | O_CLOEXEC);
	return s->memfd < 0 ? err_sys(e, "cannot open %s", path) : 0;
}

/* The program is at its first instruction: make its state the recorded one. */
static int restore_exec_state(struct rp_session *s, struct task *t,
			      struct err *e)
{
	const struct event *ev = &s->ev;
	struct user_regs_struct r;
	if (pt_getregs(t->tid, &r, e) < 0)
		return -1;
	if (r.rsp != ev->exec.regs.rsp || r.rip != ev->exec.regs.rip) {
		char diff[600];
		regs_diff(&ev->exec.regs, &r, diff, sizeof diff);
		return rp_diverge(s, t, e, "the initial process image differs (%s)", diff);
	}
	if (ev->exec.stack_addr != r.rsp)
		return rp_diverge(s, t, e, "the recorded stack does not start at rsp");
	if (tracee_write(s->memfd, ev->exec.stack_addr, ev->exec.stack,
			 ev->exec.stack_len, e) < 0)
		return err_wrap(e, "restoring the initial stack");
	return patch_exec(&s->patch, t->tid, e);
}

static int launch_replay(struct rp_session *s, const struct bind_mount *binds,
			 int nbinds, struct err *e);

int rp_start(struct rp_session *s, struct err *e)
{
	int nbinds, rc;
	char abs[PATH_MAX];
	if (!realpath(s->opt->dir, abs))
		return err_sys(e, "cannot open trace %s", s->opt->dir);
	snprintf(s->files_dir, sizeof s->files_dir, "%s/%s", abs, TRACE_FILES_DIR);
	struct bind_mount *binds = calloc(MAX_EXEC_FILES, sizeof *binds);
	if (!binds)
		return err_set(e, "out of memory");
	rc = trace_open(&s->tr, abs, &s->hdr, e);
	if (rc == 0)
		rc = collect_exec_files(s, binds, &nbinds, e);
	if (rc == 0)
		rc = launch_replay(s, binds, nbinds, e);
	free(binds);
	if (rc < 0)
		return -1;
	struct task *t = task_add(&s->tasks, s->leader);
	t->vtid = ns_tid(s->leader);
	t->state = T_READY;
	if (t->vtid != (pid_t)s->ev.tid)
		return rp_diverge(s, t, e, "the program has pid %d, recorded %u",
				  t->vtid, s->ev.tid);
	if (open_memfd(s, e) < 0)
		return -1;
	return restore_exec_state(s, t, e);
}

static int launch_replay(struct rp_session *s, const struct bind_mount *binds,
			 int nbinds, struct err *e)
{
	if (s->hdr.argc < 1)
		return err_set(e, "trace corrupt: no argv in the header");
	int ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
	int cpu = (int)s->hdr.cpu < ncpu ? (int)s->hdr.cpu : 0;
	struct launch_opts lo = {
		.exe = s->hdr.exe, .argv = s->hdr.argv, .envp = s->hdr.envp,
		.cpu = cpu, .replay = 1, .binds = binds, .nbinds = nbinds,
	};
	struct launched l;
	if (pin_to_cpu(cpu, e) < 0 || launch_program(&lo, &l, e) < 0)
		return -1;
	s->init_pid = l.init;
	s->leader = l.tid;
	s->patch.cpuid_patching = s->hdr.cpuid_mode == CPUID_MODE_PATCHING;
	return 0;
}
