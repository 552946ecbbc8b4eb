/* The process/thread model shared by the recorder and the replayer: one
 * entry per traced thread, found by its real tid. */
#ifndef HEISEN_TASK_H
#define HEISEN_TASK_H

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
};

struct task {
	pid_t tid;    /* real tid, as ptrace knows it */
	pid_t vtid;   /* tid inside the pid namespace: what the program sees
			 and what the trace stores */
	enum task_state state;
	int in_syscall;       /* between syscall-entry and -exit stops */
	int at_entry;         /* stopped at a syscall-entry stop */
	int entry_logged;     /* an EV_SYSCALL_ENTER for this syscall is out */
	int skipped;          /* the recorder suppressed this syscall */
	int interrupt_pending;/* PTRACE_INTERRUPT sent, its stop not seen */
	int switch_wanted;    /* timeslice over: switch at the next boundary */
	int restart_pending;  /* replay: an ERESTART* result to apply */
	int pending_sig;      /* signal to deliver when it next resumes */
	int last_status;      /* replay: waitpid status of its current stop */
	long nr;              /* current syscall */
	struct user_regs_struct entry_regs;
};

struct task_table {
	struct task *v;
	size_t n, cap;
};

struct task *task_find(struct task_table *tt, pid_t tid);
struct task *task_find_vtid(struct task_table *tt, pid_t vtid);
struct task *task_add(struct task_table *tt, pid_t tid);
void task_remove(struct task_table *tt, pid_t tid);
void task_table_free(struct task_table *tt);

#endif
