/* The replayer: re-executes the recorded program one thread at a time, in
 * the trace's order, emulating every syscall that touches the outside
 * world and checking the registers at every event. */
#ifndef HEISEN_REPLAY_H
#define HEISEN_REPLAY_H

#include <linux/filter.h>
#include <limits.h>
#include <stdint.h>

#include "core/err.h"
#include "core/task.h"
#include "core/trace.h"
#include "patching/patcher.h"

struct rp_stats;
struct rp_session;

/* What a debugger (gdbstub/) is told by a replay: the replay calls these
 * around every run of a thread's user code between two events (a "run":
 * each emulated rp_step), and at the end. They may talk to gdb before
 * returning. A -1 return stops the replay (e says why). */
struct rp_debug {
	void *ctx;
	/* Before thread t runs; flags: RUN_FIRST at the start of a run (not
	 * when it goes on after one of the debugger's stops), RUN_TO_POINT
	 * when the replayer runs it to a preemption point or signal (only
	 * debug registers may be used then). Returns RUN_STEP to make a single
	 * step, RUN_GO to run, RUN_FREE to run with nothing armed. */
	int (*before_run)(void *ctx, struct rp_session *s, struct task *t,
			  int flags, struct err *e);
	/* After t stopped: 1 if the stop was the debugger's (breakpoint,
	 * watchpoint, step), so t must run on; 0 if it is the replay's. */
	int (*after_stop)(void *ctx, struct rp_session *s, struct task *t,
			  struct err *e);
	/* t reached the preemption point or signal it was run to. */
	int (*at_point)(void *ctx, struct rp_session *s, struct task *t,
			struct err *e);
	/* A signal is about to be delivered to t, which stands where it came
	 * (the replay goes on to deliver it when this returns). */
	int (*at_signal)(void *ctx, struct rp_session *s, struct task *t,
			 int sig, struct err *e);
	/* The last thread of t's process exited with status (a wait status);
	 * may be NULL. */
	void (*at_process_exit)(void *ctx, struct rp_session *s, struct task *t,
				int status);
	/* The trace's end was reached (the program still exists). */
	int (*at_end)(void *ctx, struct rp_session *s, struct err *e);
};

enum { RUN_FIRST = 1, RUN_TO_POINT = 2 };
enum { RUN_GO = 0, RUN_STEP = 1, RUN_FREE = 2 };

struct replay_options {
	const char *dir;
	int quiet; /* do not re-emit the program's output */
	struct rp_stats *stats; /* filled at the end, if not NULL */
	const struct rp_debug *debug; /* NULL: no debugger */
	/* For the sandbox's tests only (docs/design.md): the syscalls named in
	 * HEISEN_TEST_PERFORM (comma-separated) are performed instead of
	 * emulated, as by a replay whose own check were wrong; with
	 * HEISEN_TEST_NO_SECCOMP the tree has no filter, to show the other
	 * layers hold alone. */
	const char *test_perform;
	int test_no_seccomp;
};

/* How a replay ended. */
enum replay_end {
	REPLAY_COMPLETE,   /* reached the end record */
	REPLAY_INCOMPLETE, /* the trace has no end record */
	REPLAY_DIVERGED,   /* execution differed from the trace: e says how */
};

struct rp_stats {
	uint64_t events, syscalls_emulated, syscalls_executed, points;
	uint64_t point_hw_hits, point_traps, points_trampoline, signals;
	uint64_t point_ns, point_mem_retries;
};

/* The replay's copies of the recording's shared objects (rp_shared.c). */
struct rp_shared_map {        /* a SHARED_MAP or SHARED_ZERO record */
	uint32_t tid, object;
	uint8_t kind;
	uint64_t size;
	char hash[33];
};
struct rp_shared {
	char dir[PATH_MAX];   /* the copies' directory, "" until needed */
	uint8_t *made;        /* made[i]: object i has its copy */
	size_t nmade;
	struct rp_shared_map pending; /* for the next mmap or shmat */
	int has_pending;
};

/* The copies under files/ already checked against their names
 * (rp_copies.c). */
struct rp_copies {
	char (*hash)[33];
	size_t n, cap;
};

/* The seccomp filter of the replayed tree (rp_sandbox.c). */
#define RP_SANDBOX_MAX_ALLOWED 200
struct rp_sandbox {
	struct sock_filter insn[RP_SANDBOX_MAX_ALLOWED + 16];
	struct sock_fprog prog;
};
int rp_sandbox_filter(struct rp_sandbox *sb, struct err *e);
/* t's syscall was refused by the filter, which is killing it. */
int rp_sandbox_killed(const struct task *t);
/* nr is named in HEISEN_TEST_PERFORM (replay_options.test_perform). */
int rp_test_performs(const struct replay_options *o, long nr);
/* The directory of the replay's shared-memory copies, made now if the
 * trace needs one (the sandbox keeps it writable), else NULL. */
int rp_shared_dir(struct rp_session *s, int needed, const char **dir, struct err *e);

struct rp_session {
	const struct replay_options *opt;
	struct trace_reader tr;
	struct ev_header hdr;
	struct event ev;            /* the event being replayed */
	struct task_table tasks;
	pid_t init_pid, leader;
	struct rp_mem {             /* /proc/PID/mem, one per process */
		pid_t tgid;
		int fd;
	} *mems;
	size_t nmems;
	struct patcher patch;
	struct event pending_map;   /* EV_MAPFILE for the next mmap */
	int has_pending_map;
	struct rp_shared shared;
	char files_dir[PATH_MAX];
	struct rp_copies copies;
	int diverged;
	struct rp_stats stats;
	int end_reason, end_status; /* from the end record */
	int leader_reaped, leader_status; /* the program's exit, as replayed */
	char end_msg[512];
	struct out_digests out;     /* what it re-emitted (or would have, -q) */
	uint64_t runs;              /* runs of user code so far (rp_debug) */
};

/* Replay a whole trace. Returns 0 with *how and *exit_status set (the
 * recorded exit status), or -1 with e set for errors that are not
 * divergences (bad trace, cannot start). */
int replay_trace(const struct replay_options *opt, enum replay_end *how,
		 int *exit_status, struct err *e);

/* Parts of the replayer (replayer/ *.c). */
int rp_start(struct rp_session *s, struct err *e);
int rp_syscall_enter(struct rp_session *s, struct task *t, struct err *e);
/* An event of a thread whose sibling's exit_group has run: at record the
 * thread went on a moment longer (a syscall returned before the kill
 * reached it) and the events came after the exit_group's; at replay the
 * kernel is killing it or has. Only what a syscall wrote to heisen's
 * output is left to do; its exit event follows. */
int rp_after_group_exit(struct rp_session *s, struct err *e);
int rp_syscall(struct rp_session *s, struct task *t, struct err *e);
int rp_preempt(struct rp_session *s, struct task *t, struct err *e);
/* Yield sites (replayer/rp_yield.c): after an exec, install them and take
 * t's image; at a chaos note of t, check or arm them; at the preemption
 * that follows an armed note, run t to its stop there. */
int rp_yield_exec(struct rp_session *s, struct task *t, struct err *e);
int rp_yield_note(struct rp_session *s, struct task *t, struct err *e);
/* After a successful mmap or munmap: the library's sites the trace noted
 * for it installed (and checked), unmapped code's forgotten. */
int rp_yield_mapped(struct rp_session *s, struct task *t, const uint64_t *args,
		    int64_t result, struct err *e);
int rp_yield_preempt(struct rp_session *s, struct task *t, struct err *e);
int rp_signal(struct rp_session *s, struct task *t, struct err *e);
int rp_rdtsc(struct rp_session *s, struct task *t, struct err *e);
int rp_cpuid(struct rp_session *s, struct task *t, struct err *e);
int rp_exit(struct rp_session *s, struct task *t, struct err *e);
/* files/HASH in path, once its content is checked to hash to HASH. */
int rp_copy_path(struct rp_session *s, const char *hash, char *path, size_t len,
		 struct err *e);
void rp_copies_free(struct rp_copies *c);
/* An fd on the memory of t's process (opened on first use). */
int rp_mem(struct rp_session *s, const struct task *t);
/* Forget process tgid's memory fd (after an exec or its exit). */
void rp_mem_forget(struct rp_session *s, pid_t tgid);
int rp_exec(struct rp_session *s, struct task *t, struct err *e);
/* Put a path string where t can pass it to a syscall (below its red zone,
 * RP_PATH_SLOT bytes of which are saved in `saved`, to write back). */
#define RP_PATH_SLOT 4096
/* Open path in the tracee (an injected openat, O_CLOEXEC added): its fd
 * there in *fd. */
int rp_open_in_tracee(struct rp_session *s, struct task *t, const char *path, int flags,
		      int64_t *fd, struct err *e);
int rp_stage_path(struct rp_session *s, struct task *t, const char *path,
		  uint64_t *addr, uint8_t *saved, struct err *e);
/* Make the syscall t is stopped at the entry of really run when resumed
 * (an entry under PTRACE_SYSEMU is rewound and re-entered). */
int rp_make_real(struct rp_session *s, struct task *t, struct err *e);
/* Resume t (delivering its pending signal) and wait for its next stop. */
int rp_step(struct rp_session *s, struct task *t, struct err *e);
/* rp_step under a debugger (replayer/rp_debug.c). */
int rp_debug_step(struct rp_session *s, struct task *t, int sig, int queued,
		  struct err *e);
/* fastpoint_run under a debugger: its breakpoints and watchpoints are
 * armed in DR1-DR3 on the way to the point, and their stops reported. */
struct fastpoint_stats;
int rp_debug_find_point(struct rp_session *s, struct task *t,
			const struct user_regs_struct *want,
			const struct point_mem *mem, int *reached, int *status,
			struct fastpoint_stats *st, struct err *e);
/* Describe a divergence at the current event; returns -1. */
/* Shared memory (rp_shared.c): an EV_SHARED record; before an mmap the
 * record announced, a shmat or a shmdt is performed, the registers that
 * make it map the replay's copy (the fd the tracee opened for it, to
 * close after, in *opened_fd); the copies' removal at the end. */
int rp_shared_event(struct rp_session *s, const struct event *ev, struct err *e);
int rp_shared_prepare(struct rp_session *s, struct task *t, struct user_regs_struct *r,
		      int64_t *opened_fd, struct err *e);
void rp_shared_free(struct rp_session *s);

int rp_diverge(struct rp_session *s, struct task *t, struct err *e,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
const char *rp_stop_str(int status, char *buf, size_t len);
/* A real SIGCHLD, which the replay discards (the recorded ones are
 * injected), unless it is the signal being injected. */
int rp_is_noise(int status, int injecting);

#endif
