/* Recording syscalls, driven by the declarative table (core/syscalls.c):
 * at entry, decide whether the thread gives up the CPU; at exit, save the
 * result and every byte the kernel wrote into the program's memory. */
#define _GNU_SOURCE
#include "record.h"

#include <asm/prctl.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <sched.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/ptrace_util.h"
#include "core/regs.h"
#include "core/syscalls.h"
#include "core/sysout.h"

static int is_error(int64_t result)
{
	return result < 0 && result >= -4095;
}

/* Syscalls that keep the CPU while the kernel runs them, until they really
 * sleep (rec_held_check): a write, so that the bytes of several threads
 * reach a file or a pipe in the order the trace has; a PI futex lock,
 * which marks the futex word contended as it goes to sleep, where the
 * owner's unlock looks (the trace keeps that write with the entry). */
enum held { HELD_NO, HELD_WRITE, HELD_PI_LOCK };

static int is_pi_lock(long nr, const struct user_regs_struct *r)
{
	int op = (int)r->rsi & FUTEX_CMD_MASK;
	return nr == SYS_futex && (op == FUTEX_LOCK_PI || op == 13 /* FUTEX_LOCK_PI2 */);
}

/* futex sleeps only for its wait and lock operations. */
static int may_block(long nr, const struct user_regs_struct *r,
		     const struct sys_desc *d)
{
	/* (a vfork parent sleeps until its child execs or exits, but only
	 * once the child exists: it keeps the CPU until then, rec_loop.c) */
	if (nr == SYS_futex) {
		int op = (int)r->rsi & FUTEX_CMD_MASK;
		return op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET ||
		       op == FUTEX_LOCK_PI || op == FUTEX_WAIT_REQUEUE_PI ||
		       op == 13 /* FUTEX_LOCK_PI2 */;
	}
	return (d->flags & SYS_MAY_BLOCK) != 0;
}

static int refuse(struct rec_session *s, struct task *t, long nr,
		  const char *why, struct err *e)
{
	char name[32];
	return err_set(e, "event %llu: thread %d called %s (syscall %ld): %s",
		       (unsigned long long)rec_next_event(s), t->vtid,
		       sys_name(nr, name, sizeof name), nr, why);
}

int rec_check_abi(struct rec_session *s, struct task *t,
		  const struct user_regs_struct *r, struct err *e)
{
	int abi = pt_syscall_abi(t->tid, e);
	if (abi <= SYS_ABI_X86_64)
		return abi;
	char what[96];
	return err_set(e, "event %llu: thread %d made %s: heisen records only "
		       "64-bit syscalls, so the recording stops here",
		       (unsigned long long)rec_next_event(s), t->vtid,
		       sys_abi_call_str(abi, (long)r->orig_rax, what, sizeof what));
}

/* Suppress the syscall: the kernel skips a syscall whose number is -1. */
static int suppress(struct task *t, struct err *e)
{
	struct user_regs_struct r = t->entry_regs;
	r.orig_rax = (unsigned long long)-1;
	t->skipped = 1;
	return pt_setregs(t->tid, &r, e);
}

/* A clone that asked for CLONE_UNTRACED is made without it: its child is
 * recorded like any other. rdi gets its value back at the exit. */
static int untrace_clone(struct task *t, struct err *e)
{
	struct user_regs_struct r = t->entry_regs;
	r.rdi = sys_clone_flags_traced(r.rdi);
	return r.rdi == t->entry_regs.rdi ? 0 : pt_setregs(t->tid, &r, e);
}

void rec_log_entry(struct rec_session *s, struct task *t)
{
	struct event ev = {.type = EV_SYSCALL_ENTER};
	struct mem_blob word;
	ev.sys.nr = sys_trace_nr(t->nr);
	regs_args(&t->entry_regs, ev.sys.args);
	ev.sys.rip = t->entry_regs.rip;
	ev.sys.digest = regs_entry_digest(&t->entry_regs);
	if (t->has_entry_word) {
		word = (struct mem_blob){ev.sys.args[0], sizeof t->entry_word,
					 (const uint8_t *)&t->entry_word};
		ev.sys.flags |= SF_ENTRY_MEM;
		ev.sys.nblobs = 1;
		ev.sys.blobs = &word;
		t->has_entry_word = 0;
	}
	rec_put(s, &ev, t);
	t->entry_logged = 1;
}

void rec_held_check(struct rec_session *s, struct task *t, int at_once)
{
	char state = proc_state(t->tid);
	if ((!at_once && rec_ticks_now() == t->held_since) || (state != 'S' && state != 'D'))
		return;
	struct err ignored;
	if (t->held_in_syscall == HELD_PI_LOCK &&
	    mem_read(t->tid, t->entry_regs.rdi, &t->entry_word, sizeof t->entry_word,
		     &ignored) == 0)
		t->has_entry_word = 1;
	t->held_in_syscall = HELD_NO;
	t->state = T_IN_SYSCALL;
	s->stats.blocking++;
	rec_release_cpu(s, t);
}

static void put_syscall_event(struct rec_session *s, struct task *t,
			      struct event *ev, int64_t result)
{
	ev->type = EV_SYSCALL;
	ev->sys.nr = sys_trace_nr(t->nr);
	regs_args(&t->entry_regs, ev->sys.args);
	ev->sys.rip = t->entry_regs.rip;
	ev->sys.digest = regs_entry_digest(&t->entry_regs);
	ev->sys.result = result;
	if (t->entry_logged)
		ev->sys.flags |= SF_ENTERED;
	if (t->skipped)
		ev->sys.flags |= SF_SKIPPED;
	if (ev->sys.flags & (SF_TO_STDOUT | SF_TO_STDERR))
		out_digest_add(&s->out, (uint32_t)t->vtid, ev->sys.flags & SF_TO_STDOUT ? 1 : 2,
			       ev->sys.data, ev->sys.data_len);
	rec_put(s, ev, t);
	s->stats.syscalls++;
}

/* What a /proc link names ("" if nothing), without a " (deleted)". */
static void read_link(pid_t tid, const char *what, char *out, size_t len)
{
	char link[64];
	snprintf(link, sizeof link, "/proc/%d/%s", tid, what);
	ssize_t n = readlink(link, out, len - 1);
	out[n > 0 && out[0] == '/' ? n : 0] = 0;
	char *gone = strstr(out, " (deleted)");
	if (gone && !gone[10])
		*gone = 0;
}

/* The file an execve names, made absolute, so that a #! script can be
 * stored with the images its exec maps; for an execveat from a directory
 * fd (or of the fd itself, fexecve), what that fd names, which the replay
 * opens again as that fd (the program's fds are not real there). */
static void note_exec_path(struct task *t, long nr)
{
	char rel[PATH_MAX] = "", base[PATH_MAX] = "";
	uint64_t at = nr == SYS_execve ? t->entry_regs.rdi : t->entry_regs.rsi;
	int dirfd = nr == SYS_execveat ? (int)t->entry_regs.rdi : AT_FDCWD;
	struct err ignored;
	t->exec_path[0] = t->exec_fdpath[0] = 0;
	for (size_t i = 0; i + 1 < sizeof rel; i++) {
		if (mem_read(t->tid, at + i, &rel[i], 1, &ignored) < 0)
			return;
		if (!rel[i])
			break;
	}
	rel[sizeof rel - 1] = 0;
	if (dirfd != AT_FDCWD) {
		char fd[32];
		snprintf(fd, sizeof fd, "fd/%d", dirfd);
		read_link(t->tid, fd, t->exec_fdpath, sizeof t->exec_fdpath);
	}
	if (rel[0] == '/') {
		snprintf(t->exec_path, sizeof t->exec_path, "%s", rel);
		return;
	}
	if (dirfd != AT_FDCWD)
		snprintf(base, sizeof base, "%s", t->exec_fdpath);
	else
		read_link(t->tid, "cwd", base, sizeof base);
	if (base[0] && !rel[0]) /* AT_EMPTY_PATH: the fd is the file */
		snprintf(t->exec_path, sizeof t->exec_path, "%s", base);
	else if (base[0])
		snprintf(t->exec_path, sizeof t->exec_path, "%s/%s", base, rel);
}

#define SETTLE_TRIES 1000 /* sched_yields: a few ms at most */

/* Under chaos, a thread given away the CPU in a syscall that may block
 * gets there before another thread runs: until it sleeps, or its exit
 * stop came. Otherwise the kernel's look at what it waits for (a futex's
 * word, a pipe) races with the next thread, and whether it sleeps, or
 * returns at once and tries again, would be timing, not the seed. */
static void settle_into_sleep(const struct task *t)
{
	for (int i = 0; i < SETTLE_TRIES; i++) {
		char state = proc_state(t->tid);
		if (state != 'R')
			return; /* S, D: asleep; t: stopped at its exit */
		sched_yield(); /* (we share its CPU) */
	}
}

int rec_on_syscall_entry(struct rec_session *s, struct task *t,
			 const struct user_regs_struct *regs, struct err *e)
{
	t->entry_regs = *regs;
	long nr = (long)t->entry_regs.orig_rax;
	t->nr = nr;
	t->in_syscall = 1;
	t->at_entry = 1;
	t->skipped = 0;
	t->entry_logged = 0;

	const struct sys_desc *d = sys_lookup(nr);
	if (!d || (d->flags & SYS_UNSUPPORTED))
		return refuse(s, t, nr, "this syscall is not supported", e);
	if (nr == SYS_arch_prctl && t->entry_regs.rdi == ARCH_SET_CPUID)
		return refuse(s, t, nr, "ARCH_SET_CPUID is not supported: heisen "
			      "traps every cpuid itself", e);
	if (d->flags & SYS_FD_REUSE)
		rec_forget_out_fds(s); /* and again at its exit */
	if (nr == SYS_set_tid_address)
		t->clear_tid = t->entry_regs.rdi;
	if (nr == SYS_mmap && rec_shared_mmap_entry(s, t, e) < 0)
		return -1;
	if (rec_copy_entry(s, t, e) < 0)
		return -1;
	if (!(d->flags & SYS_PROCESS))
		rec_chaos_at_syscall(s, t);
	if (nr == SYS_clone3) {
		/* libc falls back to clone, whose flags we can read */
		if (suppress(t, e) < 0)
			return -1;
	} else if (d->flags & SYS_PROCESS) {
		/* fork, vfork, clone and exec are followed through their
		 * ptrace events (rec_loop.c) */
		if (nr == SYS_execve || nr == SYS_execveat)
			note_exec_path(t, nr);
		if (nr == SYS_clone && untrace_clone(t, e) < 0)
			return -1;
	} else if (d->flags & (SYS_ENOSYS | SYS_SKIP)) {
		if (suppress(t, e) < 0)
			return -1;
	}
	if (d->flags & SYS_NORETURN) {
		struct event ev = {0};
		put_syscall_event(s, t, &ev, 0);
		return pt_syscall(t->tid, 0, e);
	}
	if (may_block(nr, &t->entry_regs, d) &&
	    ((d->flags & SYS_WRITES_FD) || is_pi_lock(nr, &t->entry_regs))) {
		t->held_in_syscall = (d->flags & SYS_WRITES_FD) ? HELD_WRITE : HELD_PI_LOCK;
		t->held_since = rec_ticks_now();
	} else if (may_block(nr, &t->entry_regs, d)) {
		/* give the CPU away while it sleeps; the entry is logged only
		 * if another thread runs before the exit */
		t->state = T_IN_SYSCALL;
		s->stats.blocking++;
		rec_release_cpu(s, t);
	} else if (t->switch_wanted && rec_others_ready(s, t->tid) &&
		   !(d->flags & SYS_PROCESS)) {
		/* (a fork, vfork or exec is not parked: the replay starts
		 * those at their entry) */
		/* switch out here, before the syscall runs: it runs when the
		 * thread next gets the CPU */
		t->switch_wanted = 0;
		if (!t->copy_waits)
			rec_log_entry(s, t);
		t->state = T_READY;
		rec_release_cpu(s, t);
		s->stats.preempt_at_syscall++;
		return 0;
	}
	t->at_entry = 0;
	if (pt_syscall(t->tid, 0, e) < 0)
		return -1;
	if (t->state == T_IN_SYSCALL && s->opt->chaos.mode)
		settle_into_sleep(t);
	if (t->held_in_syscall == HELD_PI_LOCK) {
		/* it sleeps unless the owner let go meanwhile: let it get
		 * there (we share its CPU) and look */
		sched_yield();
		rec_held_check(s, t, 1);
	}
	return 0;
}

static uint8_t *scratch(struct rec_session *s, size_t len)
{
	if (len > s->scratch_cap) {
		uint8_t *p = realloc(s->scratch, len);
		if (!p)
			abort();
		s->scratch = p;
		s->scratch_cap = len;
	}
	return s->scratch;
}

/* Read the ranges the kernel wrote into one scratch buffer. */
static int capture_ranges(struct rec_session *s, struct task *t,
			  const struct mem_range *rg, int n,
			  struct mem_blob *blobs, struct err *e)
{
	size_t total = 0;
	for (int i = 0; i < n; i++)
		total += rg[i].len;
	if (total > TRACE_MAX_RECORD / 2)
		return err_set(e, "event %llu: thread %d's syscall wrote %zu bytes, more than "
			       "the %u bytes one event may hold", (unsigned long long)rec_next_event(s),
			       t->vtid, total, TRACE_MAX_RECORD / 2);
	uint8_t *buf = scratch(s, total ? total : 1);
	size_t off = 0;
	for (int i = 0; i < n; i++) {
		if (mem_read(t->tid, rg[i].addr, buf + off, rg[i].len, e) < 0)
			return -1;
		blobs[i].addr = rg[i].addr;
		blobs[i].len = (uint32_t)rg[i].len;
		blobs[i].data = buf + off;
		off += rg[i].len;
	}
	return 0;
}

/* A successful mmap of a file: store the file, and tell the replay. */
static int note_mapped_file(struct rec_session *s, struct task *t,
			    const uint64_t *args, struct err *e)
{
	char link[64], path[PATH_MAX];
	snprintf(link, sizeof link, "/proc/%d/fd/%d", t->tid, (int)args[4]);
	ssize_t n = readlink(link, path, sizeof path - 1);
	if (n <= 0)
		return err_sys(e, "cannot resolve mapped fd %d", (int)args[4]);
	path[n] = 0;
	int rc = rec_shared_mmap(s, t, args, e);
	if (rc <= 0)
		return rc; /* shared, /dev/zero, or an error */
	if (path[0] != '/')
		return err_set(e, "event %llu: mmap of %s is not supported",
			       (unsigned long long)rec_next_event(s), path);
	struct event ev = {.type = EV_MAPFILE};
	ev.mapfile.offset = args[5];
	snprintf(ev.mapfile.path, sizeof ev.mapfile.path, "%s", path);
	/* A file that has no path any more (unlinked, a memfd) is copied
	 * through the fd the program maps it with. */
	const char *from = strstr(path, " (deleted)") || !strncmp(path, "/memfd:", 7) ? link : path;
	if (file_store_add(&s->files, from, ev.mapfile.hash, &ev.mapfile.size, e) < 0)
		return -1;
	rec_put(s, &ev, t);
	s->stats.mapped_files++;
	return 0;
}

/* Address-space changes that need work beyond saving memory. */
static int note_mapping(struct rec_session *s, struct task *t,
			const uint64_t *args, int64_t result, struct err *e)
{
	if (is_error(result))
		return 0;
	if ((t->nr == SYS_mmap || t->nr == SYS_munmap) &&
	    rec_yield_mapped(s, t, args, result, e) < 0)
		return -1;
	if (t->nr == SYS_mmap) {
		if (!(args[3] & MAP_ANONYMOUS) && note_mapped_file(s, t, args, e) < 0)
			return -1;
		if (args[2] & PROT_EXEC) {
			rec_planned_find(s, t);
			return patch_range(&s->patch, t->tid, (uint64_t)result,
					   args[1], e);
		}
	}
	if (t->nr == SYS_mprotect && (args[2] & PROT_EXEC))
		return patch_range(&s->patch, t->tid, args[0], args[1], e);
	if (t->nr == SYS_shmget || t->nr == SYS_shmat)
		return rec_shared_shm(s, t, args, result, e);
	return 0;
}

static int after_exit(struct rec_session *s, struct task *t, struct err *e)
{
	t->held_in_syscall = HELD_NO;
	t->has_entry_word = 0;
	t->in_syscall = 0;
	t->at_entry = 0;
	t->entry_logged = 0;
	if (s->ending) {
		t->state = T_READY;
		rec_release_cpu(s, t);
		return 0;
	}
	if (t->state == T_IN_SYSCALL) {
		t->state = T_READY;
		return 0;
	}
	if (t->switch_wanted == 2 ||
	    ((t->switch_wanted || rec_slice_over(s)) && rec_others_ready(s, t->tid))) {
		t->switch_wanted = 0;
		s->stats.preempt_at_syscall++;
		t->state = T_READY;
		rec_release_cpu(s, t);
		return 0;
	}
	t->switch_wanted = 0;
	return rec_resume(s, t, e);
}

/* The vfork child whose exec or exit releases t, if not recorded yet. */
static struct task *unreleased_vfork_child(struct rec_session *s, struct task *t,
					   int64_t result)
{
	if (!sys_is_vfork(t->nr, t->entry_regs.rdi) || result <= 0)
		return NULL;
	struct task *c = task_find_vtid(&s->tasks, (pid_t)result);
	return c && !c->image_recorded ? c : NULL;
}

/* The kernel lets a vfork parent go on at the child's exec (before the
 * exec's ptrace stop) or exit, so the parent's return can reach us first.
 * The replay starts the child's exec from its record and only then can
 * the parent return: the parent's record must come after it. */
int rec_vfork_released(struct rec_session *s, struct task *child, struct err *e)
{
	child->image_recorded = 1;
	for (size_t i = 0; i < s->tasks.n; i++) {
		struct task *p = &s->tasks.v[i];
		if (p->vfork_exit_deferred && (int64_t)p->vfork_exit_regs.rax == child->vtid) {
			p->vfork_exit_deferred = 0;
			struct user_regs_struct r = p->vfork_exit_regs;
			return rec_on_syscall_exit(s, p, &r, e);
		}
	}
	return 0;
}

/* A thread that slept in a syscall and returns while the thread holding
 * the CPU is inside a syscall of its own may have been woken by that one:
 * an unlock handing it a PI futex, a write filling its pipe. What its
 * return wrote is then that syscall's doing (the new owner's tid in the
 * lock word), which the holder must not see before its own syscall: the
 * return is recorded after that syscall's, where the replay applies it.
 * A holder asleep in its syscall has done what it will do before it. A
 * write is never put off: the order of the write records is the order of
 * the bytes in the file or pipe, which the replay re-emits. */
static int woken_waits(struct rec_session *s, const struct task *t)
{
	if (s->ending || t->state != T_IN_SYSCALL || !s->current || s->current == t->tid)
		return 0;
	const struct sys_desc *d = sys_lookup(t->nr);
	if (!d || (d->flags & SYS_WRITES_FD))
		return 0;
	const struct task *c = task_find(&s->tasks, s->current);
	if (!c || !c->in_syscall || c->at_entry || c->state != T_RUNNING)
		return 0;
	char state = proc_state(c->tid);
	return state != 'S' && state != 'D';
}

/* How many threads a futex call that returned `result` woke (requeued
 * ones stay asleep). */
static int64_t futex_woke(const uint64_t *args, int64_t result)
{
	int op = (int)(args[1] & FUTEX_CMD_MASK);
	if (result <= 0)
		return 0;
	if (op == FUTEX_WAKE || op == FUTEX_WAKE_BITSET || op == FUTEX_WAKE_OP)
		return result;
	if (op == FUTEX_REQUEUE || op == FUTEX_CMP_REQUEUE)
		return result < (int64_t)args[2] ? result : (int64_t)args[2];
	return 0;
}

#define WOKEN_WAIT_TICKS 50 /* bound on the wait (about 50-100 ms) */

/* Which sleepers a futex wake may have woken: in a futex wait, not
 * `except` (the waker), on the word at addr and in process tgid if those
 * are given, and not returned already (woken_exit_deferred). */
struct wakees {
	const struct task *except;
	pid_t tgid;
	uint64_t addr;
};

static int may_be_wakee(const struct task *c, const struct wakees *w)
{
	return c != w->except && c->state == T_IN_SYSCALL && c->nr == SYS_futex &&
	       !c->woken_exit_deferred && (!w->tgid || c->tgid == w->tgid) &&
	       (!w->addr || c->entry_regs.rdi == w->addr);
}

/* Take the returns of `want` such sleepers as they come: bounded, and at
 * once done when none is left that could return. */
static int collect_futex_returns(struct rec_session *s, const struct wakees *w, int64_t want,
				 struct err *e)
{
	uint64_t until = rec_ticks_now() + WOKEN_WAIT_TICKS;
	while (want > 0 && rec_ticks_now() < until) {
		int seen = 0, candidates = 0;
		for (size_t i = 0; i < s->tasks.n && want > 0; i++) {
			struct task *c = &s->tasks.v[i];
			int status;
			if (!may_be_wakee(c, w))
				continue;
			candidates++;
			if (waitpid(c->tid, &status, __WALL | WNOHANG) != c->tid)
				continue;
			/* (a futex return adds no task: the table stays put) */
			if (rec_handle_stop(s, c->tid, status, e) < 0)
				return -1;
			want--;
			seen = 1;
			i = (size_t)-1;
		}
		if (!candidates)
			break;
		if (!seen)
			sched_yield(); /* they share our CPU */
	}
	return 0;
}

/* Under chaos, the threads a futex wake woke: their returns are taken now,
 * before the waker goes on, so that the scheduler's next choice sees them
 * ready whatever the timing (a seed then gives the same schedule). The
 * kernel picks which waiters of the word wake: any that returns counts. */
static int collect_woken(struct rec_session *s, struct task *t, const uint64_t *args,
			 int64_t result, struct err *e)
{
	int64_t want = t->nr == SYS_futex ? futex_woke(args, result) : 0;
	/* some may have returned already, during the wake: their returns
	 * were put off until after it (woken_waits) */
	for (size_t i = 0; i < s->tasks.n; i++)
		want -= s->tasks.v[i].woken_exit_deferred && s->tasks.v[i].nr == SYS_futex;
	struct wakees w = {.except = t};
	return collect_futex_returns(s, &w, want, e);
}

int rec_collect_exit_wake(struct rec_session *s, pid_t tgid, uint64_t clear_tid,
			  struct err *e)
{
	if (!s->opt->chaos.mode || !clear_tid)
		return 0;
	/* the kernel wakes one waiter of the word */
	struct wakees w = {.tgid = tgid, .addr = clear_tid};
	return collect_futex_returns(s, &w, 1, e);
}

int rec_record_woken(struct rec_session *s, struct err *e)
{
	for (size_t i = 0; s->nwoken_deferred && i < s->tasks.n; i++) {
		struct task *t = &s->tasks.v[i];
		if (!t->woken_exit_deferred || woken_waits(s, t))
			continue;
		t->woken_exit_deferred = 0;
		s->nwoken_deferred--;
		struct user_regs_struct r = t->woken_exit_regs;
		if (rec_on_syscall_exit(s, t, &r, e) < 0)
			return -1;
		i = (size_t)-1; /* the table may have changed: look again */
	}
	return 0;
}

/* A creator's return waits for its child's first stop, so that the child
 * gets its priority and planned points (rec_chaos_new_thread) at the same
 * point of every recording, not whenever the kernel's stop comes. */
static int await_first_stop(struct rec_session *s, struct task *t, struct err *e)
{
	pid_t child = t->new_child;
	t->new_child = 0;
	struct task *c = task_find(&s->tasks, child);
	if (!c || c->state != T_NEW)
		return 0;
	int status;
	pid_t got;
	while ((got = waitpid(child, &status, __WALL)) < 0 && errno == EINTR)
		;
	if (got != child)
		return 0; /* gone already: its end comes through the loop */
	return rec_handle_stop(s, child, status, e);
}

int rec_on_syscall_exit(struct rec_session *s, struct task *t,
			const struct user_regs_struct *regs, struct err *e)
{
	struct user_regs_struct r = *regs;
	int64_t result = (int64_t)r.rax;
	rec_planned_arm_due(t);
	if (t->new_child) {
		pid_t tid = t->tid;
		if (await_first_stop(s, t, e) < 0)
			return -1;
		t = task_find(&s->tasks, tid); /* (a child that died at once
						  left the table) */
	}
	if (t->copy_waits) { /* a poll in place of a copy from a pipe */
		struct user_regs_struct entry;
		if (rec_copy_waited(t, result, &entry, e) < 0)
			return -1;
		t->fresh_exit = 0;
		return rec_on_syscall_entry(s, t, &entry, e);
	}
	if (unreleased_vfork_child(s, t, result)) {
		t->vfork_exit_deferred = 1; /* left stopped until then */
		t->vfork_exit_regs = r;
		return 0;
	}
	if (woken_waits(s, t)) {
		t->woken_exit_deferred = 1; /* left stopped until then */
		t->woken_exit_regs = r;
		s->nwoken_deferred++;
		return 0;
	}
	if ((t->nr == SYS_execve || t->nr == SYS_execveat) && result == 0) {
		if (patch_exec_done(&s->patch, t->tid, &t->yield, e) < 0)
			return -1;
		rec_yield_exec(s, t);
	}
	const struct sys_desc *d = sys_lookup(t->nr);
	if (d && (d->flags & SYS_FD_REUSE))
		rec_forget_out_fds(s);
	if (t->skipped && d && (d->flags & SYS_SKIP)) {
		result = 0;
		r.rax = 0;
		if (pt_setregs(t->tid, &r, e) < 0)
			return -1;
	}
	if (t->nr == SYS_clone && r.rdi != t->entry_regs.rdi) {
		r.rdi = t->entry_regs.rdi; /* see untrace_clone */
		if (pt_setregs(t->tid, &r, e) < 0)
			return -1;
	}
	if (t->copy_len_cut) {
		rec_copy_exit(t, &r);
		if (pt_setregs(t->tid, &r, e) < 0)
			return -1;
	}
	t->exit_regs = r;
	t->fresh_exit = 1;
	struct event ev = {0};
	uint64_t args[6];
	regs_args(&t->entry_regs, args);
	memcpy(ev.sys.args, args, sizeof args);

	struct mem_range *ranges = s->ranges;
	struct mem_blob *blobs = s->blobs;
	struct mem_reader ctx = {t->tid, e};
	/* restart_syscall resumes an interrupted nanosleep, poll, futex...:
	 * what it writes is what that syscall writes */
	long out_nr = t->nr;
	const uint64_t *out_args = args;
	if (t->nr == SYS_restart_syscall) {
		out_nr = t->restart_nr;
		out_args = t->restart_args;
	}
	if (result == -516 /* ERESTART_RESTARTBLOCK */ && t->nr != SYS_restart_syscall) {
		t->restart_nr = t->nr;
		memcpy(t->restart_args, args, sizeof t->restart_args);
	}
	if (d && (d->flags & SYS_BEYOND) && result != -ENOSYS) {
		char name[32];
		return err_set(e, "event %llu: thread %d called %s, which heisen does not know, "
			       "and the kernel did not answer ENOSYS but %lld",
			       (unsigned long long)rec_next_event(s), t->vtid,
			       sys_name(t->nr, name, sizeof name), (long long)result);
	}
	int n = t->skipped || out_nr == SYS_restart_syscall ? 0 :
		sys_written_ranges(out_nr, out_args, result, mem_reader_read, &ctx,
				   ranges, REC_MAX_RANGES, e);
	if (n < 0)
		return err_wrap(e, "event %llu, thread %d",
				(unsigned long long)rec_next_event(s), t->vtid);
	if (capture_ranges(s, t, ranges, n, blobs, e) < 0)
		return -1;
	ev.sys.nblobs = (uint32_t)n;
	ev.sys.blobs = blobs;

	uint8_t *data = NULL;
	int rc = 0;
	if (d && (d->flags & SYS_WRITES_FD) && !t->skipped)
		rc = rec_note_output(s, t, &ev, result, &data, e);
	else if (!t->skipped)
		rc = rec_note_copy(s, t, &ev, result, &data, e);
	if (rc == 0)
		rc = note_mapping(s, t, args, result, e);
	if (rc == 0)
		put_syscall_event(s, t, &ev, result);
	if (rc == 0)
		rc = rec_shared_after(s, t, args, result, e);
	if (rc == 0 && s->opt->chaos.mode && s->current == t->tid)
		rc = collect_woken(s, t, args, result, e);
	if (rc == 0 && s->nwoken_deferred && s->current == t->tid) {
		/* before it runs on: what it woke returned after it */
		t->in_syscall = 0;
		rc = rec_record_woken(s, e);
	}
	if (rc == 0 && rec_chaos_after_wake(s, t, args, result))
		t->switch_wanted = 2; /* starved: away even if none is ready */
	free(data);
	return rc < 0 ? -1 : after_exit(s, t, e);
}
