/* heisen ps [TRACE]: the processes of a recording, from its events: who
 * forked whom, what each ran, and how each ended. */
#define _GNU_SOURCE
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "cli/cli.h"
#include "core/trace.h"

struct proc {
	int pid, ppid;
	int exited, status;
	char cmd[512];
};

struct ps {
	struct proc *v;
	size_t n, cap;
	struct { int tid, pid; } *threads; /* thread -> its process */
	size_t nthreads, capthreads;
};

static int pid_of(struct ps *ps, int tid)
{
	for (size_t i = 0; i < ps->nthreads; i++)
		if (ps->threads[i].tid == tid)
			return ps->threads[i].pid;
	return tid;
}

static void add_thread(struct ps *ps, int tid, int pid)
{
	if (ps->nthreads == ps->capthreads) {
		ps->capthreads = ps->capthreads ? 2 * ps->capthreads : 64;
		ps->threads = realloc(ps->threads, ps->capthreads * sizeof *ps->threads);
		if (!ps->threads)
			abort();
	}
	ps->threads[ps->nthreads].tid = tid;
	ps->threads[ps->nthreads++].pid = pid;
}

static struct proc *find(struct ps *ps, int pid)
{
	for (size_t i = 0; i < ps->n; i++)
		if (ps->v[i].pid == pid)
			return &ps->v[i];
	return NULL;
}

static struct proc *add(struct ps *ps, int pid, int ppid)
{
	struct proc *known = find(ps, pid);
	if (known) { /* a vforked child execs before its parent's return */
		known->ppid = ppid;
		return known;
	}
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 16;
		ps->v = realloc(ps->v, ps->cap * sizeof *ps->v);
		if (!ps->v)
			abort();
	}
	struct proc *p = &ps->v[ps->n++];
	memset(p, 0, sizeof *p);
	p->pid = pid;
	p->ppid = ppid;
	struct proc *parent = find(ps, ppid);
	if (parent)
		memcpy(p->cmd, parent->cmd, sizeof p->cmd);
	return p;
}

/* argv from the recorded initial stack: argc, then argv pointers into it. */
static void cmdline(const struct event *ev, char *out, size_t len)
{
	const uint8_t *st = ev->exec.stack;
	uint64_t argc, base = ev->exec.stack_addr;
	size_t used = 0;
	out[0] = 0;
	if (ev->exec.stack_len < 8)
		return;
	memcpy(&argc, st, 8);
	for (uint64_t i = 0; i < argc && i < 64; i++) {
		uint64_t ptr;
		if (8 + (i + 1) * 8 > ev->exec.stack_len)
			break;
		memcpy(&ptr, st + 8 + i * 8, 8);
		if (ptr < base || ptr - base >= ev->exec.stack_len)
			break;
		const char *s = (const char *)st + (ptr - base);
		size_t max = ev->exec.stack_len - (ptr - base);
		int n = snprintf(out + used, len - used, "%s%.*s", i ? " " : "",
				 (int)strnlen(s, max), s);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
}

static void on_event(void *ctx, const struct event *ev)
{
	struct ps *ps = ctx;
	int pid = pid_of(ps, (int)ev->tid);
	if (ev->type == EV_EXEC) {
		struct proc *p = find(ps, pid);
		if (!p)
			p = add(ps, pid, ps->n ? 0 : 1);
		cmdline(ev, p->cmd, sizeof p->cmd);
	} else if (ev->type == EV_SYSCALL && ev->sys.result > 0 &&
		   (ev->sys.nr == SYS_fork || ev->sys.nr == SYS_vfork ||
		    ev->sys.nr == SYS_clone)) {
		if (ev->sys.nr == SYS_clone && (ev->sys.args[0] & CLONE_THREAD))
			add_thread(ps, (int)ev->sys.result, pid);
		else
			add(ps, (int)ev->sys.result, pid);
	} else if (ev->type == EV_EXIT && ev->exit.last) {
		struct proc *p = find(ps, pid);
		if (p) {
			p->exited = 1;
			p->status = ev->exit.status;
		}
	}
}

static void print(const struct ps *ps)
{
	printf("%-7s %-7s %-12s %s\n", "PID", "PPID", "EXIT", "CMD");
	for (size_t i = 0; i < ps->n; i++) {
		const struct proc *p = &ps->v[i];
		char how[32] = "running";
		if (p->exited && WIFSIGNALED(p->status))
			snprintf(how, sizeof how, "SIG%s",
				 sigabbrev_np(WTERMSIG(p->status)) ?
				 sigabbrev_np(WTERMSIG(p->status)) : "?");
		else if (p->exited)
			snprintf(how, sizeof how, "%d", WEXITSTATUS(p->status));
		printf("%-7d %-7d %-12s ", p->pid, p->ppid, how);
		cli_put_safe(stdout, p->cmd, 1); /* the trace's argv */
		putchar('\n');
	}
}

int cmd_ps(int argc, char **argv)
{
	const char *trace = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			puts("usage: heisen ps [TRACE]\nList the recorded processes: pid, parent "
			     "pid, exit status or signal, command line (pids as the program saw "
			     "them). 'running' means the recording ended first.");
			return 0;
		} else if (cli_trace_arg("ps", argv[i], &trace)) {
			return EXIT_HEISEN_ERROR;
		}
	}
	char dir[PATH_MAX];
	if (resolve_trace("ps", trace, dir, sizeof dir) < 0)
		return EXIT_HEISEN_ERROR;
	struct ps ps = {0};
	int rc = cli_walk_trace("ps", dir, NULL, on_event, &ps);
	if (rc == 0 || rc == EXIT_INCOMPLETE)
		print(&ps);
	free(ps.v);
	free(ps.threads);
	return rc;
}

