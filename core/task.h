/* The process/thread model shared by the recorder and the replayer: one
 * entry per traced thread, found by its real tid. */
#ifndef HEISEN_TASK_H
#define HEISEN_TASK_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

enum task_state {
	T_NEW,        /* created; its first ptrace stop has not come yet */
	T_READY,      /* stopped, may run user code when given the CPU */
	T_RUNNING,    /* holds the CPU: the one thread running user code */
	T_IN_SYSCALL, /* sleeping in a blocking syscall, CPU given away */
	T_EXITING,    /* past its exit event, waiting to be reaped */
	T_STOPPED,    /* record: its process is stopped (SIGSTOP...) until a
			 SIGCONT; ptrace-listening, not resumable */
};

#define PLANNED_SLOTS 3 /* DR1-DR3 (DR0 is the replay's) */
#define PLANNED_KINDS 5 /* enum planned_kind (core/trace.h) has 5 */

/* The images with yield sites installed in one process (patching/yield.h):
 * its executable's and its shared libraries', as patch_image numbers them
 * (1-based). Every thread of the process holds the same set; a fork's
 * child starts with a copy, an exec with its new executable's. */
#define YIELD_SET_MAX 16
struct yield_set {
	int n;
	int img[YIELD_SET_MAX];
	int counter; /* the counter page is mapped (it stays when images go) */
};

struct task {
	pid_t tid;    /* real tid, as ptrace knows it */
	pid_t vtid;   /* tid inside the pid namespace: what the program sees
			 and what the trace stores */
	pid_t tgid;   /* real pid of its process */
	enum task_state state;
	int in_syscall;       /* between syscall-entry and -exit stops */
	int at_entry;         /* stopped at a syscall-entry stop */
	int entry_logged;     /* an EV_SYSCALL_ENTER for this syscall is out */
	int skipped;          /* the recorder suppressed this syscall */
	int interrupt_pending;/* PTRACE_INTERRUPT sent, its stop not seen */
	int fresh_exit;       /* record: exit_regs hold the last syscall exit */
	struct user_regs_struct exit_regs;
	int held_in_syscall;  /* record: in a syscall that keeps the CPU until
				 it really sleeps (enum held, rec_syscall.c), */
	uint64_t held_since;  /* since this tick */
	uint32_t entry_word;  /* record: the futex word as a PI lock went to
				 sleep, */
	int has_entry_word;   /* for its EV_SYSCALL_ENTER */
	int copy_to;          /* record: a sendfile-like call to our stdout or
				 stderr (enum out_fd_kind), */
	int64_t copy_src_off; /* reading its source from this offset, */
	uint8_t *copy_peek;   /* or from a pipe that held these bytes */
	size_t copy_peek_len;
	int copy_waits;       /* ... from an empty pipe: a poll runs instead, */
	int copy_polled;      /* (which said readable: no second poll) */
	uint64_t copy_poll_at; /* its pollfd here (below the red zone), */
	uint64_t copy_poll_saved; /* over these bytes */
	int copy_len_cut;     /* its length argument was cut to copy_peek_len: */
	int copy_len_arg;     /* which argument, */
	uint64_t copy_len;    /* and what the program asked */
	int switch_wanted;    /* timeslice over: switch at the next boundary
				 (2: even if no other thread is ready) */
	int64_t prio;         /* record --chaos: higher runs first */
	struct yield_set yield; /* its process's yield sites */
	uint64_t yield_armed; /* record: the counter as this thread was resumed */
	uint64_t yield_since; /* its site executions since its last record
				 (other than a chaos note) */
	int yield_dirty;      /* record: resumed since the counter was read */
	int pos_known;        /* record, chaos pos: its next event is an access */
	int after_conflict_site; /* record, a directed run: its last stop was
				    at one of the conflicting sites */
	int pos_write;        /* ... that writes */
	uint64_t pos_addr;    /* ... to this address */
	int yield_fresh;      /* replay: sites installed, their note not seen */
	int yield_expected;   /* replay: the trace says what its image's */
	uint64_t yield_expect_region, yield_expect_digest; /* sites must be */
	int yield_lib_expected; /* replay: its next mmap maps a library with */
	uint64_t yield_lib_region, yield_lib_digest; /* these yield sites */
	/* record --chaos: its process's planned points, watched with DR1-DR3
	 * (0: none), and this thread's hits of each */
	uint64_t planned_site[PLANNED_SLOTS];
	uint8_t planned_kind[PLANNED_SLOTS]; /* enum planned_kind */
	uint32_t planned_hits[PLANNED_SLOTS];
	int planned_chosen;   /* the code sites (DR2, DR3) are chosen */
	int planned_arm_due;  /* to be armed at its next stop */
	/* record --chaos, a planned starvation: not run before the others
	 * have made the recording's steps reach starved_steps, or (when they
	 * all sleep) before the ticker reaches starved_until */
	uint64_t starved_steps, starved_until;
	/* record --chaos: so far, per enum planned_kind, at most PLANNED_PER_THREAD */
	uint8_t planned_preemptions[PLANNED_KINDS];
	/* record: the child its last clone/fork event announced, whose first
	 * stop the creator's return waits for (rec_syscall.c) */
	pid_t new_child;
	uint64_t clear_tid; /* record: its CLONE_CHILD_CLEARTID word (0: none) */
	/* record: its creator's event was seen (the chaos scheduler's welcome
	 * waits for that and its first stop) */
	uint8_t creation_seen;
	pid_t creator;        /* record: the thread whose clone or fork made it */
	int vfork_exit_deferred; /* record: its vfork returned before the
				    child's exec or exit was recorded */
	struct user_regs_struct vfork_exit_regs;
	int sig_held_back;    /* record: a timer's signal is held back until
				 its next stop (recorder/rec_hold_back.c), */
	uint64_t held_back_mask; /* the mask to give back then, */
	uint64_t held_back_tick; /* since this tick; */
	int held_back_interrupt; /* the pending interrupt only ends that */
	int woken_exit_deferred; /* record: its sleeping syscall returned while
				    the running thread was inside one */
	struct user_regs_struct woken_exit_regs;
	int image_recorded;   /* record: an exec or exit of it is in the trace */
	int planned_tries;
	int restart_pending;  /* replay: an ERESTART* result to apply */
	int pending_sig;      /* signal to deliver when it next resumes */
	int mask_after_delivery; /* replay: give the thread back this mask, */
	uint64_t outer_mask;     /* once the delivery it was changed for is
				    done (unblock_if_recorded) */
	int last_status;      /* replay: waitpid status of its current stop */
	int exec_done;        /* replay: past execve's exec event, before its exit */
	int group_exited;     /* replay: a sibling's exit_group ran: the
				 kernel is killing it */
	int exec_killed;      /* replay: killed by a sibling's exec, with this
				 exit status (its exit event comes later) */
	int killed_status;
	int exec_seen;        /* replay: the process's program came from an
				 exec in the trace (or is the first one) */
	int vfork_started;    /* replay: vfork performed at its entry event */
	int emu_entry;        /* replay: at a PTRACE_SYSEMU entry stop */
	int executing;        /* replay: running a syscall for real */
	long nr;              /* current syscall */
	long restart_nr;      /* record: syscall a restart_syscall resumes */
	uint64_t restart_args[6];
	char exec_path[PATH_MAX]; /* record: the file an execve names */
	char exec_fdpath[PATH_MAX]; /* record: what execveat's dirfd names */
	struct user_regs_struct entry_regs;
};

struct task_table {
	struct task *v;
	size_t n, cap;
};

struct task *task_find(struct task_table *tt, pid_t tid);
struct task *task_find_vtid(struct task_table *tt, pid_t vtid);
struct task *task_add(struct task_table *tt, pid_t tid);
/* Number of threads of process tgid, other than `except`, that have not
 * exited. (A group leader that died before its threads stays in the table,
 * T_EXITING, as a zombie until they are gone: it does not count, or the
 * last of them would not be known as the process's last.) */
size_t task_count_process(struct task_table *tt, pid_t tgid, pid_t except);
/* The real pid of tid's process, from /proc (0 if it is gone). */
pid_t proc_tgid(pid_t tid);
/* The signals tid's process has handlers for (bit sig-1), from /proc. */
uint64_t proc_caught_signals(pid_t tid);
/* The signals tid blocks now and those its process has handlers for, in
 * one read of /proc (-1 if it is gone). Unlike PTRACE_GETSIGMASK, which
 * answers with the mask to be restored, `blocked` is the mask a
 * sigsuspend, ppoll, pselect6 or epoll_pwait swapped in while the thread
 * stands at its end, where signals are delivered under it. */
int proc_signal_masks(pid_t tid, uint64_t *blocked, uint64_t *caught);
/* tid's scheduler state from /proc ('R', 'S', 'D', 't' in a ptrace
 * stop...), or 0 if it is gone. */
char proc_state(pid_t tid);
void task_remove(struct task_table *tt, pid_t tid);
/* Every thread of t's process gets t's yield set (a library was mapped or
 * unmapped: the process's images changed for all of them). */
void task_share_yield(struct task_table *tt, const struct task *t);
void task_table_free(struct task_table *tt);

#endif
