/* The stub's sessions: one gdb connection served from a replay that is
 * restarted whenever gdb goes backward, and the stop replies it gets. */
#define _GNU_SOURCE
#include "gdbstub/debugger.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/task.h"
#include "gdbstub/signals.h"
#include "replayer/replay.h"

/* The process id gdb sees for a thread: its leader's tid in the program's
 * pid namespace. */
int dbg_vpid(struct dbg *d, const struct task *t)
{
	if (!d->s)
		return t->vtid;
	const struct task *leader = task_find(&d->s->tasks, t->tgid);
	return leader ? leader->vtid : t->vtid;
}

int dbg_thread_id(struct dbg *d, int vtid, char *buf, size_t len)
{
	const struct task *t = d->s ? task_find_vtid(&d->s->tasks, vtid) : NULL;
	if (d->multiprocess && t)
		return snprintf(buf, len, "p%x.%x", dbg_vpid(d, t), vtid);
	return snprintf(buf, len, "%x", vtid);
}

/* Formatted when sent: the thread id's form depends on what gdb said it
 * supports, which may come after the stop (the first one). */
const char *dbg_stop_reply(struct dbg *d)
{
	if (d->stop_is_exit)
		return d->last_stop;
	char id[48];
	dbg_thread_id(d, d->stop_vtid, id, sizeof id);
	snprintf(d->last_stop, sizeof d->last_stop, "T%02xthread:%s;%s",
		 gdb_signal_from_host(d->stop_sig), id,
		 d->stop_reason);
	return d->last_stop;
}

int dbg_send_stop(struct dbg *d, struct err *e)
{
	if (!d->awaiting_stop)
		return 0;
	d->awaiting_stop = 0;
	return rsp_send_str(&d->conn, dbg_stop_reply(d), e);
}

int dbg_report(struct dbg *d, int sig, int vtid, const char *reason,
	       struct err *e)
{
	d->stop_is_exit = 0;
	d->stop_sig = sig;
	snprintf(d->stop_reason, sizeof d->stop_reason, "%s", reason);
	d->stop_vtid = vtid;
	d->g_vtid = vtid;
	return dbg_send_stop(d, e);
}

/* The signal that ended a recording stopped by SIGINT or SIGTERM (SIGKILL
 * for one that ended otherwise, without its program's exit). */
static int end_signal(const struct rp_session *s)
{
	if (s->end_reason == END_SIGNAL && s->end_status > 128 && s->end_status < 128 + 65)
		return s->end_status - 128;
	return SIGKILL;
}

/* The thread to show at the end: the last one stopped, else any of the
 * debugged process. */
static int end_thread(struct dbg *d, struct rp_session *s)
{
	const struct task *t = task_find_vtid(&s->tasks, d->stop_vtid);
	if (t && dbg_in_debuggee(d, t))
		return t->vtid;
	for (size_t i = 0; i < s->tasks.n; i++)
		if (dbg_in_debuggee(d, &s->tasks.v[i]))
			return s->tasks.v[i].vtid;
	return 0;
}

/* The debugged process's own end (replay -p: not the program's, which
 * may outlive it). */
void dbg_at_process_exit(void *ctx, struct rp_session *s, struct task *t, int status)
{
	struct dbg *d = ctx;
	d->s = s;
	if (dbg_in_debuggee(d, t)) {
		d->debuggee_exited = 1;
		d->debuggee_status = status;
	}
}

static void report_exit(struct dbg *d, const struct rp_session *s)
{
	int st = d->debuggee_exited ? d->debuggee_status : s->end_status;
	int reason = d->debuggee_exited ? END_EXIT : s->end_reason;
	char proc[32] = "";
	d->stop_is_exit = 1;
	int pid = d->leader_vpid;
	if (d->multiprocess)
		snprintf(proc, sizeof proc, ";process:%x", pid);
	if (reason == END_EXIT && WIFSIGNALED(st))
		snprintf(d->last_stop, sizeof d->last_stop, "X%02x%s",
			 gdb_signal_from_host(WTERMSIG(st)), proc);
	else if (reason == END_EXIT)
		snprintf(d->last_stop, sizeof d->last_stop, "W%02x%s", WEXITSTATUS(st), proc);
	else /* stopped by a signal to the recorder, or no end record */
		snprintf(d->last_stop, sizeof d->last_stop, "X%02x%s",
			 gdb_signal_from_host(end_signal(s)), proc);
}

int dbg_at_end(void *ctx, struct rp_session *s, struct err *e)
{
	struct dbg *d = ctx;
	d->s = s;
	if (d->mode == MODE_SCAN)
		return dbg_finish_scan(d, e);
	if (d->mode == MODE_SEEK && d->monitor_pending) {
		/* monitor goto past the last run: the end it is */
		d->monitor_pending = 0;
		d->seek_event = 0;
		d->mode = MODE_RUN;
		if (dbg_console(d, "heisen: that is past the last event: now at the end\n", e) < 0 ||
		    rsp_send_str(&d->conn, "OK", e) < 0)
			return -1;
	}
	if (d->mode == MODE_SEEK && d->seek_debuggee)
		return err_set(e, "process %d never ran in this trace (see heisen ps)",
			       d->chosen_vpid);
	if (d->mode != MODE_RUN)
		return err_set(e, "the position sought is past the end of the trace");
	d->at_end = 1;
	/* A recording stopped while the program ran (the hung server that got
	 * Ctrl-C) ends with its threads alive: show them first, stopped by
	 * that signal, so that gdb can look at them and go back. */
	int vtid = end_thread(d, s);
	if (vtid && (dbg_report(d, end_signal(s), vtid, "", e) < 0 || dbg_converse(d, e) < 0))
		return -1;
	for (;;) {
		report_exit(d, s);
		if (dbg_send_stop(d, e) < 0 || dbg_converse(d, e) < 0)
			return -1;
	}
}

void dbg_free(struct dbg *d)
{
	pos_free(&d->cur);
	pos_free(&d->target);
	pos_free(&d->found);
	free(d->run_vtid);
	dbg_vfile_close_all(d);
	rsp_free(&d->conn);
}

int dbg_serve(const char *dir, int in_fd, int out_fd, int pid, struct err *e)
{
	struct dbg *d = calloc(1, sizeof *d);
	if (!d)
		return err_set(e, "out of memory");
	if (rsp_init(&d->conn, in_fd, out_fd, e) < 0) {
		free(d);
		return -1;
	}
	d->trace_dir = dir;
	d->mode = MODE_SEEK; /* to the start of the first run */
	d->target.run = 1;
	if (pid > 0) { /* ... of that process */
		d->chosen_vpid = pid;
		d->leader_vpid = pid;
		d->seek_debuggee = 1;
		d->target.run = UINT64_MAX;
	}
	d->stop_sig = SIGTRAP;
	const struct rp_debug hooks = {d, dbg_before_run, dbg_after_stop, dbg_at_point,
				       dbg_at_signal, dbg_at_process_exit, dbg_at_end};
	int rc = 0;
	for (;;) {
		struct replay_options opt = {.dir = dir, .quiet = 1, .debug = &hooks};
		enum replay_end how;
		int status;
		d->restart = 0;
		d->at_end = 0;
		d->debuggee_exited = 0;
		struct err re = {{0}, 0};
		int r = replay_trace(&opt, &how, &status, &re);
		d->s = NULL;
		if (d->quit)
			break;
		if (d->restart)
			continue;
		if (r < 0 || how == REPLAY_DIVERGED) {
			/* tell gdb why, then end the session */
			char msg[600];
			snprintf(msg, sizeof msg, "heisen: %s\n", re.msg);
			struct err ignored;
			dbg_console(d, msg, &ignored);
			snprintf(d->last_stop, sizeof d->last_stop, "X%02x", SIGKILL);
			d->stop_is_exit = 1;
			dbg_send_stop(d, &ignored);
			rc = err_set(e, "%s", re.msg);
			break;
		}
		break;
	}
	dbg_free(d);
	free(d);
	return rc;
}
