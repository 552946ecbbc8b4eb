/* Starting a replay: read the trace up to the exec event, start the program
 * with the recorded files bind-mounted over their paths, and rebuild the
 * recorded initial state (stack, auxv, random bytes) before it runs. */
#define _GNU_SOURCE
#include "replay.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/launch.h"
#include "core/ptrace_util.h"
#include "core/regs.h"
#include "patching/inject.h"

#define MAX_EXEC_FILES 256
#define MAX_EXEC_DIRS 256

/* What the replay's mount namespace needs, from one pass over the whole
 * trace before the program starts: every file an exec maps, to
 * bind-mount the trace's copy over its path, and every directory an exec
 * ran in (rp_exec goes there first: a relative path resolves there). */
struct exec_world {
	struct bind_mount binds[MAX_EXEC_FILES];
	int nbinds;
	char dirs[MAX_EXEC_DIRS][PATH_MAX];
	int ndirs;
	int has_shared; /* the trace maps shared memory (EV_SHARED) */
};

static int add_bind(struct rp_session *s, const struct event *ev,
		    struct exec_world *w, struct err *e)
{
	for (int i = 0; i < w->nbinds; i++)
		if (strcmp(w->binds[i].dst, ev->mapfile.path) == 0)
			return 0;
	if (w->nbinds == MAX_EXEC_FILES)
		return err_set(e, "the trace execs more than %d different files",
			       MAX_EXEC_FILES);
	struct bind_mount *b = &w->binds[w->nbinds++];
	snprintf(b->dst, sizeof b->dst, "%s", ev->mapfile.path);
	if (rp_copy_path(s, ev->mapfile.hash, b->src, sizeof b->src, e) < 0)
		return err_wrap(e, "executed file %s", b->dst);
	return 0;
}

static int add_dir(const char *dir, struct exec_world *w, struct err *e)
{
	if (!dir[0])
		return 0;
	for (int i = 0; i < w->ndirs; i++)
		if (strcmp(w->dirs[i], dir) == 0)
			return 0;
	for (int i = 0; i < w->nbinds; i++)
		if (strcmp(w->binds[i].dst, dir) == 0)
			return 0; /* an executed file, made by its bind */
	if (w->ndirs == MAX_EXEC_DIRS)
		return err_set(e, "the trace execs in more than %d directories", MAX_EXEC_DIRS);
	snprintf(w->dirs[w->ndirs++], PATH_MAX, "%s", dir);
	return 0;
}

static int collect_exec_world(struct rp_session *s, const char *dir,
			      struct exec_world *w, struct err *e)
{
	struct trace_reader r;
	struct ev_header h;
	struct event ev;
	int rc = trace_open(&r, dir, &h, e), got = 0;
	w->nbinds = w->ndirs = w->has_shared = 0;
	while (rc == 0 && (got = trace_next(&r, &ev, e)) > 0) {
		if (ev.type == EV_SHARED)
			w->has_shared = 1;
		if (ev.type == EV_MAPFILE && ev.mapfile.offset == UINT64_MAX)
			rc = add_bind(s, &ev, w, e);
		else if (ev.type == EV_EXEC && (rc = add_dir(ev.exec.cwd, w, e)) == 0)
			rc = add_dir(ev.exec.fdpath, w, e);
	}
	trace_reader_close(&r);
	trace_header_free(&h);
	return rc < 0 || got < 0 ? -1 : 0;
}

/* Read the main trace up to the first exec. */
static int skip_to_exec(struct rp_session *s, struct err *e)
{
	for (;;) {
		int got = trace_next(&s->tr, &s->ev, e);
		if (got < 0)
			return -1;
		if (got == 0 || s->ev.type == EV_END)
			return err_set(e, "the trace ends before the program started");
		if (s->ev.type == EV_EXEC)
			return 0;
		if (s->ev.type != EV_MAPFILE)
			return err_set(e, "trace corrupt: unexpected %s record before exec",
				       ev_type_name(s->ev.type));
	}
}

int rp_mem(struct rp_session *s, const struct task *t)
{
	for (size_t i = 0; i < s->nmems; i++)
		if (s->mems[i].tgid == t->tgid)
			return s->mems[i].fd;
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/mem", t->tgid);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1; /* the read or write reports it */
	struct rp_mem *v = realloc(s->mems, (s->nmems + 1) * sizeof *v);
	if (!v) {
		close(fd);
		return -1;
	}
	s->mems = v;
	s->mems[s->nmems++] = (struct rp_mem){t->tgid, fd};
	return fd;
}

void rp_mem_forget(struct rp_session *s, pid_t tgid)
{
	for (size_t i = 0; i < s->nmems; i++) {
		if (s->mems[i].tgid != tgid)
			continue;
		close(s->mems[i].fd);
		s->mems[i] = s->mems[--s->nmems];
		return;
	}
}

/* The program is at its first instruction: make its state the recorded one. */
static int restore_exec_state(struct rp_session *s, struct task *t,
			      struct err *e)
{
	const struct event *ev = &s->ev;
	rp_mem_forget(s, t->tgid); /* a new address space */
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
	if (tracee_write(rp_mem(s, t), ev->exec.stack_addr, ev->exec.stack,
			 ev->exec.stack_len, e) < 0)
		return err_wrap(e, "restoring the initial stack");
	return patch_exec(&s->patch, t->tid, e);
}

static int launch_replay(struct rp_session *s, const struct exec_world *w,
			 struct err *e);

/* The replay's own cwd is wherever the process started (chdir is
 * emulated): an exec goes first to the directory the recording ran it in
 * (made in the replay's mount namespace if it is gone), where a relative
 * path resolves as it did. */
static int go_to_exec_dir(struct rp_session *s, struct task *t, struct err *e)
{
	uint8_t saved[RP_PATH_SLOT];
	uint64_t args[6] = {0};
	int64_t rc;
	if (!s->ev.exec.cwd[0])
		return 0;
	if (rp_stage_path(s, t, s->ev.exec.cwd, &args[0], saved, e) < 0 ||
	    inject_syscall(t->tid, INJECT_AT_SYSCALL_ENTRY, 0, SYS_chdir, args, &rc, e) < 0 ||
	    tracee_write(rp_mem(s, t), args[0], saved, RP_PATH_SLOT, e) < 0)
		return -1;
	if (rc < 0)
		return rp_diverge(s, t, e, "cannot go to %s, where the exec ran: %s",
				  s->ev.exec.cwd, strerror((int)-rc));
	return 0;
}

/* An exec by a thread that is not its process's leader: the kernel kills
 * the other threads (each stops at its exit, and the exec waits for them
 * to be gone), gives the thread the leader's tid and reports the exec
 * there. The leader's task goes; the others' exits are events of their
 * own, later in the trace: what they died with is kept for them. */
static int exec_from_thread(struct rp_session *s, struct task *t, struct err *e)
{
	pid_t tgid = t->tgid, vtid = t->vtid;
	int status = 0;
	if (pt_syscall(t->tid, 0, e) < 0) /* t->executing: its exit comes next */
		return -1;
	for (int n = 0; n < 4 * (int)s->tasks.n + 4; n++) {
		pid_t r = waitpid(-1, &status, __WALL);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return err_sys(e, "waiting for an exec");
		if (r == tgid && stop_classify(status) == STOP_EVENT &&
		    stop_event(status) == PTRACE_EVENT_EXEC)
			break;
		struct task *o = task_find(&s->tasks, r);
		if (!o || o->tgid != tgid)
			return err_set(e, "thread %d stopped while another exec'd", r);
		if (stop_classify(status) == STOP_EXITED)
			continue;
		if (!o->exec_killed && stop_classify(status) == STOP_EVENT &&
		    stop_event(status) == PTRACE_EVENT_EXIT) {
			o->exec_killed = 1;
			o->killed_status = (int)pt_eventmsg(r);
		}
		if (pt_cont(r, 0, e) < 0)
			return -1;
	}
	task_remove(&s->tasks, tgid); /* the old leader */
	t = task_find_vtid(&s->tasks, vtid);
	t->tid = tgid;
	t->last_status = status;
	rp_mem_forget(s, tgid);
	return 0;
}

/* An execveat from a directory fd, or of an fd (fexecve): the program's
 * fds are not real at replay, so that one is opened again, as the same
 * number, on what it named (made in the replay's namespace if gone). */
static int reopen_exec_fd(struct rp_session *s, struct task *t, struct err *e)
{
	int dirfd = (int)t->entry_regs.rdi;
	uint8_t saved[RP_PATH_SLOT];
	uint64_t args[6] = {(uint64_t)AT_FDCWD, 0, O_PATH, 0, 0, 0};
	int64_t fd, rc = 0;
	if (t->entry_regs.orig_rax != SYS_execveat || dirfd == AT_FDCWD || !s->ev.exec.fdpath[0])
		return 0;
	if (rp_stage_path(s, t, s->ev.exec.fdpath, &args[1], saved, e) < 0 ||
	    inject_syscall(t->tid, INJECT_AT_SYSCALL_ENTRY, 0, SYS_openat, args, &fd, e) < 0 ||
	    tracee_write(rp_mem(s, t), args[1], saved, RP_PATH_SLOT, e) < 0)
		return -1;
	if (fd >= 0 && fd != dirfd) {
		uint64_t dup[6] = {(uint64_t)fd, (uint64_t)dirfd, 0, 0, 0, 0};
		uint64_t close_it[6] = {(uint64_t)fd, 0, 0, 0, 0, 0};
		int64_t ignored;
		if (inject_syscall(t->tid, INJECT_AT_SYSCALL_ENTRY, 0, SYS_dup3, dup, &rc, e) < 0 ||
		    inject_syscall(t->tid, INJECT_AT_SYSCALL_ENTRY, 0, SYS_close, close_it,
				   &ignored, e) < 0)
			return -1;
	}
	if (fd < 0 || rc < 0)
		return rp_diverge(s, t, e, "cannot open %s again as fd %d for the exec",
				  s->ev.exec.fdpath, dirfd);
	return 0;
}

/* A later exec: run the thread through execve to its exec event, then
 * rebuild the recorded image state. The execve's exit comes with its
 * syscall event. */
int rp_exec(struct rp_session *s, struct task *t, struct err *e)
{
	char what[64];
	if (!t->at_entry) {
		if (rp_step(s, t, e) < 0)
			return -1;
		if (stop_classify(t->last_status) != STOP_SYSCALL)
			return rp_diverge(s, t, e, "expected execve, got %s",
					  rp_stop_str(t->last_status, what, sizeof what));
	}
	if (pt_getregs(t->tid, &t->entry_regs, e) < 0 || rp_make_real(s, t, e) < 0 ||
	    go_to_exec_dir(s, t, e) < 0 || reopen_exec_fd(s, t, e) < 0)
		return -1;
	t->at_entry = 0;
	if ((t->tid == t->tgid ? rp_step(s, t, e) : exec_from_thread(s, t, e)) < 0)
		return -1;
	t = task_find_vtid(&s->tasks, (pid_t)s->ev.tid);
	if (stop_classify(t->last_status) != STOP_EVENT ||
	    stop_event(t->last_status) != PTRACE_EVENT_EXEC)
		return rp_diverge(s, t, e, "expected the exec to happen, got %s",
				  rp_stop_str(t->last_status, what, sizeof what));
	if (t->tid == t->tgid)
		t->vtid = ns_tid(t->tid); /* the leader's, after a thread's exec */
	t->exec_done = 1;
	t->exec_seen = 1;
	return restore_exec_state(s, t, e);
}

int rp_start(struct rp_session *s, struct err *e)
{
	int rc;
	char abs[PATH_MAX];
	if (!realpath(s->opt->dir, abs))
		return err_sys(e, "cannot open trace %s", s->opt->dir);
	snprintf(s->files_dir, sizeof s->files_dir, "%s/%s", abs, TRACE_FILES_DIR);
	struct exec_world *w = calloc(1, sizeof *w);
	if (!w)
		return err_set(e, "out of memory");
	rc = trace_open(&s->tr, abs, &s->hdr, e);
	if (rc == 0)
		rc = collect_exec_world(s, abs, w, e);
	if (rc == 0)
		rc = skip_to_exec(s, e);
	if (rc == 0)
		rc = launch_replay(s, w, e);
	free(w);
	if (rc < 0)
		return -1;
	struct task *t = task_add(&s->tasks, s->leader);
	t->vtid = ns_tid(s->leader);
	t->state = T_READY;
	if (t->vtid != (pid_t)s->ev.tid)
		return rp_diverge(s, t, e, "the program has pid %d, recorded %u",
				  t->vtid, s->ev.tid);
	t->tgid = s->leader;
	/* launch_program left the program at execve's exit stop */
	if (restore_exec_state(s, t, e) < 0)
		return -1;
	return rp_yield_exec(s, t, e);
}

static int launch_replay(struct rp_session *s, const struct exec_world *w,
			 struct err *e)
{
	if (s->hdr.argc < 1)
		return err_set(e, "trace corrupt: no argv in the header");
	/* A trace recorded with CPUID faulting replays with it where there is
	 * one, else with patching; a cpuid that patching missed then runs
	 * for real and the replay diverges at the next event. */
	s->patch.cpuid_faulting = s->hdr.cpuid_mode == CPUID_MODE_FAULTING &&
				  cpuid_faulting_available();
	s->patch.cpuid_patching = !s->patch.cpuid_faulting;
	s->patch.yield_sites = (s->hdr.chaos_mode & CHAOS_YIELDS) != 0;
	int ncpu = (int)sysconf(_SC_NPROCESSORS_ONLN);
	int cpu = (int)s->hdr.cpu < ncpu ? (int)s->hdr.cpu : 0;
	struct launch_opts lo = {
		.exe = s->hdr.exe, .argv = s->hdr.argv, .envp = s->hdr.envp,
		.cpu = cpu, .replay = 1, .binds = w->binds, .nbinds = w->nbinds,
		.dirs = w->dirs, .ndirs = w->ndirs,
		.cpuid_faulting = s->patch.cpuid_faulting,
	};
	struct rp_sandbox sb;
	if (rp_sandbox_filter(&sb, e) < 0 || rp_shared_dir(s, w->has_shared, &lo.rw_dir, e) < 0)
		return -1;
	lo.filter = s->opt->test_no_seccomp ? NULL : &sb.prog;
	struct launched l;
	if (pin_to_cpu(cpu, e) < 0 || launch_program(&lo, &l, e) < 0)
		return -1;
	s->init_pid = l.init;
	s->leader = l.tid;
	return 0;
}
