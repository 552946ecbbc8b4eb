/* A deadlock under `record --chaos`: every thread of the recording asleep
 * in a wait that only another thread of the recording could end (a futex
 * wait or lock without a timeout: a mutex, a condition variable, a join;
 * or a wait for a child). No thread runs, so nothing will ever wake them:
 * the recording ends at once, instead of at hunt's timeout, with each
 * thread in its syscall (the trace has its entry, so the replay puts it
 * there too) and a report of where each one sleeps.
 *
 * Not seen: an interval timer (setitimer, alarm) whose signal would end
 * the wait; a process with a POSIX timer, or with a handler for SIGALRM,
 * SIGVTALRM or SIGPROF, is never taken for deadlocked. A signal sent from
 * outside the recording could still end it, but nothing inside would. */
#define _GNU_SOURCE
#include "record.h"

#include <linux/futex.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "core/ptrace_util.h"

#define STACK_WORDS 512   /* how far above rsp the report looks for callers */
#define REPORT_FRAMES 8

/* A wait only another thread (or child) of the recording can end. */
static int waits_for_the_tree(const struct task *t)
{
	const struct user_regs_struct *r = &t->entry_regs;
	if (t->nr == SYS_futex) {
		int op = (int)r->rsi & FUTEX_CMD_MASK;
		int waits = op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET || op == FUTEX_LOCK_PI ||
			    op == FUTEX_WAIT_REQUEUE_PI || op == 13 /* FUTEX_LOCK_PI2 */;
		return waits && r->r10 == 0;
	}
	if (t->nr == SYS_wait4)
		return !(r->rdx & WNOHANG);
	if (t->nr == SYS_waitid)
		return !(r->r10 & WNOHANG);
	return 0;
}

/* tgid's parent, from /proc (0 if gone). */
static pid_t parent_of(pid_t tgid)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", tgid);
	FILE *f = fopen(path, "re");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = 0;
	const char *p = strrchr(buf, ')'); /* the name may hold anything */
	int ppid = 0;
	return p && sscanf(p + 1, " %*c %d", &ppid) == 1 ? ppid : 0;
}

/* A wait for a child sleeps for good only while a child of the recording
 * lives: with none left (the last one's exit just seen), it is about to
 * return. */
static int has_live_child(const struct rec_session *s, pid_t tgid)
{
	for (size_t i = 0; i < s->tasks.n; i++) {
		const struct task *c = &s->tasks.v[i];
		if (c->tgid != tgid && c->state != T_EXITING && parent_of(c->tgid) == tgid)
			return 1;
	}
	return 0;
}

static int has_timers(pid_t tgid)
{
	char path[64], line[64];
	snprintf(path, sizeof path, "/proc/%d/timers", tgid);
	FILE *f = fopen(path, "re");
	int any = f && fgets(line, sizeof line, f) != NULL;
	if (f)
		fclose(f);
	uint64_t blocked, caught;
	if (proc_signal_masks(tgid, &blocked, &caught) < 0)
		return 1;
	uint64_t timer_sigs = 1ull << (SIGALRM - 1) | 1ull << (SIGVTALRM - 1) |
			      1ull << (SIGPROF - 1);
	return any || (caught & timer_sigs);
}

/* Whether t sleeps where only another thread of the recording can wake
 * it. The cheap tests first: this runs at idle ticks. */
static int sleeps_for_the_tree(const struct rec_session *s, const struct task *t)
{
	return t->state == T_IN_SYSCALL && waits_for_the_tree(t) && proc_state(t->tid) == 'S' &&
	       !has_timers(t->tgid) && (t->nr == SYS_futex || has_live_child(s, t->tgid));
}

/* No thread runs, and each one is ready or sleeps for the tree: 1, with
 * the ready ones counted; 0 if anything else may still happen. */
static int nothing_but_ready_or_asleep(const struct rec_session *s, size_t *ready)
{
	size_t alive = 0;
	*ready = 0;
	if (s->current)
		return 0;
	for (size_t i = 0; i < s->tasks.n; i++) {
		const struct task *t = &s->tasks.v[i];
		/* a thread gone but not reaped yet: its parent's wait4 sleeps
		 * until the recorder has seen the exit */
		if (t->state == T_EXITING)
			return 0;
		alive++;
		if (t->state == T_READY)
			(*ready)++;
		else if (!sleeps_for_the_tree(s, t))
			return 0;
	}
	return alive > 0;
}

int rec_deadlocked(struct rec_session *s)
{
	size_t ready;
	return nothing_but_ready_or_asleep(s, &ready) && ready == 0;
}

int rec_starved_in_vain(struct rec_session *s)
{
	size_t ready;
	return nothing_but_ready_or_asleep(s, &ready) && ready > 0;
}

/* Does the code before addr end with a call (so addr is a return address)?
 * A call that is a yield site was a 5-byte call before its patch. */
static int after_call(const struct rec_session *s, const struct task *t, uint64_t addr)
{
	pid_t tid = t->tid;
	uint8_t c[7];
	struct err ignored;
	if (addr >= 5 && patch_is_site(&s->patch, &t->yield, addr - 5))
		return 1;
	if (addr < 7 || mem_read(tid, addr - 7, c, sizeof c, &ignored) < 0)
		return 0;
	return c[2] == 0xe8 ||                                  /* call rel32 */
	       (c[5] == 0xff && (c[6] & 0x38) == 0x10) ||       /* call reg */
	       (c[4] == 0xff && (c[5] & 0x38) == 0x10) ||       /* call [reg+d8] */
	       (c[1] == 0xff && (c[2] & 0x38) == 0x10) ||       /* call [rip+d32] */
	       (c[0] == 0xff && (c[1] & 0x38) == 0x10);         /* call [reg+d32] (SIB) */
}

/* Where t sleeps, and the callers found on its stack (return addresses:
 * words above rsp that point just after a call). */
static void report_thread(const struct rec_session *s, const struct task *t)
{
	const struct user_regs_struct *r = &t->entry_regs;
	char where[512];
	describe_addr(t->tid, r->rip, where, sizeof where);
	if (t->nr == SYS_futex) {
		char lock[512];
		describe_addr(t->tid, r->rdi, lock, sizeof lock);
		fprintf(stderr, "heisen:   thread %d waits on the futex at %s\n", t->vtid, lock);
	} else {
		fprintf(stderr, "heisen:   thread %d waits for a child (%s)\n", t->vtid,
			t->nr == SYS_wait4 ? "wait4" : "waitid");
	}
	fprintf(stderr, "heisen:     #0 %s\n", where);
	uint64_t words[STACK_WORDS];
	struct err ignored;
	size_t n = STACK_WORDS;
	while (n && mem_read(t->tid, r->rsp, words, n * 8, &ignored) < 0)
		n /= 2;
	int frames = 1;
	for (size_t i = 0; i < n && frames < REPORT_FRAMES; i++) {
		if (words[i] < 0x1000 || !after_call(s, t, words[i]))
			continue;
		describe_addr(t->tid, words[i], where, sizeof where);
		fprintf(stderr, "heisen:     #%d %s\n", frames++, where);
	}
}

void rec_end_deadlock(struct rec_session *s)
{
	fprintf(stderr, "heisen: deadlock: every thread sleeps where only another one "
		"could wake it\n");
	for (size_t i = 0; i < s->tasks.n; i++)
		if (s->tasks.v[i].state == T_IN_SYSCALL)
			report_thread(s, &s->tasks.v[i]);
	rec_end_stopped(s, END_DEADLOCK, END_DEADLOCK_STATUS,
			"deadlock: every thread slept where only another one could wake it");
}
