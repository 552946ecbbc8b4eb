/* heisen's gdb stub: a replay served to gdb, forward and backward.
 *
 * The replay runs inside the stub's calls: the replayer calls the stub
 * around every run of a thread's user code (struct rp_debug), and the stub
 * talks to gdb there, at the thread's breakpoint, watchpoint or step.
 *
 * Going backward is going forward again: the replay is restarted and run
 * to an earlier position. A position is the run it is in (the replay's
 * count of runs of user code, one per stretch between two events) and the
 * debugger stops that came before it within that run, in order: "the next
 * hit of breakpoint A, then the next write to W, then one step". Replaying
 * with only the next of those armed meets exactly the same stops again,
 * since the replay is deterministic and every stop that mattered is in the
 * list. See docs/design.md, "Reverse execution". */
#ifndef HEISEN_DEBUGGER_H
#define HEISEN_DEBUGGER_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "gdbstub/rsp.h"

struct rp_session;
struct task;

enum key_kind { KEY_BP, KEY_WATCH, KEY_STEP, KEY_SIGNAL };

/* One debugger stop. For a watchpoint, the watched range and its kind
 * (gdb's Z type: 2 write, 3 read, 4 access). For a signal about to be
 * delivered: the signal in wtype, the thread's vtid in addr. */
struct stop_key {
	uint8_t kind, wtype, wlen;
	uint64_t addr;
};

struct position {
	uint64_t run;           /* 1 = the first run; 0 = nowhere yet */
	struct stop_key *keys;  /* the stops within the run, in order */
	size_t nkeys, cap;
};

#define DBG_MAX_BREAKPOINTS 256
#define DBG_MAX_WATCHPOINTS 3   /* DR1-DR3: DR0 is the replayer's */
#define DBG_MAX_VFILES 16       /* files gdb may hold open through vFile */
#define DBG_MAX_STEPS 2000000   /* a reverse-stepi counts at most this far */

struct watchpoint {
	uint64_t addr;
	uint8_t len, type;
};

/* What the stub is doing with the replay it runs. */
enum dbg_mode {
	MODE_SEEK,    /* replaying to `target`, then stopping there */
	MODE_RUN,     /* running forward for gdb (continue or step) */
	MODE_SCAN,    /* reverse-continue: replaying to `target`, noting the
			 last breakpoint or watchpoint stop before it */
	MODE_COUNT,   /* reverse-stepi: stepping from `target` toward
			 `count_goal`, counting the steps */
};

struct dbg {
	struct rsp_conn conn;
	const char *trace_dir;
	int multiprocess;            /* gdb offered multiprocess+ */
	enum dbg_mode mode;
	struct position cur;         /* where the replay is now */
	struct position target;      /* MODE_SEEK, MODE_SCAN, MODE_COUNT */
	struct position found;       /* MODE_SCAN: the last stop seen */
	size_t target_next;          /* next key of target to meet */
	int target_begin;            /* the target is the start of history */
	uint64_t seek_event;         /* monitor goto: the first run at or
					after this event is the target */
	int monitor_pending;         /* a qRcmd waits for its OK */
	/* MODE_COUNT: what ends the counting, and the steps so far */
	struct stop_key count_goal;
	int count_to_run_end, count_watch_back;
	uint64_t counted;
	/* MODE_RUN */
	int step_vtid;               /* thread to single-step, or 0 */
	int stepped;                 /* that thread made its step */
	/* breakpoints (Z0/Z1) and watchpoints (Z2-Z4) gdb set */
	uint64_t bps[DBG_MAX_BREAKPOINTS];
	size_t nbps;
	struct watchpoint watches[DBG_MAX_WATCHPOINTS];
	size_t nwatches;
	/* armed for the thread's current resume */
	uint64_t armed_bp[DBG_MAX_BREAKPOINTS + 1];
	uint8_t armed_orig[DBG_MAX_BREAKPOINTS + 1];
	size_t narmed;
	pid_t armed_tid;
	int armed_step;
	int silent_step;             /* stepping off a breakpoint (no stop) */
	int to_point;                /* this run goes to a preemption point */
	/* what gdb looks at */
	int g_vtid;                  /* Hg thread (0: the stopped one) */
	int stop_vtid;               /* the thread of the last stop */
	int stop_sig;                /* the last stop: signal, why, or exit */
	char stop_reason[64];
	int stop_is_exit;
	uint8_t pass[32];            /* QPassSignals: gdb's numbers, not reported */
	char last_stop[160];         /* the last stop reply, for '?' */
	int at_end;                  /* at the trace's end */
	int awaiting_stop;           /* gdb resumed and waits for a stop reply */
	int leader_vpid;             /* the program's pid, as it saw it */
	int chosen_vpid;             /* replay -p: the process gdb debugs */
	int seek_debuggee;           /* the start is that process's first run */
	int exited;                  /* the end was reported to gdb */
	int end_code;                /* W/X value at the end */
	int end_signalled;
	int debuggee_exited;         /* its last thread exited, with: */
	int debuggee_status;         /* its wait status */
	/* why a replay returned */
	int restart;                 /* go again from the start */
	int quit;                    /* gdb detached or killed */
	struct rp_session *s;        /* the replay, while one runs */
	uint64_t *run_vtid;          /* thread of each run (index run - 1) */
	size_t nruns_known, runs_cap;
	/* vFile: files gdb opened (host fds, 0: free), and the process
	 * (vpid, 0: the one looked at) whose view of the files it wants */
	int vfiles[DBG_MAX_VFILES];
	int vfile_pid;
};

/* Serve the trace in dir to gdb on (in_fd, out_fd) until gdb detaches or
 * the connection ends. */
int dbg_serve(const char *dir, int in_fd, int out_fd, int pid, struct err *e);

/* Parts (gdbstub/ *.c). */
int dbg_before_run(void *ctx, struct rp_session *s, struct task *t,
		   int flags, struct err *e);
int dbg_after_stop(void *ctx, struct rp_session *s, struct task *t,
		   struct err *e);
int dbg_at_end(void *ctx, struct rp_session *s, struct err *e);
void dbg_at_process_exit(void *ctx, struct rp_session *s, struct task *t, int status);
int dbg_at_point(void *ctx, struct rp_session *s, struct task *t, struct err *e);
int dbg_at_signal(void *ctx, struct rp_session *s, struct task *t, int sig,
		  struct err *e);
/* The end of a reverse-continue's scan: restart toward what it found. */
int dbg_finish_scan(struct dbg *d, struct err *e);
/* Talk to gdb until it resumes: returns 0 to go on running (the mode and
 * target say how), -1 with d->restart or d->quit set, or on errors. */
int dbg_converse(struct dbg *d, struct err *e);
/* Free what a session holds (positions, open vFiles, the connection's
 * buffers), not d itself. */
void dbg_free(struct dbg *d);
/* Send a stop reply for thread vtid: reason is "swbreak:;", "watch:ADDR;"
 * and the like, or "" for a step. */
int dbg_report(struct dbg *d, int sig, int vtid, const char *reason,
	       struct err *e);

/* Stop replies: sent only when gdb is waiting for one (after a resume);
 * otherwise kept for '?'. */
int dbg_send_stop(struct dbg *d, struct err *e);
const char *dbg_stop_reply(struct dbg *d);
/* Text for gdb's console (an 'O' packet). */
int dbg_console(struct dbg *d, const char *text, struct err *e);
/* A vFile packet (gdbstub/vfile.c); closing what gdb left open. */
int dbg_vfile(struct dbg *d, const char *pkt, struct err *e);
void dbg_vfile_close_all(struct dbg *d);
/* gdb's id for a thread ("p<pid>.<tid>" or "<tid>", hex). */
int dbg_thread_id(struct dbg *d, int vtid, char *buf, size_t len);
int dbg_vpid(struct dbg *d, const struct task *t);
/* Whether t belongs to the process gdb debugs. */
int dbg_in_debuggee(struct dbg *d, const struct task *t);

/* positions */
int pos_push(struct position *p, struct stop_key k);
int pos_copy(struct position *dst, const struct position *src);
void pos_free(struct position *p);

#endif
