/* The stub's side of every run of user code: arming breakpoints,
 * watchpoints and steps before the thread is resumed, recognising the
 * debugger's own stops after, and keeping the current position, so that
 * forward runs stop where gdb asked and replays from the start stop at a
 * position seen before (going backward). */
#define _GNU_SOURCE
#include "gdbstub/debugger.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>

#include "core/ptrace_util.h"
#include "gdbstub/signals.h"
#include "replayer/replay.h"

int pos_push(struct position *p, struct stop_key k)
{
	if (p->nkeys == p->cap) {
		size_t ncap = p->cap ? 2 * p->cap : 16;
		struct stop_key *nk = realloc(p->keys, ncap * sizeof *nk);
		if (!nk)
			return -1;
		p->keys = nk;
		p->cap = ncap;
	}
	p->keys[p->nkeys++] = k;
	return 0;
}

int pos_copy(struct position *dst, const struct position *src)
{
	dst->run = src->run;
	dst->nkeys = 0;
	for (size_t i = 0; i < src->nkeys; i++)
		if (pos_push(dst, src->keys[i]) < 0)
			return -1;
	return 0;
}

void pos_free(struct position *p)
{
	free(p->keys);
	memset(p, 0, sizeof *p);
}

/* ---- debug registers: DR1-DR3 for watchpoints (DR0 is fastpoint's) ---- */

#define DR6_STEP (1u << 14)

/* type 0 is an instruction breakpoint (runs to a point use no int3) */
static uint64_t dr7_bits(int slot, const struct watchpoint *w)
{
	unsigned rw = w->type == 0 ? 0 : w->type == 2 ? 1 : 3; /* exec, write, read/write */
	unsigned len = w->type == 0 || w->len == 1 ? 0 : w->len == 2 ? 1 : w->len == 8 ? 2 : 3;
	return (1ull << (2 * slot)) | ((uint64_t)rw << (16 + 4 * slot)) |
	       ((uint64_t)len << (18 + 4 * slot));
}

static int set_watches(pid_t tid, const struct watchpoint *w, size_t n,
		       struct err *e)
{
	uint64_t dr7 = 0;
	if (pt_dr_set(tid, 7, 0, e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (pt_dr_set(tid, (int)i + 1, w[i].addr, e) < 0)
			return -1;
		dr7 |= dr7_bits((int)i + 1, &w[i]);
	}
	return dr7 ? pt_dr_set(tid, 7, dr7, e) : 0;
}

/* ---- arming for one resume ---- */

/* Where gdb's breakpoint at addr goes in t (patching/yield.h: a displaced
 * instruction runs from its copy in a stub); 0: nowhere. Stop keys hold
 * this address, where the thread really stops. */
static uint64_t bp_where(const struct dbg *d, const struct task *t, uint64_t addr)
{
	return patch_breakpoint_address(&d->s->patch, &t->yield, addr);
}

static int insert_bp(struct dbg *d, int memfd, uint64_t addr, struct err *e)
{
	for (size_t i = 0; i < d->narmed; i++)
		if (d->armed_bp[i] == addr)
			return 0; /* gdb may set one address twice */
	uint8_t orig, int3 = 0xcc;
	if (tracee_read(memfd, addr, &orig, 1, e) < 0) {
		e->msg[0] = 0; /* not mapped (yet): it cannot be hit */
		return 0;
	}
	if (tracee_write(memfd, addr, &int3, 1, e) < 0)
		return -1;
	d->armed_bp[d->narmed] = addr;
	d->armed_orig[d->narmed++] = orig;
	return 0;
}

static int disarm(struct dbg *d, int memfd, struct err *e)
{
	int rc = 0;
	while (d->narmed > 0) {
		d->narmed--;
		if (tracee_write(memfd, d->armed_bp[d->narmed],
				 &d->armed_orig[d->narmed], 1, e) < 0)
			rc = -1;
	}
	if (d->armed_tid && set_watches(d->armed_tid, NULL, 0, e) < 0)
		rc = -1;
	d->armed_tid = 0;
	return rc;
}

/* gdb debugs one process, the program's first (as rr does): the others of
 * a process tree run as recorded, without its breakpoints, whose addresses
 * mean nothing there. */
int dbg_in_debuggee(struct dbg *d, const struct task *t)
{
	if (d->chosen_vpid)
		return dbg_vpid(d, t) == d->chosen_vpid;
	return !d->leader_vpid || dbg_vpid(d, t) == d->leader_vpid;
}

/* A breakpoint as a debug register, for runs to a point (where int3
 * bytes would be in the way of the point finder's trampoline); there are
 * three, shared with the watchpoints: more breakpoints are not seen there. */
static void add_exec_slot(struct watchpoint *w, size_t *nw, uint64_t addr)
{
	for (size_t i = 0; i < *nw; i++)
		if (w[i].type == 0 && w[i].addr == addr)
			return;
	if (*nw < DBG_MAX_WATCHPOINTS)
		w[(*nw)++] = (struct watchpoint){addr, 1, 0};
}

/* Arm gdb's breakpoints (all, or none) and watchpoints, plus one extra
 * key: the next stop of a position being sought. Returns RUN_STEP when the
 * thread must make a single step, RUN_FREE when nothing is armed. */
static int arm(struct dbg *d, struct task *t, int user,
	       const struct stop_key *extra, struct err *e)
{
	user = user && dbg_in_debuggee(d, t);
	int memfd = rp_mem(d->s, t);
	struct watchpoint w[DBG_MAX_WATCHPOINTS];
	size_t nw = 0;
	if (memfd < 0)
		return err_set(e, "no memory file for thread %d", t->vtid);
	if (user) {
		for (size_t i = 0; i < d->nwatches; i++)
			w[nw++] = d->watches[i];
		for (size_t i = 0; i < d->nbps; i++) {
			uint64_t at = bp_where(d, t, d->bps[i]);
			if (!at)
				continue;
			if (d->to_point)
				add_exec_slot(w, &nw, at);
			else if (insert_bp(d, memfd, at, e) < 0)
				return -1;
		}
	}
	if (extra && extra->kind == KEY_BP && d->to_point)
		add_exec_slot(w, &nw, extra->addr);
	else if (extra && extra->kind == KEY_BP && insert_bp(d, memfd, extra->addr, e) < 0)
		return -1;
	if (extra && extra->kind == KEY_WATCH && nw < DBG_MAX_WATCHPOINTS) {
		struct watchpoint x = {extra->addr, extra->wlen, extra->wtype};
		int have = 0;
		for (size_t i = 0; i < nw; i++)
			have |= w[i].addr == x.addr && w[i].len == x.len && w[i].type == x.type;
		if (!have)
			w[nw++] = x;
	}
	if (nw) {
		if (set_watches(t->tid, w, nw, e) < 0)
			return -1;
		d->armed_tid = t->tid;
	}
	d->armed_step = extra && extra->kind == KEY_STEP;
	if (d->armed_step)
		return RUN_STEP;
	return nw || d->narmed ? RUN_GO : RUN_FREE;
}

/* ---- before a resume ---- */

static const struct stop_key *target_next(struct dbg *d)
{
	if (d->cur.run != d->target.run || d->target_next >= d->target.nkeys)
		return NULL;
	return &d->target.keys[d->target_next];
}

static int note_run(struct dbg *d, struct task *t)
{
	if (d->cur.run <= d->nruns_known)
		return 0;
	if (d->nruns_known == d->runs_cap) {
		size_t ncap = d->runs_cap ? 2 * d->runs_cap : 1024;
		uint64_t *n = realloc(d->run_vtid, ncap * sizeof *n);
		if (!n)
			return -1;
		d->run_vtid = n;
		d->runs_cap = ncap;
	}
	d->run_vtid[d->nruns_known++] = (uint64_t)t->vtid;
	return 0;
}

/* The target reached: stop here and tell gdb. */
static int target_reached(struct dbg *d, struct task *t, struct err *e);

/* The thread stopped at a breakpoint and goes on from there: it must first
 * execute that instruction without the int3, or it would trap again at
 * once. This step is no stop of its own: the same rule applies whenever
 * the position is replayed, so positions need not mention it. (gdb steps
 * over its breakpoints itself before continuing: those steps are stops.) */
static int needs_step_over(struct dbg *d, struct task *t)
{
	struct user_regs_struct r;
	struct err ignored;
	if (!d->cur.nkeys || d->cur.keys[d->cur.nkeys - 1].kind != KEY_BP)
		return 0;
	return pt_getregs(t->tid, &r, &ignored) == 0 &&
	       r.rip == d->cur.keys[d->cur.nkeys - 1].addr;
}

int dbg_before_run(void *ctx, struct rp_session *s, struct task *t,
		   int flags, struct err *e)
{
	struct dbg *d = ctx;
	int first = flags & RUN_FIRST;
	d->s = s;
	d->to_point = (flags & RUN_TO_POINT) != 0;
	if (first) {
		d->cur.run = s->runs;
		d->cur.nkeys = 0;
		d->target_next = 0;
		if (note_run(d, t) < 0)
			return err_set(e, "out of memory for the run list");
		if (!d->leader_vpid && !d->chosen_vpid)
			d->leader_vpid = dbg_vpid(d, t);
	}
	if (!first && needs_step_over(d, t)) {
		d->silent_step = 1;
		d->armed_step = 1;
		return RUN_STEP;
	}
	switch (d->mode) {
	case MODE_SEEK:
		if (first && d->seek_debuggee && dbg_in_debuggee(d, t) &&
		    (t->exec_seen || dbg_vpid(d, t) == 2)) {
			/* the start: the chosen process's first run in its
			 * own program (not the forked copy before its exec;
			 * pid 2 is the recorded program itself) */
			d->seek_debuggee = 0;
			d->target.run = d->cur.run;
			d->target.nkeys = 0;
		}
		if (first && d->seek_event && s->ev.index >= d->seek_event) {
			d->seek_event = 0;
			d->target.run = d->cur.run;
			d->target.nkeys = 0;
		}
		if (d->cur.run == d->target.run && d->target_next == d->target.nkeys) {
			if (target_reached(d, t, e) < 0)
				return -1;
			return dbg_before_run(ctx, s, t, flags & RUN_TO_POINT, e);
		}
		return arm(d, t, 0, target_next(d), e);
	case MODE_SCAN:
		if ((d->cur.run == d->target.run && d->target_next == d->target.nkeys) ||
		    d->cur.run > d->target.run)
			return target_reached(d, t, e) < 0 ? -1 : 0;
		if (target_next(d) && target_next(d)->kind == KEY_STEP)
			return arm(d, t, 0, target_next(d), e);
		return arm(d, t, 1, target_next(d), e);
	case MODE_COUNT:
		if (d->cur.run < d->target.run || d->target_next < d->target.nkeys)
			return arm(d, t, 0, target_next(d), e);
		if (d->cur.run > d->target.run)
			return err_set(e, "reverse-stepi: the thread's run ended unseen");
		{
			struct stop_key step = {KEY_STEP, 0, 0, 0};
			if (d->count_goal.kind == KEY_WATCH && !d->count_to_run_end)
				arm(d, t, 0, &d->count_goal, e);
			return arm(d, t, 0, &step, e) < 0 ? -1 : RUN_STEP;
		}
	case MODE_RUN:
		if (first && rsp_poll_interrupt(&d->conn) != 0) {
			int v = dbg_in_debuggee(d, t) ? t->vtid : d->stop_vtid;
			if (dbg_report(d, SIGINT, v, "", e) < 0 || dbg_converse(d, e) < 0)
				return -1;
			return dbg_before_run(ctx, s, t, flags & RUN_TO_POINT, e);
		}
		if (d->step_vtid && d->stepped) {
			/* the step went through a syscall: it ends here */
			d->stepped = 0;
			int v = d->step_vtid;
			d->step_vtid = 0;
			if (dbg_report(d, SIGTRAP, v, "", e) < 0 || dbg_converse(d, e) < 0)
				return -1;
			return dbg_before_run(ctx, s, t, flags & RUN_TO_POINT, e);
		}
		if (d->step_vtid == t->vtid) {
			struct stop_key step = {KEY_STEP, 0, 0, 0};
			return arm(d, t, 0, &step, e);
		}
		return arm(d, t, !d->step_vtid, NULL, e);
	}
	return 0;
}

/* ---- after a stop ---- */

static int is_user_bp(const struct dbg *d, const struct task *t, uint64_t addr)
{
	for (size_t i = 0; i < d->nbps; i++)
		if (bp_where(d, t, d->bps[i]) == addr)
			return 1;
	return 0;
}

static int was_armed(const struct dbg *d, uint64_t addr)
{
	for (size_t i = 0; i < d->narmed; i++)
		if (d->armed_bp[i] == addr)
			return 1;
	return 0;
}

/* What stopped t, if it was the debugger: fills *k and returns 1. */
static int classify(struct dbg *d, struct task *t, uint64_t dr6,
		    struct user_regs_struct *r, struct stop_key *k)
{
	int st = t->last_status;
	if (stop_classify(st) != STOP_SIGNAL || WSTOPSIG(st) != SIGTRAP)
		return 0;
	memset(k, 0, sizeof *k);
	if (was_armed(d, r->rip - 1)) {
		r->rip -= 1; /* back onto the breakpoint's instruction */
		k->kind = KEY_BP;
		k->addr = r->rip;
		return 2; /* registers changed */
	}
	for (int i = 1; i <= DBG_MAX_WATCHPOINTS; i++) {
		if (!(dr6 & (1u << i)))
			continue;
		uint64_t a, dr7;
		struct err ignored;
		if (pt_dr_get(t->tid, i, &a, &ignored) < 0 ||
		    pt_dr_get(t->tid, 7, &dr7, &ignored) < 0)
			return 0;
		unsigned rw = ((unsigned long)dr7 >> (16 + 4 * i)) & 3;
		if (rw == 0) { /* a breakpoint in a debug register: before the
				* instruction, like an int3 rewound */
			k->kind = KEY_BP;
			k->addr = r->rip;
			return 1;
		}
		k->kind = KEY_WATCH;
		k->addr = (uint64_t)a;
		unsigned len = ((unsigned long)dr7 >> (18 + 4 * i)) & 3;
		k->wlen = (uint8_t)(len == 0 ? 1 : len == 1 ? 2 : len == 2 ? 8 : 4);
		k->wtype = rw == 1 ? 2 : 4;
		for (size_t j = 0; j < d->nwatches; j++)
			if (d->watches[j].addr == k->addr && d->watches[j].len == k->wlen)
				k->wtype = d->watches[j].type;
		return 1;
	}
	if (d->armed_step && (dr6 & DR6_STEP)) {
		k->kind = KEY_STEP;
		return 1;
	}
	return 0;
}

static int same_key(const struct stop_key *a, const struct stop_key *b)
{
	if (a->kind != b->kind)
		return 0;
	if (a->kind == KEY_SIGNAL)
		return a->addr == b->addr && a->wtype == b->wtype;
	return a->kind == KEY_STEP || a->addr == b->addr;
}

static void reason_of(const struct stop_key *k, char *buf, size_t len)
{
	const char *w = k->wtype == 3 ? "rwatch" : k->wtype == 4 ? "awatch" : "watch";
	if (k->kind == KEY_BP)
		snprintf(buf, len, "swbreak:;");
	else if (k->kind == KEY_WATCH)
		snprintf(buf, len, "%s:%llx;", w, (unsigned long long)k->addr);
	else
		buf[0] = 0;
}

static int scan_stop(struct dbg *d, const struct task *t, const struct stop_key *k,
		     struct err *e);
static int count_stop(struct dbg *d, struct task *t, const struct stop_key *k,
		      int ours, struct err *e);

int dbg_after_stop(void *ctx, struct rp_session *s, struct task *t,
		   struct err *e)
{
	struct dbg *d = ctx;
	d->s = s;
	int memfd = rp_mem(s, t);
	uint64_t dr6 = pt_dr6(t->tid);
	pt_clear_dr6(t->tid);
	struct user_regs_struct r;
	struct stop_key k;
	if (pt_getregs(t->tid, &r, e) < 0)
		return -1;
	int ours = classify(d, t, dr6, &r, &k);
	if (disarm(d, memfd, e) < 0)
		return -1;
	if (ours == 2 && pt_setregs(t->tid, &r, e) < 0)
		return -1;
	if (d->silent_step) {
		d->silent_step = 0;
		if (ours && k.kind == KEY_STEP)
			return 1;
	}
	if (d->mode == MODE_COUNT && d->cur.run == d->target.run &&
	    d->target_next == d->target.nkeys)
		return count_stop(d, t, &k, ours, e);
	if (!ours) {
		if (d->mode == MODE_RUN && d->step_vtid == t->vtid)
			d->stepped = 1;
		return 0;
	}
	if (pos_push(&d->cur, k) < 0)
		return err_set(e, "out of memory for the position");
	const struct stop_key *next = target_next(d);
	int is_target_key = next && same_key(next, &k);
	if (is_target_key)
		d->target_next++;
	switch (d->mode) {
	case MODE_SEEK:
	case MODE_COUNT:
		if (d->mode == MODE_SEEK && d->cur.run == d->target.run &&
		    d->target_next == d->target.nkeys && target_reached(d, t, e) < 0)
			return -1;
		return 1;
	case MODE_SCAN:
		return scan_stop(d, t, &k, e) < 0 ? -1 : 1;
	case MODE_RUN: {
		char why[64];
		if (k.kind == KEY_STEP)
			d->step_vtid = 0;
		reason_of(&k, why, sizeof why);
		if (dbg_report(d, SIGTRAP, t->vtid, why, e) < 0 || dbg_converse(d, e) < 0)
			return -1;
		return 1;
	}
	}
	return 1;
}

/* ---- reverse-continue: the scan ---- */

static int request_restart(struct dbg *d, struct err *e)
{
	d->restart = 1;
	return err_set(e, "restarting the replay");
}

/* A stop gdb would report going backward: a breakpoint it set, or a
 * watchpoint. The target's own last key is where we came from. */
static int scan_stop(struct dbg *d, const struct task *t, const struct stop_key *k,
		     struct err *e)
{
	int at_target = d->cur.run == d->target.run && d->target_next == d->target.nkeys;
	/* The target's own breakpoint is where we are (gdb does not want it
	 * again); its own write, though, is reported before it happened,
	 * which is earlier. */
	if (at_target && k->kind != KEY_WATCH)
		return 0;
	if ((k->kind == KEY_BP && is_user_bp(d, t, k->addr)) || k->kind == KEY_WATCH ||
	    k->kind == KEY_SIGNAL)
		if (pos_copy(&d->found, &d->cur) < 0)
			return err_set(e, "out of memory for the position");
	(void)e;
	return 0;
}

/* Go to the position found, or to the start of history. A watchpoint is
 * reported before the write, where gdb sees the old value: count the steps
 * to the write first. */
static int finish_scan(struct dbg *d, struct err *e)
{
	if (d->found.run == 0) {
		d->target_begin = 1;
		d->mode = MODE_SEEK;
		d->target.run = 1;
		d->target.nkeys = 0;
		return request_restart(d, e);
	}
	struct stop_key last = d->found.keys[d->found.nkeys - 1];
	if (pos_copy(&d->target, &d->found) < 0)
		return err_set(e, "out of memory for the position");
	d->target_begin = 0;
	if (last.kind == KEY_WATCH) {
		d->target.nkeys--;
		d->mode = MODE_COUNT;
		d->count_goal = last;
		d->count_to_run_end = 0;
		d->count_watch_back = 1;
		d->counted = 0;
		return request_restart(d, e);
	}
	d->mode = MODE_SEEK;
	return request_restart(d, e);
}

/* ---- reverse-stepi: the count ---- */

static int count_done(struct dbg *d, struct err *e)
{
	/* the stop before the goal: n - 1 steps past the target */
	uint64_t n = d->counted;
	for (uint64_t i = 0; i + 1 < n; i++) {
		struct stop_key step = {KEY_STEP, 0, 0, 0};
		if (pos_push(&d->target, step) < 0)
			return err_set(e, "out of memory for the position");
	}
	d->mode = MODE_SEEK;
	return request_restart(d, e);
}

static int count_stop(struct dbg *d, struct task *t, const struct stop_key *k,
		      int ours, struct err *e)
{
	(void)t;
	d->counted++;
	if (d->counted > DBG_MAX_STEPS)
		return err_set(e, "reverse execution: more than %d steps from the last stop",
			       DBG_MAX_STEPS);
	if (!ours) /* the run ended: its last instruction was this step */
		return count_done(d, e);
	struct user_regs_struct r;
	if (d->count_goal.kind == KEY_BP && pt_getregs(t->tid, &r, e) == 0 &&
	    r.rip == d->count_goal.addr && !d->count_to_run_end)
		return count_done(d, e);
	if (d->count_goal.kind == KEY_WATCH && k->kind == KEY_WATCH && !d->count_to_run_end)
		return count_done(d, e);
	if (k->kind == KEY_WATCH || k->kind == KEY_STEP)
		return 1;
	return 1;
}

/* ---- the end of a run to a point ---- */

int dbg_at_point(void *ctx, struct rp_session *s, struct task *t, struct err *e)
{
	struct dbg *d = ctx;
	d->s = s;
	if (disarm(d, rp_mem(s, t), e) < 0)
		return -1;
	pt_clear_dr6(t->tid);
	if (d->mode == MODE_COUNT && d->cur.run == d->target.run &&
	    d->target_next == d->target.nkeys && d->count_to_run_end)
		return count_done(d, e); /* its last instruction: the step before */
	if (d->mode == MODE_RUN && d->step_vtid == t->vtid)
		d->stepped = 1; /* the step ended the run: reported at the next */
	return 0;
}

/* ---- a signal about to be delivered ---- */

/* Its delivery is a stop of its own, as it is under gdb natively, unless
 * gdb said to pass that signal silently (QPassSignals). The thread stands
 * where the signal came, after the end of its run, so the key is the
 * run's last. */
int dbg_at_signal(void *ctx, struct rp_session *s, struct task *t, int sig,
		  struct err *e)
{
	struct dbg *d = ctx;
	d->s = s;
	int g = gdb_signal_from_host(sig);
	if (!dbg_in_debuggee(d, t) || !g || (d->pass[g / 8] >> (g % 8) & 1))
		return 0;
	struct stop_key k = {KEY_SIGNAL, (uint8_t)sig, 0, (uint64_t)t->vtid};
	if (pos_push(&d->cur, k) < 0)
		return err_set(e, "out of memory for the position");
	const struct stop_key *next = target_next(d);
	if (next && same_key(next, &k))
		d->target_next++;
	int reached = d->cur.run == d->target.run && d->target_next == d->target.nkeys;
	switch (d->mode) {
	case MODE_SEEK:
		return reached ? target_reached(d, t, e) : 0;
	case MODE_SCAN:
		return scan_stop(d, t, &k, e);
	case MODE_COUNT:
		return 0;
	case MODE_RUN:
		d->step_vtid = 0;
		d->stepped = 0;
		if (dbg_report(d, sig, t->vtid, "", e) < 0)
			return -1;
		return dbg_converse(d, e);
	}
	return 0;
}

/* ---- the target reached ---- */

int dbg_finish_scan(struct dbg *d, struct err *e)
{
	return finish_scan(d, e);
}

static int target_reached(struct dbg *d, struct task *t, struct err *e)
{
	if (d->mode == MODE_SCAN)
		return finish_scan(d, e);
	if (d->mode == MODE_COUNT)
		return 0; /* counting starts here (dbg_before_run) */
	char why[64] = "";
	int sig = SIGTRAP;
	if (d->target_begin) {
		snprintf(why, sizeof why, "replaylog:begin;");
	} else if (d->count_watch_back) {
		reason_of(&d->count_goal, why, sizeof why);
	} else if (d->target.nkeys) {
		const struct stop_key *last = &d->target.keys[d->target.nkeys - 1];
		reason_of(last, why, sizeof why);
		if (last->kind == KEY_SIGNAL)
			sig = last->wtype;
	}
	d->target_begin = 0;
	d->count_watch_back = 0;
	d->mode = MODE_RUN;
	d->step_vtid = 0;
	d->stepped = 0;
	int vtid = d->stop_vtid && task_find_vtid(&d->s->tasks, d->stop_vtid) &&
		   d->target.nkeys == 0 ? d->stop_vtid : t->vtid;
	if (dbg_report(d, sig, vtid, why, e) < 0)
		return -1;
	if (d->monitor_pending) {
		char msg[160];
		d->monitor_pending = 0;
		snprintf(msg, sizeof msg, "heisen: now at event %llu; type "
			 "'maint flush register-cache' so that gdb reads the new state\n",
			 (unsigned long long)d->s->ev.index);
		if (dbg_console(d, msg, e) < 0 || rsp_send_str(&d->conn, "OK", e) < 0)
			return -1;
	}
	return dbg_converse(d, e);
}
