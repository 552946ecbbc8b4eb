/* Starting a recording: the trace header, the launch, and the exec event
 * with everything the replay needs to rebuild the initial process image:
 * the files the kernel mapped, the registers, and the initial stack (argv,
 * envp, auxv and AT_RANDOM's bytes). */
#define _GNU_SOURCE
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/launch.h"
#include "core/ptrace_util.h"

static int count_strings(char **v)
{
	int n = 0;
	while (v && v[n])
		n++;
	return n;
}

static int write_header(struct rec_session *s, struct err *e)
{
	const struct rec_options *o = s->opt;
	struct ev_header h = {0};
	snprintf(h.exe, sizeof h.exe, "%s", o->exe);
	if (!getcwd(h.cwd, sizeof h.cwd))
		h.cwd[0] = 0;
	h.argc = count_strings(o->argv);
	if (h.argc > TRACE_MAX_STRINGS || count_strings(o->envp) > TRACE_MAX_STRINGS)
		return err_set(e, "more than %d arguments or environment strings",
			       TRACE_MAX_STRINGS);
	h.argv = o->argv;
	h.envc = count_strings(o->envp);
	h.envp = o->envp;
	h.cpuid_mode = s->patch.cpuid_faulting ? CPUID_MODE_FAULTING
					       : CPUID_MODE_PATCHING;
	h.cpu = (uint32_t)o->cpu;
	h.timeslice_us = o->timeslice_us;
	h.start_time = (uint64_t)time(NULL);
	if (o->chaos.mode) { /* the settings as the scheduler took them */
		h.chaos_mode = (uint8_t)s->chaos.opt.mode;
		h.chaos_seed = s->chaos.opt.seed;
		h.chaos_depth = s->chaos.opt.depth;
		h.chaos_steps = s->chaos.opt.steps;
	}
	return trace_create(&s->tw, o->dir, &h, e);
}

/* The files the kernel mapped at exec (the program and its interpreter). */
static int record_exec_files(struct rec_session *s, struct task *t, struct err *e)
{
	char path[64], line[PATH_MAX + 128], last[PATH_MAX] = "";
	snprintf(path, sizeof path, "/proc/%d/maps", t->tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return err_sys(e, "cannot read %s", path);
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof line, f)) {
		char *file = strchr(line, '/');
		if (!file)
			continue;
		file[strcspn(file, "\n")] = 0;
		if (strcmp(file, last) == 0)
			continue;
		snprintf(last, sizeof last, "%s", file);
		struct event ev = {.type = EV_MAPFILE};
		ev.mapfile.offset = UINT64_MAX; /* mapped by exec, not mmap */
		snprintf(ev.mapfile.path, sizeof ev.mapfile.path, "%s", file);
		rc = file_store_add(&s->files, file, ev.mapfile.hash,
				    &ev.mapfile.size, e);
		if (rc == 0) {
			rec_put(s, &ev, t);
			s->stats.mapped_files++;
		}
	}
	fclose(f);
	return rc;
}

/* The interpreter a #! file names (its first word), or 0 if path is not
 * a #! file. */
static int script_interpreter(const char *path, char *interp, size_t len)
{
	char head[256] = "";
	FILE *f = path[0] == '/' ? fopen(path, "re") : NULL;
	if (!f)
		return 0;
	size_t n = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[n] = 0;
	if (n < 2 || head[0] != '#' || head[1] != '!')
		return 0;
	char *p = head + 2;
	p += strspn(p, " \t");
	snprintf(interp, len, "%.*s", (int)strcspn(p, " \t\n"), p);
	return 1;
}

/* A #! script is read by the kernel at exec, and so is its interpreter if
 * it is a script too (the kernel follows a few levels): store each with
 * the images. */
#define SCRIPT_LEVELS 5
static int record_scripts(struct rec_session *s, struct task *t, struct err *e)
{
	char path[PATH_MAX], interp[PATH_MAX];
	snprintf(path, sizeof path, "%s", t->exec_path);
	for (int level = 0; level < SCRIPT_LEVELS; level++) {
		if (!script_interpreter(path, interp, sizeof interp))
			return 0;
		struct event ev = {.type = EV_MAPFILE};
		ev.mapfile.offset = UINT64_MAX;
		snprintf(ev.mapfile.path, sizeof ev.mapfile.path, "%s", path);
		if (file_store_add(&s->files, path, ev.mapfile.hash,
				   &ev.mapfile.size, e) < 0)
			return -1;
		rec_put(s, &ev, t);
		snprintf(path, sizeof path, "%s", interp);
	}
	return 0;
}

/* From the stack pointer to the end of the stack mapping. */
static int stack_extent(pid_t tid, uint64_t sp, uint64_t *end, struct err *e)
{
	char path[64], line[512];
	snprintf(path, sizeof path, "/proc/%d/maps", tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return err_sys(e, "cannot read %s", path);
	*end = 0;
	while (fgets(line, sizeof line, f)) {
		unsigned long long lo, hi;
		if (sscanf(line, "%llx-%llx", &lo, &hi) == 2 && sp >= lo && sp < hi)
			*end = hi;
	}
	fclose(f);
	return *end ? 0 : err_set(e, "no stack mapping around 0x%llx",
				  (unsigned long long)sp);
}

static struct task *sibling_in_exec(struct rec_session *s, const struct task *t)
{
	for (size_t i = 0; i < s->tasks.n; i++) {
		struct task *o = &s->tasks.v[i];
		if (o != t && o->tgid == t->tgid && o->in_syscall &&
		    (o->nr == SYS_execve || o->nr == SYS_execveat))
			return o;
	}
	return NULL;
}

int rec_exit_by_exec(struct rec_session *s, struct task *t, int32_t status)
{
	if (!sibling_in_exec(s, t))
		return 0;
	if (t->tid != t->tgid && s->ndeferred_exits < 64)
		s->deferred_exits[s->ndeferred_exits++] =
			(struct deferred_exit){t->tgid, t->vtid, status};
	return 1;
}

struct task *rec_exec_task(struct rec_session *s, pid_t tid)
{
	pid_t former = (pid_t)pt_eventmsg(tid);
	struct task *t = task_find(&s->tasks, former);
	if (former == tid || !t)
		return task_find(&s->tasks, tid);
	/* The exec'ing thread takes the leader's tid; the leader's task
	 * goes (it is not reported dead). The exec event keeps the
	 * thread's own vtid, so that the replay knows who ran execve;
	 * rec_exec_event gives it the leader's afterwards. */
	task_remove(&s->tasks, tid);
	t = task_find(&s->tasks, former);
	t->tid = tid;
	return t;
}

/* The exits the exec caused, now that the exec is in the trace. */
static void put_deferred_exits(struct rec_session *s, pid_t tgid)
{
	int kept = 0;
	for (int i = 0; i < s->ndeferred_exits; i++) {
		struct deferred_exit *d = &s->deferred_exits[i];
		if (d->tgid != tgid) {
			s->deferred_exits[kept++] = *d;
			continue;
		}
		struct event ev = {.type = EV_EXIT};
		ev.tid = (uint32_t)d->vtid;
		ev.exit.status = d->status;
		trace_put(&s->tw, &ev);
	}
	s->ndeferred_exits = kept;
}

int rec_exec_event(struct rec_session *s, struct task *t, struct err *e)
{
	struct event ev = {.type = EV_EXEC};
	/* new code: found again (the kernel cleared the debug registers) */
	memset(t->planned_site, 0, sizeof t->planned_site);
	memset(t->planned_kind, 0, sizeof t->planned_kind);
	memset(t->planned_hits, 0, sizeof t->planned_hits);
	t->planned_chosen = 0;
	t->planned_tries = 0;
	uint64_t end;
	if (record_scripts(s, t, e) < 0 || record_exec_files(s, t, e) < 0 ||
	    pt_getregs(t->tid, &ev.exec.regs, e) < 0 ||
	    stack_extent(t->tid, ev.exec.regs.rsp, &end, e) < 0)
		return -1;
	uint64_t len = end - ev.exec.regs.rsp;
	if (len > TRACE_MAX_RECORD / 2)
		return err_set(e, "initial stack of %llu bytes is too large",
			       (unsigned long long)len);
	uint8_t *stack = malloc(len);
	if (!stack || mem_read(t->tid, ev.exec.regs.rsp, stack, len, e) < 0) {
		free(stack);
		return err_wrap(e, "reading the initial stack");
	}
	snprintf(ev.exec.fdpath, sizeof ev.exec.fdpath, "%s", t->exec_fdpath);
	t->exec_fdpath[0] = 0;
	char link[64];
	snprintf(link, sizeof link, "/proc/%d/cwd", t->tid);
	ssize_t n = readlink(link, ev.exec.cwd, sizeof ev.exec.cwd - 1);
	ev.exec.cwd[n > 0 && ev.exec.cwd[0] == '/' ? n : 0] = 0;
	char *gone = strstr(ev.exec.cwd, " (deleted)"); /* a removed directory */
	if (gone && !gone[10])
		*gone = 0;
	ev.exec.stack_addr = ev.exec.regs.rsp;
	ev.exec.stack = stack;
	ev.exec.stack_len = (uint32_t)len;
	rec_put(s, &ev, t);
	free(stack);
	t->vtid = ns_tid(t->tid); /* the leader's, after a non-leader exec */
	put_deferred_exits(s, t->tgid);
	if (patch_exec(&s->patch, t->tid, e) < 0)
		return -1;
	return rec_vfork_released(s, t, e);
}

int rec_start(struct rec_session *s, struct err *e)
{
	const struct rec_options *o = s->opt;
	if (o->chaos.mode)
		chaos_init(&s->chaos, &o->chaos);
	s->patch.cpuid_faulting = !o->cpuid_patching && cpuid_faulting_available();
	s->patch.cpuid_patching = !s->patch.cpuid_faulting;
	s->patch.yield_sites = (o->chaos.mode & CHAOS_YIELDS) != 0;
	if (pin_to_cpu(o->cpu, e) < 0 || write_header(s, e) < 0)
		return -1;
	file_store_init(&s->files, o->dir);
	s->self = getpid();
	s->ranges = calloc(REC_MAX_RANGES, sizeof *s->ranges);
	s->blobs = calloc(REC_MAX_RANGES, sizeof *s->blobs);
	if (!s->ranges || !s->blobs)
		return err_set(e, "out of memory");
	struct launch_opts lo = {
		.exe = o->exe, .argv = o->argv, .envp = o->envp, .cpu = o->cpu,
		.cpuid_faulting = s->patch.cpuid_faulting,
	};
	struct launched l;
	if (launch_program(&lo, &l, e) < 0)
		return -1;
	s->init_pid = l.init;
	s->leader = l.tid;
	struct task *t = task_add(&s->tasks, l.tid);
	t->vtid = ns_tid(l.tid);
	t->state = T_READY;
	t->tgid = l.tid;
	/* PROG itself may be a #! script: stored like a later exec's */
	snprintf(t->exec_path, sizeof t->exec_path, "%s", o->exe);
	/* launch_program left the program at execve's exit stop */
	if (rec_exec_event(s, t, e) < 0 || patch_exec_done(&s->patch, t->tid, &t->yield, e) < 0)
		return -1;
	rec_yield_exec(s, t);
	rec_chaos_start(s, t);
	return 0;
}
