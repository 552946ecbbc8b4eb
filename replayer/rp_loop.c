/* The replayer's main loop: take the trace's events in order and bring the
 * named thread to each one. */
#define _GNU_SOURCE
#include "replay.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/launch.h"
#include "core/ptrace_util.h"
#include "core/regs.h"

int rp_diverge(struct rp_session *s, struct task *t, struct err *e,
	       const char *fmt, ...)
{
	char what[700], where[600] = "";
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (t) {
		struct user_regs_struct r;
		struct err ignored;
		if (pt_getregs(t->tid, &r, &ignored) == 0)
			describe_addr(t->tid, r.rip, where, sizeof where);
	}
	s->diverged = 1;
	err_set(e, "divergence at event %llu (%s, thread %d): %s%s%s",
		(unsigned long long)s->ev.index, ev_type_name(s->ev.type),
		t ? t->vtid : (int)s->ev.tid, what, where[0] ? "\n  at " : "", where);
	return -1;
}

static struct task *event_task(struct rp_session *s, struct err *e)
{
	struct task *t = task_find_vtid(&s->tasks, (pid_t)s->ev.tid);
	if (!t)
		rp_diverge(s, NULL, e, "the trace names thread %u, which does not exist",
			   s->ev.tid);
	return t;
}

/* A recording that ran to the program's end ends when its last thread is
 * reaped: every thread the replay still has must have had its exit in the
 * trace. One left over means a process whose end the trace never told (and
 * a debugger would never see). */
static int check_all_exited(struct rp_session *s, struct err *e)
{
	if (s->ev.end.reason != END_EXIT || s->tasks.n == 0)
		return 0;
	const struct task *t = &s->tasks.v[0];
	struct task *leader = task_find(&s->tasks, t->tgid);
	return rp_diverge(s, NULL, e, "the trace ends at the program's exit, but not "
			  "process %d's (its thread %d is left)",
			  leader ? leader->vtid : t->vtid, t->vtid);
}

/* The exit status the end record gives (replay's own exit status) is the
 * one the replayed program exited with. */
static int check_end_status(struct rp_session *s, struct err *e)
{
	if (s->ev.end.reason != END_EXIT || !s->leader_reaped ||
	    s->leader_status == s->ev.end.status)
		return 0;
	return rp_diverge(s, NULL, e, "the end record gives the exit status 0x%x, "
			  "the program exited with 0x%x", (unsigned)s->ev.end.status,
			  (unsigned)s->leader_status);
}

/* At the end: what the replay re-emitted on each output is what the
 * recording saw there, byte for byte (the end record's digests). */
static int check_outputs(struct rp_session *s, struct err *e)
{
	struct out_digest want, got;
	if (!s->ev.end.out || !out_digest_diff(s->ev.end.out, &s->out, &want, &got))
		return 0;
	return rp_diverge(s, NULL, e, "thread %u's %s: the replay re-emitted %llu bytes "
			  "(digest %016llx), the recording wrote %llu (digest %016llx)",
			  want.tid, want.fd == 1 ? "stdout" : "stderr",
			  (unsigned long long)got.bytes, (unsigned long long)got.hash,
			  (unsigned long long)want.bytes, (unsigned long long)want.hash);
}

static int replay_event(struct rp_session *s, struct err *e)
{
	struct event *ev = &s->ev;
	if (ev->type == EV_END) {
		s->end_reason = ev->end.reason;
		s->end_status = ev->end.status;
		snprintf(s->end_msg, sizeof s->end_msg, "%s", ev->end.msg);
		if (check_all_exited(s, e) < 0 || check_end_status(s, e) < 0)
			return -1;
		return check_outputs(s, e);
	}
	if (ev->type == EV_CHAOS && ev->chaos.kind != CHAOS_YIELD_SITES &&
	    ev->chaos.kind != CHAOS_YIELD_LIB && ev->chaos.kind != CHAOS_YIELD)
		return 0; /* the recorder's reasons: the schedule is in the rest */
	if (ev->type == EV_SHARED)
		return rp_shared_event(s, ev, e);
	if (ev->type == EV_MAPFILE) {
		s->pending_map = *ev;
		s->has_pending_map = 1;
		return 0;
	}
	struct task *t = event_task(s, e);
	if (!t)
		return -1;
	if (ev->type == EV_CHAOS) /* a yield site's */
		return t->group_exited ? 0 : rp_yield_note(s, t, e);
	if (t->group_exited && ev->type != EV_EXIT)
		return rp_after_group_exit(s, e);
	switch (ev->type) {
	case EV_SYSCALL_ENTER:
		return rp_syscall_enter(s, t, e);
	case EV_SYSCALL:
		return rp_syscall(s, t, e);
	case EV_PREEMPT:
		return rp_preempt(s, t, e);
	case EV_SIGNAL:
		return rp_signal(s, t, e);
	case EV_RDTSC:
		return rp_rdtsc(s, t, e);
	case EV_CPUID:
		return rp_cpuid(s, t, e);
	case EV_EXIT:
		return rp_exit(s, t, e);
	case EV_EXEC:
		return rp_exec(s, t, e);
	case EV_THREAD_STATE:
		return 0; /* where a thread was when recording was stopped */
	default:
		return rp_diverge(s, t, e, "unexpected %s record", ev_type_name(ev->type));
	}
}

static void kill_all(struct rp_session *s)
{
	pid_t tids[64];
	size_t n = 0;
	for (size_t i = 0; i < s->tasks.n && n < 64; i++)
		tids[n++] = s->tasks.v[i].tid;
	kill_tree(s->init_pid, tids, n);
}

static int end_status_to_exit(int reason, int status)
{
	if (reason != END_EXIT)
		return status;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int replay_trace(const struct replay_options *opt, enum replay_end *how,
		 int *exit_status, struct err *e)
{
	struct rp_session s = {.opt = opt};
	int rc = rp_start(&s, e);
	while (rc == 0 && !s.end_reason) {
		int got = trace_next(&s.tr, &s.ev, e);
		if (got < 0) {
			rc = -1;
			break;
		}
		if (got == 0)
			break;
		s.stats.events++;
		rc = replay_event(&s, e);
	}
	if (rc == 0 && opt->debug)
		rc = opt->debug->at_end(opt->debug->ctx, &s, e);
	if (rc == 0) {
		*how = s.end_reason ? REPLAY_COMPLETE : REPLAY_INCOMPLETE;
		*exit_status = end_status_to_exit(s.end_reason, s.end_status);
		if (s.end_reason == END_ERROR)
			err_set(e, "the recording stopped with an error: %s", s.end_msg);
	} else if (s.diverged) {
		*how = REPLAY_DIVERGED;
		rc = 0;
	}
	kill_all(&s);
	if (opt->stats)
		*opt->stats = s.stats;
	for (size_t i = 0; i < s.nmems; i++)
		close(s.mems[i].fd);
	free(s.mems);
	trace_reader_close(&s.tr);
	trace_header_free(&s.hdr);
	task_table_free(&s.tasks);
	patcher_free(&s.patch);
	rp_shared_free(&s);
	rp_copies_free(&s.copies);
	return rc;
}
