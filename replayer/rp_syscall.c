/* Replaying a syscall: run the thread to the syscall's entry, check it is
 * the recorded one, then either emulate it (skip it, and write back the
 * recorded result and memory) or, for the few that shape the address space
 * or the thread set, perform it and check the kernel agrees. */
#define _GNU_SOURCE
#include "replay.h"

#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/ptrace_util.h"
#include "core/regs.h"
#include "core/sent_bytes.h"
#include "core/syscalls.h"
#include "patching/inject.h"

static int is_error(int64_t r)
{
	return r < 0 && r >= -4095;
}

static int to_entry(struct rp_session *s, struct task *t, struct err *e)
{
	char what[64];
	if (t->at_entry)
		return 0;
	if (rp_step(s, t, e) < 0)
		return -1;
	if (stop_classify(t->last_status) != STOP_SYSCALL) {
		char name[32];
		return rp_diverge(s, t, e, "expected syscall %s, got %s",
				  sys_name(s->ev.sys.nr, name, sizeof name),
				  rp_stop_str(t->last_status, what, sizeof what));
	}
	t->at_entry = 1;
	return 0;
}

/* Same syscall, same arguments, same registers as recorded? */
static int check_entry(struct rp_session *s, struct task *t, struct err *e)
{
	struct user_regs_struct *r = &t->entry_regs;
	if (pt_getregs(t->tid, r, e) < 0)
		return -1;
	char want[32], got[32];
	uint64_t args[6];
	regs_args(r, args);
	int abi = pt_syscall_abi(t->tid, e);
	if (abi < 0)
		return -1;
	if (abi != SYS_ABI_X86_64) {
		char what[96];
		return rp_diverge(s, t, e, "expected syscall %s, found %s",
				  sys_name(s->ev.sys.nr, want, sizeof want),
				  sys_abi_call_str(abi, (long)r->orig_rax, what, sizeof what));
	}
	if (sys_trace_nr((long)r->orig_rax) != s->ev.sys.nr)
		return rp_diverge(s, t, e, "expected syscall %s, found %s",
				  sys_name(s->ev.sys.nr, want, sizeof want),
				  sys_name((long)r->orig_rax, got, sizeof got));
	for (int i = 0; i < 6; i++)
		if (args[i] != s->ev.sys.args[i])
			return rp_diverge(s, t, e, "%s argument %d is 0x%llx, recorded 0x%llx",
					  sys_name(s->ev.sys.nr, want, sizeof want), i + 1,
					  (unsigned long long)args[i],
					  (unsigned long long)s->ev.sys.args[i]);
	if (r->rip != s->ev.sys.rip || regs_entry_digest(r) != s->ev.sys.digest)
		return rp_diverge(s, t, e, "%s called from 0x%llx (recorded 0x%llx) "
				  "or with other registers",
				  sys_name(s->ev.sys.nr, want, sizeof want),
				  (unsigned long long)r->rip,
				  (unsigned long long)s->ev.sys.rip);
	t->nr = (long)r->orig_rax;
	return 0;
}

struct replay_reader {
	int memfd;
	struct err *e;
};

static int read_replayed(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct replay_reader *c = ctx;
	return tracee_read(c->memfd, addr, buf, len, c->e);
}

/* The program must write what it wrote when recorded. */
static int check_output(struct rp_session *s, struct task *t, struct err *e)
{
	const struct event *ev = &s->ev;
	if (!(ev->sys.flags & SF_IN_HASH) || ev->sys.result <= 0)
		return 0;
	size_t len = (size_t)ev->sys.result;
	uint8_t *buf = malloc(len);
	if (!buf)
		return err_set(e, "out of memory");
	struct replay_reader ctx = {rp_mem(s, t), e};
	int rc = sent_bytes(t->nr, ev->sys.args, len, read_replayed, &ctx, buf);
	if (rc < 0)
		rc = rp_diverge(s, t, e, "the program's written bytes cannot be read");
	else if (hash64(buf, len) != ev->sys.in_hash)
		rc = rp_diverge(s, t, e, "the program wrote different bytes than recorded");
	free(buf);
	return rc;
}

/* Print what the recording printed. The bytes come from the trace, which
 * also holds their digest for a write from the program's memory (in_hash,
 * checked against what the replayed program writes: check_output); bytes
 * that do not match it are never printed. (Bytes copied from a file or a
 * pipe, by sendfile or splice, have no such digest: the end record's
 * digests check them, after they are printed.) */
static int emit_output(struct rp_session *s, struct err *e)
{
	const struct event *ev = &s->ev;
	if (!(ev->sys.flags & (SF_TO_STDOUT | SF_TO_STDERR)))
		return 0;
	int fd = ev->sys.flags & SF_TO_STDOUT ? 1 : 2;
	if ((ev->sys.flags & SF_IN_HASH) &&
	    ((int64_t)ev->sys.data_len != ev->sys.result ||
	     hash64(ev->sys.data, ev->sys.data_len) != ev->sys.in_hash))
		return rp_diverge(s, NULL, e, "the trace's copy of what the program wrote to %s "
				  "is not the bytes it wrote (their digest differs): the "
				  "record was changed", fd == 1 ? "stdout" : "stderr");
	out_digest_add(&s->out, ev->tid, fd, ev->sys.data, ev->sys.data_len);
	if (s->opt->quiet)
		return 0;
	size_t off = 0;
	while (off < ev->sys.data_len) {
		ssize_t n = write(fd, ev->sys.data + off, ev->sys.data_len - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	return 0;
}

static int write_blobs(struct rp_session *s, struct task *t, struct err *e)
{
	for (uint32_t i = 0; i < s->ev.sys.nblobs; i++) {
		const struct mem_blob *b = &s->ev.sys.blobs[i];
		if (tracee_write(rp_mem(s, t), b->addr, b->data, b->len, e) < 0)
			return err_wrap(e, "event %llu: writing recorded memory",
					(unsigned long long)s->ev.index);
	}
	return 0;
}

static int finish_exit_stop(struct rp_session *s, struct task *t, struct err *e)
{
	char what[64];
	if (rp_step(s, t, e) < 0)
		return -1;
	if (stop_classify(t->last_status) != STOP_SYSCALL)
		return rp_diverge(s, t, e, "expected the syscall's exit, got %s",
				  rp_stop_str(t->last_status, what, sizeof what));
	return 0;
}

static int is_restart(int64_t r)
{
	return r <= -512 && r >= -516;
}

/* Skip the syscall in the kernel and make its result the recorded one. */
static int emulate(struct rp_session *s, struct task *t, struct err *e)
{
	/* At a PTRACE_SYSEMU entry stop the kernel skips the syscall and
	 * returns rax as we leave it; orig_rax keeps the number, which the
	 * kernel's restart logic reads. (The syscall instruction had already
	 * set rcx and r11.) */
	struct user_regs_struct r = t->entry_regs;
	if (!t->emu_entry)
		return rp_diverge(s, t, e, "internal: emulating outside a sysemu stop");
	r.rax = (uint64_t)s->ev.sys.result;
	if (pt_setregs(t->tid, &r, e) < 0 || write_blobs(s, t, e) < 0)
		return -1;
	t->restart_pending = is_restart(s->ev.sys.result);
	s->stats.syscalls_emulated++;
	return 0;
}

int rp_stage_path(struct rp_session *s, struct task *t, const char *path,
		  uint64_t *addr, uint8_t *saved, struct err *e)
{
	*addr = (t->entry_regs.rsp - 128 - RP_PATH_SLOT) & ~15ull;
	size_t len = strlen(path) + 1;
	if (len > RP_PATH_SLOT)
		return err_set(e, "path too long: %s", path);
	if (tracee_read(rp_mem(s, t), *addr, saved, RP_PATH_SLOT, e) < 0)
		return -1;
	return tracee_write(rp_mem(s, t), *addr, path, len, e);
}

int rp_open_in_tracee(struct rp_session *s, struct task *t, const char *path, int flags,
		      int64_t *fd, struct err *e)
{
	uint8_t saved[RP_PATH_SLOT];
	uint64_t addr;
	uint64_t args[6] = {(uint64_t)AT_FDCWD, 0, (uint64_t)(flags | O_CLOEXEC), 0, 0, 0};
	if (rp_stage_path(s, t, path, &addr, saved, e) < 0)
		return -1;
	args[1] = addr;
	if (inject_syscall(t->tid, INJECT_AT_SYSCALL_ENTRY, 0, SYS_openat, args, fd, e) < 0 ||
	    tracee_write(rp_mem(s, t), addr, saved, RP_PATH_SLOT, e) < 0)
		return -1;
	if (*fd < 0)
		return err_set(e, "event %llu: the replay cannot open %s: %s",
			       (unsigned long long)s->ev.index, path, strerror((int)-*fd));
	return 0;
}

/* An mmap of a recorded file maps the trace's copy, at the recorded address. */
static int open_map_copy(struct rp_session *s, struct task *t,
			 struct user_regs_struct *r, struct err *e)
{
	if (!s->has_pending_map)
		return rp_diverge(s, t, e, "mmap of fd %d has no recorded file", (int)r->r8);
	s->has_pending_map = 0;
	char path[PATH_MAX + 64];
	int64_t fd;
	if (rp_copy_path(s, s->pending_map.mapfile.hash, path, sizeof path, e) < 0)
		return err_wrap(e, "event %llu: mapped file %s", (unsigned long long)s->ev.index,
				s->pending_map.mapfile.path);
	if (rp_open_in_tracee(s, t, path, O_RDONLY, &fd, e) < 0)
		return -1;
	r->r8 = (uint64_t)fd;
	r->r10 = (r->r10 & ~(uint64_t)(MAP_SHARED | MAP_SHARED_VALIDATE)) | MAP_PRIVATE;
	return 0;
}

static int close_in_tracee(struct task *t, uint64_t gadget, int64_t fd, struct err *e)
{
	uint64_t args[6] = {(uint64_t)fd, 0, 0, 0, 0, 0};
	int64_t ignored;
	return inject_syscall(t->tid, INJECT_AT_USER, gadget, SYS_close, args, &ignored, e);
}

/* Adjust a performed syscall's arguments before it runs. */

static int prepare_execute(struct rp_session *s, struct task *t,
			   struct user_regs_struct *r, int64_t *opened_fd,
			   struct err *e)
{
	*opened_fd = -1;
	if (t->nr == SYS_clone)
		r->rdi = sys_clone_flags_traced(r->rdi);
	if (t->nr == SYS_shmat || t->nr == SYS_shmdt)
		return rp_shared_prepare(s, t, r, opened_fd, e);
	if (t->nr != SYS_mmap || is_error(s->ev.sys.result))
		return 0;
	if (s->shared.has_pending && s->shared.pending.tid == (uint32_t)t->vtid &&
	    !(r->r10 & MAP_ANONYMOUS)) {
		if (rp_shared_prepare(s, t, r, opened_fd, e) < 0)
			return -1;
	} else if (!(r->r10 & MAP_ANONYMOUS) && r->r8 != (uint64_t)-1 &&
	    s->has_pending_map) {
		if (open_map_copy(s, t, r, e) < 0)
			return -1;
		*opened_fd = (int64_t)r->r8;
	}
	/* the kernel would choose the same address; insist on it */
	r->rdi = (uint64_t)s->ev.sys.result;
	if (!(r->r10 & MAP_FIXED))
		r->r10 |= MAP_FIXED_NOREPLACE;
	return 0;
}

/* The kernel keeps a syscall's argument registers (rt_sigreturn, which
 * replaces them all, aside): give back those the replay changed to make
 * the call (an mmap's address and fd, a clone's flags). */
static void restore_args(const struct task *t, struct user_regs_struct *r)
{
	if (t->nr == SYS_rt_sigreturn)
		return;
	r->orig_rax = t->entry_regs.orig_rax; /* a shmat made an mmap */
	r->rdi = t->entry_regs.rdi;
	r->rsi = t->entry_regs.rsi;
	r->rdx = t->entry_regs.rdx;
	r->r10 = t->entry_regs.r10;
	r->r8 = t->entry_regs.r8;
	r->r9 = t->entry_regs.r9;
}


static int after_execute(struct rp_session *s, struct task *t, struct err *e)
{
	const uint64_t *a = s->ev.sys.args;
	int64_t res = s->ev.sys.result;
	if (is_error(res))
		return 0;
	if ((t->nr == SYS_mmap || t->nr == SYS_munmap) && rp_yield_mapped(s, t, a, res, e) < 0)
		return -1;
	if (t->nr == SYS_mmap && (a[2] & PROT_EXEC))
		return patch_range(&s->patch, t->tid, (uint64_t)res, a[1], e);
	if (t->nr == SYS_mprotect && (a[2] & PROT_EXEC))
		return patch_range(&s->patch, t->tid, a[0], a[1], e);
	return 0;
}

/* A new thread or process: its creation event names it; wait for its
 * first stop. */
static int adopt_child(struct rp_session *s, struct task *t, struct err *e)
{
	pid_t child = (pid_t)pt_eventmsg(t->tid);
	int thread = stop_event(t->last_status) == PTRACE_EVENT_CLONE &&
		     (t->entry_regs.rdi & CLONE_THREAD);
	pid_t tgid = thread ? t->tgid : child;
	int status;
	if (pt_wait(child, &status, e) < 0)
		return -1;
	struct yield_set yield = t->yield;
	struct task *c = task_add(&s->tasks, child);
	c->vtid = ns_tid(child);
	c->tgid = tgid;
	c->yield = yield;
	c->state = T_READY;
	c->last_status = status;
	return 0;
}

static int is_vfork(const struct task *t)
{
	return sys_is_vfork(t->nr, t->entry_regs.rdi);
}

/* vfork: the parent sleeps until the child execs or exits, which the
 * trace shows before the parent's return. So it is performed at its entry
 * event, the child adopted, and the parent's return collected later. */
static int start_vfork(struct rp_session *s, struct task *t, struct err *e)
{
	char what[64];
	pid_t parent = t->tid;
	struct user_regs_struct r = t->entry_regs;
	r.rdi = t->nr == SYS_clone ? sys_clone_flags_traced(r.rdi) : r.rdi;
	if (rp_make_real(s, t, e) < 0 || pt_setregs(t->tid, &r, e) < 0 ||
	    rp_step(s, t, e) < 0)
		return -1;
	if (!stop_is_creation(t->last_status))
		return rp_diverge(s, t, e, "expected vfork to create a process, got %s",
				  rp_stop_str(t->last_status, what, sizeof what));
	if (adopt_child(s, t, e) < 0)
		return -1;
	t = task_find(&s->tasks, parent);
	t->vfork_started = 1;
	return 0;
}

/* The syscall already ran (a vfork started at its entry, an execve past
 * its exec event): collect its exit and check the result. */
static int finish_started(struct rp_session *s, struct task *t, struct err *e)
{
	struct user_regs_struct r;
	char name[32];
	int vfork = t->vfork_started, exec = t->exec_done;
	t->vfork_started = t->exec_done = 0;
	if (finish_exit_stop(s, t, e) < 0 ||
	    (exec && rp_yield_exec(s, t, e) < 0) ||
	    pt_getregs(t->tid, &r, e) < 0)
		return -1;
	if (vfork) { /* (an exec's registers are the new image's) */
		restore_args(t, &r);
		if (pt_setregs(t->tid, &r, e) < 0)
			return -1;
	}
	if ((int64_t)r.rax != s->ev.sys.result)
		return rp_diverge(s, t, e, "%s returned %lld, recorded %lld",
				  sys_name(t->nr, name, sizeof name), (long long)r.rax,
				  (long long)s->ev.sys.result);
	s->stats.syscalls_executed++;
	return write_blobs(s, t, e);
}

/* After a performed syscall went wrong: was it the sandbox's filter? Then
 * the divergence says so (asked only then: it reads /proc). */
static int refused(struct rp_session *s, struct task *t, struct err *e)
{
	char name[32];
	if (!rp_sandbox_killed(t))
		return 0;
	rp_diverge(s, t, e, "%s is not a syscall the replay performs: the replay's sandbox "
		   "(seccomp) killed the process", sys_name(t->nr, name, sizeof name));
	return 1;
}

static int execute(struct rp_session *s, struct task *t, struct err *e)
{
	struct user_regs_struct r = t->entry_regs;
	int64_t fd;
	char what[64];
	if (rp_make_real(s, t, e) < 0 ||
	    prepare_execute(s, t, &r, &fd, e) < 0 || pt_setregs(t->tid, &r, e) < 0)
		return -1;
	if (rp_step(s, t, e) < 0)
		return -1;
	if (stop_is_creation(t->last_status)) {
		pid_t parent = t->tid;
		if (adopt_child(s, t, e) < 0)
			return -1;
		t = task_find(&s->tasks, parent); /* the table may have moved */
		if (rp_step(s, t, e) < 0)
			return -1;
	}
	if (stop_classify(t->last_status) != STOP_SYSCALL)
		return refused(s, t, e) ? -1 :
		       rp_diverge(s, t, e, "expected the syscall's exit, got %s",
				  rp_stop_str(t->last_status, what, sizeof what));
	if (pt_getregs(t->tid, &r, e) < 0)
		return -1;
	if ((int64_t)r.rax != s->ev.sys.result && refused(s, t, e))
		return -1;
	restore_args(t, &r);
	if (pt_setregs(t->tid, &r, e) < 0)
		return -1;
	if (fd >= 0 && close_in_tracee(t, s->patch.gadget, fd, e) < 0)
		return -1;
	if ((int64_t)r.rax != s->ev.sys.result) {
		char name[32];
		return rp_diverge(s, t, e, "%s returned %lld, recorded %lld",
				  sys_name(t->nr, name, sizeof name), (long long)r.rax,
				  (long long)s->ev.sys.result);
	}
	s->stats.syscalls_executed++;
	return write_blobs(s, t, e) < 0 ? -1 : after_execute(s, t, e);
}

static int must_execute(const struct event *ev, const struct sys_desc *d)
{
	/* Interrupted before it did anything (a signal came first): the kernel
	 * restarts it after the handler, and the restart is its own event. */
	if ((ev->sys.flags & SF_SKIPPED) || is_restart(ev->sys.result))
		return 0;
	/* (one that failed made no process: nothing to perform) */
	if (sys_makes_process(ev->sys.nr))
		return ev->sys.result >= 0;
	/* (a shmat or shmdt that failed left no mapping to make) */
	if (ev->sys.nr == SYS_shmat || ev->sys.nr == SYS_shmdt)
		return !is_error(ev->sys.result);
	return d && (d->flags & SYS_EXECUTE);
}

int rp_after_group_exit(struct rp_session *s, struct err *e)
{
	return s->ev.type == EV_SYSCALL ? emit_output(s, e) : 0;
}

static void mark_group_exit(struct rp_session *s, const struct task *t)
{
	for (size_t i = 0; i < s->tasks.n; i++)
		if (s->tasks.v[i].tgid == t->tgid && s->tasks.v[i].tid != t->tid)
			s->tasks.v[i].group_exited = 1;
}

int rp_syscall(struct rp_session *s, struct task *t, struct err *e)
{
	if (t->vfork_started && s->ev.sys.result <= 0) {
		/* its child, made at the entry, would keep it asleep for good */
		t->vfork_started = 0;
		return rp_diverge(s, t, e, "the replay's vfork made a child; the recorded "
				  "one returned %lld", (long long)s->ev.sys.result);
	}
	if (t->vfork_started || t->exec_done) {
		t->nr = s->ev.sys.nr;
		return finish_started(s, t, e);
	}
	int checked = t->at_entry; /* by its EV_SYSCALL_ENTER */
	if (to_entry(s, t, e) < 0 || (!checked && check_entry(s, t, e) < 0))
		return -1;
	t->nr = s->ev.sys.nr;
	const struct sys_desc *d = sys_lookup(t->nr);
	if (check_output(s, t, e) < 0 || emit_output(s, e) < 0)
		return -1;
	if (d && (d->flags & SYS_NORETURN)) {
		/* exit/exit_group: its exit event follows */
		if (t->nr == SYS_exit_group)
			mark_group_exit(s, t);
		if (rp_make_real(s, t, e) < 0 || pt_syscall(t->tid, 0, e) < 0 ||
		    pt_wait(t->tid, &t->last_status, e) < 0)
			return -1;
		t->at_entry = 0;
		return 0;
	}
	int perform = must_execute(&s->ev, d) || rp_test_performs(s->opt, t->nr);
	int rc = perform ? execute(s, t, e) : emulate(s, t, e);
	t = task_find_vtid(&s->tasks, (pid_t)s->ev.tid);
	if (t)
		t->at_entry = 0;
	return rc;
}

int rp_syscall_enter(struct rp_session *s, struct task *t, struct err *e)
{
	if (to_entry(s, t, e) < 0 || check_entry(s, t, e) < 0 ||
	    write_blobs(s, t, e) < 0) /* what the kernel wrote as it slept */
		return -1;
	return is_vfork(t) ? start_vfork(s, t, e) : 0;
}
