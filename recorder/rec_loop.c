/* The recorder's main loop: wait for any tracee stop, record it, and decide
 * which single thread runs user code next.
 *
 * Scheduling: the thread holding the CPU (s->current) runs until it enters
 * a syscall that may block, or its timeslice runs out while another thread
 * is ready. It is then switched out at a syscall boundary when it is in a
 * syscall (free: it stops there anyway), or interrupted in user code with
 * PTRACE_INTERRUPT, which records a preemption point (its full registers)
 * that the replayer finds again exactly. */
#define _GNU_SOURCE
#include "record.h"
#include "core/syscalls.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/launch.h"
#include "core/ptrace_util.h"

/* Time is kept by the ticker (SIGALRM every half timeslice) rather than
 * by reading the clock: the loop would read it several times per syscall,
 * and with rdtsc trapped (core/tsc.h) each read is a syscall. The handler
 * can reach nothing but this counter. */
static volatile sig_atomic_t rec_ticks;

static void on_alarm(int sig)
{
	(void)sig; /* also there to interrupt waitpid() */
	rec_ticks++;
}

uint64_t rec_ticks_now(void)
{
	return (uint64_t)rec_ticks;
}

static uint64_t tick_us(const struct rec_session *s)
{
	uint64_t half = s->opt->timeslice_us / 2;
	if (s->opt->chaos.mode & CHAOS_SLICES)
		return 100; /* random slices of 0.1 to 4 ms */
	return half < 100 ? 100 : half;
}

/* In chaos's access mode slices are counted in accesses (recorder/chaos.h),
 * which a seed reproduces; the clock's slice is only there for a thread
 * spinning where no yield site is (in a library), and is long. */
#define ACCESS_FALLBACK_SLICE_US 200000

/* A slice is two ticks: it lasts between half and all of the timeslice
 * (or, with chaos, a random number of ticks). */
int rec_slice_over(const struct rec_session *s)
{
	unsigned mode = (unsigned)s->opt->chaos.mode;
	uint64_t len = mode & CHAOS_SLICES ? s->chaos.slice_ticks : 2;
	if ((mode & CHAOS_YIELDS) && !(mode & CHAOS_SLICES))
		len = ACCESS_FALLBACK_SLICE_US / tick_us(s);
	return (uint64_t)rec_ticks - s->slice_start_tick >= len;
}

void rec_put(struct rec_session *s, struct event *ev, struct task *t)
{
	/* A thread's id in the namespace is read at its first stop; a
	 * SIGKILL can end it before that, and its exit is still recorded
	 * (it exists until reaped). */
	if (t->vtid < 0)
		t->vtid = ns_tid(t->tid);
	rec_yield_before_record(s, t, ev->type);
	ev->tid = (uint32_t)t->vtid;
	trace_put(&s->tw, ev);
}

int rec_others_ready(struct rec_session *s, pid_t except)
{
	for (size_t i = 0; i < s->tasks.n; i++)
		if (s->tasks.v[i].tid != except && s->tasks.v[i].state == T_READY)
			return 1;
	return 0;
}

int rec_resume(struct rec_session *s, struct task *t, struct err *e)
{
	int sig = t->pending_sig;
	t->pending_sig = 0;
	t->at_entry = 0;
	t->switch_wanted = 0;
	t->state = T_RUNNING;
	if (s->current != t->tid)
		s->slice_start_tick = rec_ticks;
	if (s->slice_owner != t->tid) {
		/* a new slice when another thread runs, not each time this one
		 * gets the CPU back (after a blocking syscall: how often that
		 * happens depends on timing) */
		s->slice_owner = t->tid;
		rec_chaos_new_slice(s, t, tick_us(s));
	}
	s->current = t->tid;
	rec_planned_arm_due(t);
	if (rec_yield_resume(s, t, e) < 0)
		return -1;
	return pt_syscall(t->tid, sig, e);
}

void rec_release_cpu(struct rec_session *s, struct task *t)
{
	rec_yield_released(s, t);
	if (s->current == t->tid)
		s->current = 0;
}

/* A thread sleeping in a syscall whose entry is not logged yet must have
 * it logged before another thread runs user code, so the replay knows
 * that it entered first. */
static void log_pending_entries(struct rec_session *s)
{
	for (size_t i = 0; i < s->tasks.n; i++) {
		struct task *t = &s->tasks.v[i];
		/* (a poll in place of a copy: to the replay the thread has not
		 * reached its syscall yet, rec_output.c) */
		if (t->state == T_IN_SYSCALL && !t->entry_logged && !t->copy_waits)
			rec_log_entry(s, t);
	}
}

/* Events reach the file in batches: when 64 KiB are waiting, or every
 * FLUSH_US. The ticker wakes the loop, so a recorder killed by SIGKILL
 * loses at most the last few milliseconds of events, and the file always
 * holds whole records only. */
#define FLUSH_BYTES (64u << 10)
#define FLUSH_US 10000u

static int maybe_flush(struct rec_session *s, struct err *e)
{
	uint64_t every = FLUSH_US / tick_us(s) ? FLUSH_US / tick_us(s) : 1;
	if (s->tw.out.len < FLUSH_BYTES && rec_ticks - s->last_flush_tick < every)
		return 0;
	s->last_flush_tick = rec_ticks;
	return trace_flush(&s->tw, e);
}

uint64_t rec_tick_us(const struct rec_session *s)
{
	return tick_us(s);
}

static int schedule_next(struct rec_session *s, struct err *e)
{
	if (s->opt->chaos.mode) {
		/* none: every ready thread is starved; the ticker wakes us */
		struct task *chosen = rec_chaos_pick(s);
		if (!chosen)
			return 0;
		log_pending_entries(s);
		return rec_resume(s, chosen, e);
	}
	size_t n = s->tasks.n;
	for (size_t k = 0; k < n; k++) {
		size_t i = (s->rr_next + k) % n;
		struct task *t = &s->tasks.v[i];
		if (t->state != T_READY)
			continue;
		s->rr_next = i + 1;
		log_pending_entries(s);
		return rec_resume(s, t, e);
	}
	return 0;
}

/* Called on every wakeup: switch the running thread out when its timeslice
 * is over and another thread is waiting for the CPU. */
static void check_timeslice(struct rec_session *s)
{
	struct task *t = s->current ? task_find(&s->tasks, s->current) : NULL;
	if (t)
		rec_hold_back_tick(s, t);
	if (t && !rec_others_ready(s, t->tid)) {
		/* a slice is the time a thread keeps the CPU while another
		 * is ready to run (--timeslice-us): alone, it has not begun.
		 * (A parent that ran alone through a long start-up would
		 * otherwise lose the CPU to its first child at once: under
		 * PCT, below every thread it then creates.) */
		s->slice_start_tick = rec_ticks;
		return;
	}
	if (!t || t->interrupt_pending)
		return;
	if (t->held_in_syscall) {
		rec_held_check(s, t, 0);
		return;
	}
	if (!rec_slice_over(s))
		return;
	if (!t->switch_wanted)
		rec_chaos_slice_over(s, t);
	t->switch_wanted = 1;
	if (!t->in_syscall && ptrace(PTRACE_INTERRUPT, t->tid, 0, 0) == 0)
		t->interrupt_pending = 1;
}

static int on_new_thread_stop(struct rec_session *s, struct task *t)
{
	(void)s;
	t->state = T_READY;
	if (t->vtid < 0)
		t->vtid = ns_tid(t->tid);
	if (!t->tgid)
		t->tgid = proc_tgid(t->tid);
	/* its priority and planned points once it has its creator's sites
	 * (the first stop can beat the creator's event) */
	if (t->creation_seen || t->tid == s->leader)
		rec_chaos_new_thread(s, t);
	return 0;
}

static int is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* The thread's process is stopped (a stop signal took its default
 * action): it stays stopped, as natively, until a SIGCONT, whose coming
 * PTRACE_LISTEN lets the kernel tell (a PTRACE_EVENT_STOP with SIGTRAP,
 * or the stop signal again if it is still stopped). Then it runs when
 * the scheduler picks it. The trace needs nothing: the replay's kernel
 * stops it too and the replay runs it again at its next event. */
static int on_group_stop(struct rec_session *s, struct task *t, int status,
			 struct err *e)
{
	if (is_stop_signal(WSTOPSIG(status))) {
		t->state = T_STOPPED;
		rec_release_cpu(s, t);
		if (ptrace(PTRACE_LISTEN, t->tid, 0, 0) < 0)
			return err_sys(e, "PTRACE_LISTEN on thread %d", t->vtid);
		return 0;
	}
	if (t->state == T_STOPPED) {
		t->state = T_READY;
		return 0;
	}
	return pt_syscall(t->tid, 0, e); /* a notice we do not need */
}

/* Our PTRACE_INTERRUPT arrived while the thread ran user code: that is a
 * preemption point. */
static int on_interrupt(struct rec_session *s, struct task *t, struct err *e)
{
	if (t->held_back_interrupt && !t->switch_wanted) {
		/* it only ended a held-back signal's wait (its mask is
		 * back): the signal comes as the thread goes on */
		t->interrupt_pending = 0;
		t->held_back_interrupt = 0;
		return pt_syscall(t->tid, 0, e);
	}
	t->held_back_interrupt = 0;
	return rec_preempt_here(s, t, e);
}

int rec_preempt_here(struct rec_session *s, struct task *t, struct err *e)
{
	struct event ev = {.type = EV_PREEMPT};
	if (pt_getregs(t->tid, &ev.point.regs, e) < 0 ||
	    rec_settle_point(s, t, &ev.point.regs, e) < 0)
		return -1;
	rec_put_preemption(s, t, &ev);
	return 0;
}

void rec_put_preemption(struct rec_session *s, struct task *t, struct event *ev)
{
	point_mem_capture(t->tid, &ev->point.regs, &ev->point.mem);
	rec_point_state(s, t, &ev->point.regs, &ev->point.state);
	t->interrupt_pending = 0;
	t->switch_wanted = 0;
	rec_put(s, ev, t);
	s->stats.preemptions++;
	t->state = T_READY;
	rec_release_cpu(s, t);
}

/* A thread killed with SIGKILL still pending dies without an exit stop:
 * record its exit all the same, so the replay kills it there too. */
static void note_exit_without_stop(struct rec_session *s, pid_t tid,
				   int status)
{
	struct task *t = task_find(&s->tasks, tid);
	if (!t || t->state == T_EXITING || t->state == T_NEW ||
	    rec_exit_by_exec(s, t, status))
		return;
	struct event ev = {.type = EV_EXIT};
	ev.exit.status = status;
	ev.exit.last = task_count_process(&s->tasks, t->tgid, t->tid) == 0;
	rec_put(s, &ev, t);
	struct err ignored;
	rec_vfork_released(s, t, &ignored);
}

void rec_on_reaped(struct rec_session *s, pid_t tid, int status)
{
	note_exit_without_stop(s, tid, status);
	rec_forget_out_fds(s); /* its pid, and fd numbers, may come back */
	if (tid == s->leader)
		s->leader_status = status;
	rec_release_cpu(s, task_find(&s->tasks, tid));
	task_remove(&s->tasks, tid);
	if (s->tasks.n == 0)
		s->done = 1;
}

/* t is gone: forget it, and (under chaos) take the return of the joiner
 * its exit woke (rec_syscall.c). */
static int reaped(struct rec_session *s, struct task *t, int status, struct err *e)
{
	pid_t tgid = t->tgid;
	uint64_t clear_tid = t->clear_tid;
	rec_on_reaped(s, t->tid, status);
	return rec_collect_exit_wake(s, tgid, clear_tid, e);
}

static int on_thread_exit(struct rec_session *s, struct task *t, struct err *e)
{
	struct event ev = {.type = EV_EXIT};
	ev.exit.status = (int32_t)pt_eventmsg(t->tid);
	ev.exit.last = task_count_process(&s->tasks, t->tgid, t->tid) == 0;
	if (rec_exit_by_exec(s, t, ev.exit.status)) {
		/* killed by a sibling's exec: recorded after it */
		t->state = T_EXITING;
		t->image_recorded = 1;
		rec_release_cpu(s, t);
		return pt_cont(t->tid, 0, e);
	}
	rec_put(s, &ev, t);
	t->state = T_EXITING;
	rec_release_cpu(s, t);
	pid_t tid = t->tid;
	if (rec_vfork_released(s, t, e) < 0)
		return -1;
	t = task_find(&s->tasks, tid);
	if (pt_cont(t->tid, 0, e) < 0)
		return -1;
	/* The kernel clears the thread's tid word and wakes its joiner as it
	 * dies. Let that finish before anyone else runs, as the replay does,
	 * or a joiner could see the word before or after depending on luck.
	 * A group leader with live threads stays a zombie: not waited for. */
	if (t->tid == t->tgid && !ev.exit.last)
		return 0;
	int status;
	if (pt_wait(tid, &status, e) < 0)
		return -1;
	return stop_classify(status) == STOP_EXITED ? reaped(s, t, status, e) : 0;
}

/* A vfork parent sleeps from its child's creation until the child execs
 * or exits: it gives the CPU away there, and its entry is logged before
 * the child runs (the replay starts the vfork at that entry). Not at the
 * syscall's entry: a vfork can still fail or be restarted (ERESTARTNOINTR,
 * when a signal or ptrace interrupt comes as the child is made), and the
 * replay would then make a child that the recording never had. */
static void park_vfork_parent(struct rec_session *s, struct task *t)
{
	t->state = T_IN_SYSCALL;
	s->stats.blocking++;
	rec_release_cpu(s, t);
}

static int on_event(struct rec_session *s, struct task *t, int status,
		    struct err *e)
{
	switch (stop_event(status)) {
	case PTRACE_EVENT_CLONE:
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK: {
		pid_t parent = t->tid, child = (pid_t)pt_eventmsg(t->tid);
		int thread = stop_event(status) == PTRACE_EVENT_CLONE &&
			     (t->entry_regs.rdi & CLONE_THREAD);
		pid_t tgid = thread ? t->tgid : child;
		/* the same code, at the same place (t may move: task_add grows) */
		uint64_t site[PLANNED_SLOTS];
		uint8_t kind[PLANNED_SLOTS];
		int chosen = t->planned_chosen;
		struct yield_set yield = t->yield;
		uint64_t clear_tid = (t->entry_regs.rdi & CLONE_CHILD_CLEARTID) ? t->entry_regs.r10 : 0;
		memcpy(site, t->planned_site, sizeof site);
		memcpy(kind, t->planned_kind, sizeof kind);
		struct task *c = task_find(&s->tasks, child);
		if (!c)
			c = task_add(&s->tasks, child);
		c->tgid = tgid;
		c->yield = yield;
		memcpy(c->planned_site, site, sizeof site);
		memcpy(c->planned_kind, kind, sizeof kind);
		c->planned_chosen = chosen;
		c->clear_tid = clear_tid;
		c->creator = parent;
		if (c->state != T_NEW && !c->creation_seen)
			rec_chaos_new_thread(s, c); /* its first stop came first */
		c->creation_seen = 1;
		t = task_find(&s->tasks, parent);
		t->new_child = child;
		if (rec_hold_back_child(t, c, e) < 0)
			return -1;
		if (sys_is_vfork(t->nr, t->entry_regs.rdi))
			park_vfork_parent(s, t);
		return pt_syscall(parent, 0, e);
	}
	case PTRACE_EVENT_EXEC:
		t = rec_exec_task(s, t->tid);
		if (rec_exec_event(s, t, e) < 0)
			return -1;
		return pt_syscall(t->tid, 0, e);
	case PTRACE_EVENT_EXIT:
		return on_thread_exit(s, t, e);
	case PTRACE_EVENT_STOP:
		if (t->state == T_NEW)
			return on_new_thread_stop(s, t);
		if (t->interrupt_pending)
			return on_interrupt(s, t, e);
		return on_group_stop(s, t, status, e);
	default:
		return err_set(e, "thread %d: unexpected ptrace event %d",
			       t->vtid, stop_event(status));
	}
}

/* Whether a syscall stop is an entry. The thread's history says which
 * (after an entry stop comes its exit, after anything else an entry), and
 * its registers confirm it for free: the kernel sets rax to -ENOSYS on
 * entry, and an exit holds the result. Only when the two disagree, or a
 * syscall really returned ENOSYS, is the kernel asked, which costs a
 * ptrace call per stop otherwise. */
int rec_syscall_stop_is_entry(const struct task *t,
			      const struct user_regs_struct *r, struct err *e)
{
	int at_entry_regs = (int64_t)r->rax == -ENOSYS;
	if (!t->in_syscall && at_entry_regs)
		return 1;
	if (t->in_syscall && !at_entry_regs)
		return 0;
	return pt_syscall_is_entry(t->tid, e);
}

int rec_handle_stop(struct rec_session *s, pid_t tid, int status,
		    struct err *e)
{
	struct task *t = task_find(&s->tasks, tid);
	if (!t) /* a new thread's first stop can beat its parent's event */
		t = task_add(&s->tasks, tid);
	/* Any ptrace stop absorbs a pending PTRACE_INTERRUPT (the kernel
	 * clears the stop trap at every trap): if this is not the interrupt's
	 * own stop, none will come. The switch then happens at the thread's
	 * next syscall boundary, or at a new interrupt. */
	if (t->interrupt_pending && !(stop_classify(status) == STOP_EVENT &&
				      stop_event(status) == PTRACE_EVENT_STOP))
		t->interrupt_pending = t->held_back_interrupt = 0;
	/* (a syscall stop's and a creation event's: below) */
	if (stop_classify(status) != STOP_EXITED && stop_classify(status) != STOP_SYSCALL &&
	    !stop_is_creation(status) && rec_give_back_mask(t, e) < 0)
		return -1;
	if (stop_classify(status) == STOP_SYSCALL)
		t->fresh_exit = 0; /* set again by the exit stop */
	switch (stop_classify(status)) {
	case STOP_EXITED:
		return reaped(s, t, status, e);
	case STOP_EVENT:
		return on_event(s, t, status, e);
	case STOP_SIGNAL:
		return rec_on_signal(s, t, WSTOPSIG(status), e);
	case STOP_SYSCALL: {
		struct user_regs_struct r;
		if (pt_getregs(tid, &r, e) < 0)
			return -1;
		int entry = rec_syscall_stop_is_entry(t, &r, e);
		if (entry < 0 || (entry && rec_check_abi(s, t, &r, e) < 0) ||
		    rec_give_back_mask_at_syscall(t, entry, (long)r.orig_rax, e) < 0)
			return -1;
		return entry ? rec_on_syscall_entry(s, t, &r, e)
			     : rec_on_syscall_exit(s, t, &r, e);
	}
	}
	return 0;
}

static void start_ticker(uint64_t tick)
{
	struct sigaction sa = {.sa_handler = on_alarm};
	sigaction(SIGALRM, &sa, NULL); /* no SA_RESTART: waitpid returns EINTR */
	struct itimerval it = {{0, (long)tick}, {0, (long)tick}};
	it.it_interval.tv_sec = it.it_value.tv_sec = (long)(tick / 1000000);
	it.it_interval.tv_usec = it.it_value.tv_usec = (long)(tick % 1000000);
	setitimer(ITIMER_REAL, &it, NULL);
}

static void stop_ticker(void)
{
	struct itimerval it = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &it, NULL);
}

/* A ptrace request failed with ESRCH: the thread died under us (a
 * SIGKILL, a group exit), and waitpid reports its death next. Not an
 * error of the recording. */
static int died_under_us(struct err *e)
{
	if (e->sys != ESRCH)
		return 0;
	e->msg[0] = 0;
	e->sys = 0;
	return 1;
}

static int record_loop(struct rec_session *s, struct err *e)
{
	while (!s->done && !*s->opt->stop_signal) {
		if (!s->current && schedule_next(s, e) < 0 && !died_under_us(e))
			return -1;
		if (maybe_flush(s, e) < 0)
			return -1;
		if (s->tw.bytes > s->opt->max_trace_bytes)
			return err_set(e, "the trace reached %llu bytes, the limit set by "
				       "--max-trace-mb: recording stopped",
				       (unsigned long long)s->tw.bytes);
		int status;
		pid_t tid = waitpid(-1, &status, __WALL);
		if (tid < 0) {
			if (errno == EINTR) {
				check_timeslice(s);
				if (rec_record_woken(s, e) < 0 && !died_under_us(e))
					return -1;
				if (s->opt->chaos.mode && rec_deadlocked(s)) {
					s->deadlocked = 1;
					break;
				}
				continue;
			}
			if (errno == ECHILD)
				break;
			return err_sys(e, "waitpid");
		}
		if (tid == s->init_pid) {
			s->init_reaped = 1; /* our reaper ended: nothing recorded */
			continue;
		}
		if (rec_handle_stop(s, tid, status, e) < 0 && !died_under_us(e))
			return -1;
		if (rec_record_woken(s, e) < 0 && !died_under_us(e))
			return -1;
		check_timeslice(s);
	}
	return 0;
}

int rec_start(struct rec_session *s, struct err *e);

static int status_to_exit(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static void kill_and_reap(struct rec_session *s)
{
	pid_t tids[64];
	size_t n = 0;
	for (size_t i = 0; i < s->tasks.n && n < 64; i++)
		tids[n++] = s->tasks.v[i].tid;
	kill_tree(s->init_reaped ? 0 : s->init_pid, tids, n);
}

int record_program(const struct rec_options *opt, int *exit_status,
		   struct err *e)
{
	struct rec_session s = {.opt = opt};
	int rc = rec_start(&s, e);
	/* the header and the start, at once: a trace whose recorder dies
	 * early still says what it recorded */
	if (rc == 0)
		rc = trace_flush(&s.tw, e);
	if (rc == 0) {
		start_ticker(tick_us(&s));
		rc = record_loop(&s, e);
		if (rc == 0 && *opt->stop_signal)
			rec_drain(&s); /* the ticker bounds its waits */
		stop_ticker();
	}
	int sig = *opt->stop_signal;
	if (rc < 0 && s.tw.fd > 0) {
		struct event end = {.type = EV_END};
		end.end.reason = END_ERROR;
		/* the output digests cover records a full disk dropped: none
		 * then, rather than digests the trace cannot match */
		end.end.out = s.tw.dropped ? NULL : &s.out;
		end.end.status = 125;
		snprintf(end.end.msg, sizeof end.end.msg, "%.500s", e->msg);
		trace_put(&s.tw, &end);
	} else if (rc == 0 && s.deadlocked) {
		rec_end_deadlock(&s);
		*exit_status = END_DEADLOCK_STATUS;
	} else if (rc == 0 && sig) {
		rec_end_by_signal(&s, sig);
		*exit_status = 128 + sig;
	} else if (rc == 0) {
		struct event end = {.type = EV_END};
		end.end.reason = END_EXIT;
		end.end.out = &s.out;
		end.end.status = s.leader_status;
		trace_put(&s.tw, &end);
		*exit_status = status_to_exit(s.leader_status);
	}
	kill_and_reap(&s);
	if (s.tw.fd > 0) {
		struct err ce;
		if (trace_close(&s.tw, &ce) < 0 && rc == 0)
			rc = err_set(e, "%s", ce.msg);
	}
	if (opt->stats) {
		*opt->stats = s.stats;
		opt->stats->events = s.tw.nevents;
		opt->stats->trace_bytes = s.tw.bytes;
		opt->stats->cpuid_scan_ns = s.patch.scan_ns;
		memcpy(opt->stats->conflict_sites, s.conflicts.site, sizeof s.conflicts.site);
		opt->stats->nconflict_sites = s.conflicts.n;
	}
	conflicts_free(&s.conflicts);
	task_table_free(&s.tasks);
	patcher_free(&s.patch);
	file_store_free(&s.files);
	rec_shared_free(&s);
	free(s.scratch);
	free(s.ranges);
	free(s.blobs);
	return rc;
}
