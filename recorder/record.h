/* The recorder: runs a program under ptrace, one thread of user code at a
 * time, and writes every nondeterministic input into a trace. */
#ifndef HEISEN_RECORD_H
#define HEISEN_RECORD_H

#include <limits.h>
#include <signal.h>
#include <stdint.h>

#include "recorder/chaos.h"
#include "recorder/conflicts.h"
#include "core/err.h"
#include "core/sysout.h"
#include "core/task.h"
#include "core/trace.h"
#include "patching/patcher.h"

#define REC_MAX_RANGES SYSOUT_RANGES_HINT

struct rec_stats;

struct rec_options {
	const char *dir;      /* trace directory to create */
	const char *exe;      /* absolute path of the program */
	char **argv;          /* argv[0] as the user typed it */
	char **envp;
	int cpu;
	uint64_t timeslice_us;
	uint64_t max_trace_bytes; /* stop with an error beyond this */
	volatile sig_atomic_t *stop_signal; /* set by SIGINT/SIGTERM handler */
	struct rec_stats *stats;            /* filled at the end, if not NULL */
	struct chaos_options chaos;         /* mode 0: round robin */
	int cpuid_patching; /* patch cpuid even where CPUID faulting works */
};

struct rec_stats {
	uint64_t syscalls, blocking, preemptions, preempt_at_syscall;
	uint64_t yield_sites, yield_executions, yield_stops;
	uint64_t async_signals, sync_signals, rdtsc, cpuid, mapped_files;
	uint64_t settle_steps, settle_interrupted, signals_held_back;
	uint64_t events, trace_bytes, cpuid_scan_ns;
	/* chaos pos and walk: the sites of conflicting accesses seen */
	uint64_t conflict_sites[CONFLICT_MAX_SITES];
	unsigned nconflict_sites;
};

/* A content-addressed store of mapped files inside the trace directory. */
struct file_store {
	char dir[PATH_MAX];
	struct stored_file {
		dev_t dev;
		ino_t ino;
		int64_t mtime_ns;
		int64_t size;
		char hash[33];
	} *v;
	size_t n, cap;
};

/* The objects (files, memfds, SysV segments) mapped MAP_SHARED so far,
 * by device and inode; an object's number is its index (rec_shared.c). */
struct shared_objects {
	struct shared_object {
		dev_t dev;
		ino_t ino;
	} *v;
	size_t n, cap;
};

/* Which of a process's fds are the recorder's stdout or stderr, as kcmp
 * answered: asking costs two syscalls per write. Keyed by process and fd,
 * forgotten whenever an fd number may change meaning (SYS_FD_REUSE, a
 * process ending). */
#define OUT_FD_SLOTS 32
enum out_fd_kind { OUT_FD_UNKNOWN, OUT_FD_STDOUT, OUT_FD_STDERR, OUT_FD_OTHER };
struct out_fd_cache {
	struct {
		pid_t tgid;
		int32_t fd;
		int kind;
	} slot[OUT_FD_SLOTS];
};

struct rec_session {
	const struct rec_options *opt;
	struct trace_writer tw;
	struct task_table tasks;
	pid_t current;       /* tid holding the CPU, or 0 */
	size_t rr_next;      /* round-robin position */
	pid_t self;          /* the recorder's pid, for kcmp */
	struct out_fd_cache out_fds;
	struct out_digests out; /* what went to our stdout/stderr */
	struct chaos chaos;
	struct conflicts conflicts; /* chaos pos and walk */
	pid_t init_pid, leader;
	int init_reaped;
	int deadlocked;      /* record --chaos: rec_deadlocked said so */
	int leader_status;   /* wait status of the program */
	int done;
	int ending;          /* rec_drain: record what comes, resume nothing */
	int nwoken_deferred; /* threads with woken_exit_deferred */
	struct patcher patch;
	struct file_store files;
	struct shared_objects shared;
	int made_shm[256];   /* SysV segments the recorded processes made */
	int nmade_shm;
	uint64_t slice_start_tick; /* ticker count when current got the CPU */
	pid_t slice_owner;         /* chaos: whose slice the current one is
				      (0: a new one is due) */
	uint64_t last_flush_tick;
	uint64_t starve_checked_tick; /* rec_starved_in_vain asked at this tick */
	struct rec_stats stats;
	/* exits of the threads a non-leader's exec killed, recorded after
	 * the exec (rec_exec.c) */
	struct deferred_exit {
		pid_t tgid, vtid;
		int32_t status;
	} deferred_exits[64];
	int ndeferred_exits;
	struct mem_range *ranges; /* REC_MAX_RANGES, for one syscall */
	struct mem_blob *blobs;
	uint8_t *scratch;    /* memory read back from the tracee */
	size_t scratch_cap;
};

/* Record; on success *exit_status is what `heisen record` exits with. */
int record_program(const struct rec_options *opt, int *exit_status,
		   struct err *e);

/* Parts of the recorder (recorder/ *.c), all taking the session. */
/* child's exec or exit is recorded: a vfork parent held back goes on. */
int rec_vfork_released(struct rec_session *s, struct task *child, struct err *e);
/* Switch the stopped, running thread t out here: a preemption point. */
int rec_preempt_here(struct rec_session *s, struct task *t, struct err *e);
/* Planned points (recorder/planned.c): hardware breakpoints where chaos
 * may preempt: after the release in pthread_mutex_unlock, after a locked
 * instruction and around a store of the program's own code. */
void rec_planned_find(struct rec_session *s, struct task *t);
void rec_planned_arm(struct rec_session *s, struct task *t);
/* At a stop: arm what rec_planned_arm could not (t was asleep then). */
void rec_planned_arm_due(struct task *t);
/* A SIGTRAP stop: 1 if it was a planned point (handled), 0 if not. */
int rec_planned_hit(struct rec_session *s, struct task *t, struct err *e);
/* Output to the recorder's stdout/stderr (recorder/rec_output.c). */
/* Forget which tracee fds are our stdout/stderr (struct out_fd_cache). */
void rec_forget_out_fds(struct rec_session *s);
/* At a write's exit: its bytes' hash, and the bytes if they went to our
 * stdout/stderr (*data: malloc'd, freed by the caller). */
int rec_note_output(struct rec_session *s, struct task *t, struct event *ev,
		    int64_t result, uint8_t **data, struct err *e);
/* sendfile, splice, tee, copy_file_range to our stdout/stderr: where the
 * source is read from, at entry; its bytes, at exit. */
int rec_copy_entry(struct rec_session *s, struct task *t, struct err *e);
/* The exit of the poll that rec_copy_entry made of the call: the thread
 * makes the call again, and is left at its entry stop (registers in
 * *entry), for rec_on_syscall_entry. */
int rec_copy_waited(struct task *t, int64_t poll_result,
		    struct user_regs_struct *entry, struct err *e);
/* At its exit: give back the length argument rec_copy_entry cut (in r,
 * which the caller sets). */
void rec_copy_exit(struct task *t, struct user_regs_struct *r);
int rec_note_copy(struct rec_session *s, struct task *t, struct event *ev,
		  int64_t result, uint8_t **data, struct err *e);
static inline uint64_t rec_next_event(const struct rec_session *s)
{
	return s->tw.nevents + 1;
}
/* The chaos scheduler's part (recorder/rec_chaos.c). */
void rec_chaos_start(struct rec_session *s, struct task *leader);
void rec_chaos_new_thread(struct rec_session *s, struct task *t);
/* At a syscall entry of the running thread: a change point, and whether a
 * thread of higher priority waits (then t->switch_wanted is set). */
void rec_chaos_at_syscall(struct rec_session *s, struct task *t);
/* The running thread's slice is over: starve it, or pick another. */
void rec_chaos_slice_over(struct rec_session *s, struct task *t);
/* A new slice begins for t. */
void rec_chaos_new_slice(struct rec_session *s, struct task *t, uint64_t tick_us);
/* At a planned point: 1 to preempt there (noted in the trace). */
int rec_chaos_planned(struct rec_session *s, struct task *t, uint64_t site, int kind);
/* A planned point chosen for t's process: noted in the trace. */
void rec_chaos_site(struct rec_session *s, struct task *t, uint64_t site, int kind);
/* At the exit of t's syscall: 1 to preempt t there (after a futex wake). */
int rec_chaos_after_wake(struct rec_session *s, struct task *t,
			 const uint64_t *args, int64_t result);
/* A preemption at t's point ev->point.regs (settled): its memory and
 * state, the record, and the CPU given away. */
void rec_put_preemption(struct rec_session *s, struct task *t, struct event *ev);
/* The yield sites' part (recorder/rec_yield.c). */
/* After an exec's patching: t's new image (noted in the trace). */
void rec_yield_exec(struct rec_session *s, struct task *t);
/* After a successful mmap or munmap: a library's code mapped gets its yield
 * sites (noted for the replay), code unmapped loses them. */
int rec_yield_mapped(struct rec_session *s, struct task *t, const uint64_t *args,
		     int64_t result, struct err *e);
/* Before t runs: arm its process's counter as the chaos scheduler says. */
int rec_yield_resume(struct rec_session *s, struct task *t, struct err *e);
/* Before a record of t goes out: its count brought up to date (and, but
 * for a chaos note, restarted). */
void rec_yield_before_record(struct rec_session *s, struct task *t, int type);
/* t gives the CPU away: count what it executed. */
void rec_yield_released(struct rec_session *s, struct task *t);
/* At a SIGTRAP: 1 if it was a yield-site stop, now recorded as a
 * preemption; 0 if not; -1. */
int rec_yield_hit(struct rec_session *s, struct task *t, struct err *e);
/* yield_skip_stop for t's image. */
int rec_yield_skip_stop(const struct rec_session *s, const struct task *t,
			struct user_regs_struct *r);
/* Whether rip is inside a stub's bookkeeping, where no point may be. */
int rec_yield_bookkeeping(const struct rec_session *s, const struct task *t, uint64_t rip);
/* t's process's yield counter (len 0: none), which no point's digest may
 * cover: it differs at replay. */
void rec_yield_busy(const struct rec_session *s, const struct task *t, uint64_t *addr,
		    uint64_t *len);
/* How many site executions the thread about to run may make before the
 * scheduler decides again (0: no limit). */
uint64_t rec_chaos_budget(struct rec_session *s);
/* Chaos pos: at t's stop before its next access (known: there is one, at
 * addr, a write if writes): 1 if another thread's event goes first. */
int rec_chaos_pos_step(struct rec_session *s, struct task *t, uint64_t site, int known,
		       uint64_t addr, int writes);
/* A directed run (conflict sites given), access mode, at t's stop before
 * the site at `site`: 1 if t is to be lowered here. */
int rec_chaos_directed_change(struct rec_session *s, struct task *t, uint64_t site);
/* The chaos scheduler at a yield-site stop (change: a change point). */
void rec_chaos_yield(struct rec_session *s, struct task *t, uint64_t site, int change);
/* The ticker's count, and its period. */
uint64_t rec_ticks_now(void);
uint64_t rec_tick_us(const struct rec_session *s);
/* The ready thread to run next (chaos), or NULL for none now. */
struct task *rec_chaos_pick(struct rec_session *s);
/* Whether the running thread has had its timeslice. */
int rec_slice_over(const struct rec_session *s);
/* regs: the thread's registers at the stop, already read. */
/* A syscall entry through another table than x86-64's (int 0x80, x32)
 * is refused before the kernel runs it. */
int rec_check_abi(struct rec_session *s, struct task *t,
		  const struct user_regs_struct *r, struct err *e);
int rec_on_syscall_entry(struct rec_session *s, struct task *t,
			 const struct user_regs_struct *regs, struct err *e);
/* Record the returns rec_on_syscall_exit put off (woken_exit_deferred)
 * once the thread holding the CPU is no longer inside a syscall. */
int rec_record_woken(struct rec_session *s, struct err *e);
int rec_on_syscall_exit(struct rec_session *s, struct task *t,
			const struct user_regs_struct *regs, struct err *e);
int rec_on_signal(struct rec_session *s, struct task *t, int sig, struct err *e);
/* recorder/rec_hold_back.c: a timer's signal due as the previous handler
 * returns is held back until t's next stop (1: held back, t resumed; 0:
 * deliver it now). At every stop of t, its own mask back first; on each
 * tick, the interrupt that brings that stop if t runs on in user code. */
int rec_hold_back_timer(struct rec_session *s, struct task *t, int sig,
			const siginfo_t *si, const struct user_regs_struct *r,
			struct err *e);
int rec_give_back_mask(struct task *t, struct err *e);
/* At a syscall stop (its entry or exit, of syscall nr), the same, except
 * at the entry of a fork, vfork or clone: held until the creation event
 * (rec_hold_back_child), which gives it back to the child too. */
int rec_give_back_mask_at_syscall(struct task *t, int entry, long nr, struct err *e);
int rec_hold_back_child(struct task *parent, struct task *child, struct err *e);
void rec_hold_back_tick(const struct rec_session *s, struct task *t);
/* Move a just-stopped thread forward to a point the replay can identify
 * exactly; r holds its registers, updated. */
/* Whether t still stands at its last syscall's exit (no user code ran
 * since): r, its registers now, are those of the exit. */
int rec_at_fresh_exit(const struct task *t, const struct user_regs_struct *r);
int rec_settle_point(struct rec_session *s, struct task *t,
		     struct user_regs_struct *r, struct err *e);
/* The digest of t's memory that tells this point from other passes with
 * the same registers (core/point_state.h). */
void rec_point_state(struct rec_session *s, struct task *t,
		     const struct user_regs_struct *r, struct point_state *out);
/* A process exec'd: record its new image (files, registers, stack) and
 * patch it. */
int rec_exec_event(struct rec_session *s, struct task *t, struct err *e);
/* An exec by a thread that is not its process's only one kills the
 * others (recorder/rec_exec.c). A thread's exit stop while a sibling is
 * in execve: 1 if the exec caused it (its exit is then recorded after the
 * exec, or not at all for the leader, whose tid the exec'ing thread
 * takes), 0 if not. */
int rec_exit_by_exec(struct rec_session *s, struct task *t, int32_t status);
/* PTRACE_EVENT_EXEC reported for tid: the task that exec'd (renamed to
 * tid if it was another thread). */
struct task *rec_exec_task(struct rec_session *s, pid_t tid);
int rec_resume(struct rec_session *s, struct task *t, struct err *e);
void rec_release_cpu(struct rec_session *s, struct task *t);
int rec_others_ready(struct rec_session *s, pid_t except);
/* Ending early (recorder/rec_end.c), after SIGINT/SIGTERM: stop every
 * thread at a boundary the trace can show (recording the syscalls that
 * finished meanwhile), then their states and the end. */
void rec_drain(struct rec_session *s);
void rec_end_by_signal(struct rec_session *s, int sig);
/* End the trace with the program still there: every thread's state (and
 * the entries of the syscalls they sleep in), then the end record. */
void rec_end_stopped(struct rec_session *s, int reason, int status, const char *msg);
/* record --chaos (recorder/rec_deadlock.c): is every thread asleep where
 * only another one could wake it? Then end the trace so, with a report on
 * stderr; record exits with END_DEADLOCK_STATUS (core/trace.h). */
int rec_deadlocked(struct rec_session *s);
/* ... or is every thread that is not ready (each one starved by a planned
 * preemption) asleep so? Then their starvation waits for nothing: no
 * time passing can change what they find when they run. */
int rec_starved_in_vain(struct rec_session *s);
/* A thread of tgid that had clear_tid (CLONE_CHILD_CLEARTID) is gone: the
 * kernel woke a waiter of that word (a join). Under chaos its return is
 * taken now, not whenever it comes (recorder/rec_syscall.c). */
int rec_collect_exit_wake(struct rec_session *s, pid_t tgid, uint64_t clear_tid,
			  struct err *e);
void rec_end_deadlock(struct rec_session *s);
/* For rec_end.c: the loop's own handling of a stop. */
int rec_syscall_stop_is_entry(const struct task *t,
			      const struct user_regs_struct *r, struct err *e);
void rec_on_reaped(struct rec_session *s, pid_t tid, int status);
/* Handle one stop that waitpid reported (rec_loop.c). */
int rec_handle_stop(struct rec_session *s, pid_t tid, int status, struct err *e);
/* A syscall that keeps the CPU (rec_syscall.c) while others wait: if it
 * sleeps in the kernel now (at_once, or after a tick in it), it gives
 * the CPU away like any blocking syscall; its entry is logged before
 * anyone else runs. */
void rec_held_check(struct rec_session *s, struct task *t, int at_once);
/* Log that t entered its current syscall (EV_SYSCALL_ENTER). */
void rec_log_entry(struct rec_session *s, struct task *t);
void rec_put(struct rec_session *s, struct event *ev, struct task *t);

void file_store_init(struct file_store *fs, const char *tracedir);
/* Copy the file open as `path` into the store (once per content); fill the
 * hash of its content and its size. */
int file_store_add(struct file_store *fs, const char *path, char hash[33],
		   uint64_t *size, struct err *e);
void file_store_free(struct file_store *fs);
/* The same, for a file whose content may change under the same mtime (a
 * shared object written through its mappings): always hashed anew. */
int file_store_snapshot(struct file_store *fs, const char *path, char hash[33],
			uint64_t *size, struct err *e);

/* Shared memory (recorder/rec_shared.c). At a successful mmap of fd
 * args[4]: 0 if recorded as shared (or /dev/zero), 1 if the mapping is
 * private, -1 with e set. */
int rec_shared_mmap(struct rec_session *s, struct task *t, const uint64_t *args,
		    struct err *e);
/* At an mmap's entry: refuse a device (not /dev/zero) before it is mapped. */
int rec_shared_mmap_entry(struct rec_session *s, struct task *t, struct err *e);
/* At a successful shmget or shmat. */
int rec_shared_shm(struct rec_session *s, struct task *t, const uint64_t *args,
		   int64_t result, struct err *e);
/* After any syscall's event: a change to a shared object through an fd. */
int rec_shared_after(struct rec_session *s, struct task *t, const uint64_t *args,
		     int64_t result, struct err *e);
void rec_shared_free(struct rec_session *s);

#endif
