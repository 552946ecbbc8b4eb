#define _GNU_SOURCE
#include "launch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/seccomp.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mounts.h"
#include "ptrace_util.h"
#include "tsc.h"

int pin_to_cpu(int cpu, struct err *e)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof set, &set) < 0)
		return err_sys(e, "cannot pin to CPU %d", cpu);
	return 0;
}

/* Report a setup failure in a child through the error pipe and die. */
static void child_fail(int errfd, const char *what)
{
	char msg[512];
	int n = snprintf(msg, sizeof msg, "%s: %s", what, strerror(errno));
	if (write(errfd, msg, (size_t)n) < 0) {
		/* nothing more to do: the parent sees the exit */
	}
	_exit(127);
}

static void program_child(const struct launch_opts *o, int errfd)
{
	struct err e;
	if (pin_to_cpu(o->cpu, &e) < 0)
		child_fail(errfd, "cannot pin to CPU");
	if (personality(ADDR_NO_RANDOMIZE) < 0)
		child_fail(errfd, "cannot disable address randomisation");
	if (prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0) < 0)
		child_fail(errfd, "cannot make rdtsc trap");
	if (o->replay) {
		int fd = open("/dev/null", O_RDONLY);
		if (fd < 0 || dup2(fd, 0) < 0)
			child_fail(errfd, "cannot redirect stdin");
		close(fd);
	}
	/* last: from here on only what the filter allows, execve among it */
	if (o->filter && (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
			  prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, o->filter) < 0))
		child_fail(errfd, "cannot install the replay's seccomp filter");
	execve(o->exe, o->argv, o->envp);
	char what[PATH_MAX + 32];
	snprintf(what, sizeof what, "cannot run %s", o->exe);
	child_fail(errfd, what);
}

/* A setup failure with a message of our own (errno says nothing). */
static void child_fail_msg(int errfd, const char *msg)
{
	if (write(errfd, msg, strlen(msg)) < 0) {
		/* nothing more to do: the parent sees the exit */
	}
	_exit(127);
}

/* Every mount of the namespace nosuid. An exec of a set-user-ID or
 * set-group-ID file (passwd, sudo, ping's file capabilities) otherwise
 * turns address space randomization back on (the kernel clears
 * ADDR_NO_RANDOMIZE for it), and the replay, whose copies of the files
 * have no such bits, could not place the image where the recording had
 * it. heisen runs as root, so such a program owned by root runs as it
 * would natively for root. */
#ifndef MOUNT_ATTR_NOSUID
#define MOUNT_ATTR_NOSUID 0x00000002
#endif
#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif
struct mount_attr_v0 { uint64_t attr_set, attr_clr, propagation, userns_fd; };

#ifndef MOUNT_ATTR_RDONLY
#define MOUNT_ATTR_RDONLY 0x00000001
#endif

static int set_mount_attr(const char *path, unsigned flags, uint64_t set, uint64_t clr)
{
	struct mount_attr_v0 a = {.attr_set = set, .attr_clr = clr};
	return (int)syscall(SYS_mount_setattr, AT_FDCWD, path, flags, &a, sizeof a);
}

static int all_nosuid(void)
{
	return set_mount_attr("/", AT_RECURSIVE, MOUNT_ATTR_NOSUID, 0);
}

/* The replay writes nothing through the program: its writes are emulated.
 * A read-only view holds even if one were performed by mistake. The
 * replay's shared-memory copies (rw_dir) stay writable: the program maps
 * them shared. */
static void read_only_but(const char *rw_dir, int errfd)
{
	if (rw_dir && mount(rw_dir, rw_dir, NULL, MS_BIND, NULL) < 0)
		child_fail(errfd, "cannot bind the replay's shared-memory directory");
	if (set_mount_attr("/", AT_RECURSIVE, MOUNT_ATTR_RDONLY, 0) < 0)
		child_fail(errfd, "cannot make the replay's file system read-only");
	if (rw_dir && set_mount_attr(rw_dir, 0, 0, MOUNT_ATTR_RDONLY) < 0)
		child_fail(errfd, "cannot make the replay's shared-memory directory writable");
}

/* The program's own mount namespace, at record and replay: a /proc of
 * its pid namespace, so that /proc/self, /proc/<getpid()> and the tids it
 * sees name it; no set-user-ID; for replay, the trace's copies over the
 * executed files. */
static void setup_mounts(const struct launch_opts *o, int errfd)
{
	static struct replay_fs fs = REPLAY_FS_INIT; /* this process only */
	struct err e = {{0}, 0};
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		child_fail(errfd, "cannot make mounts private");
	if (all_nosuid() < 0)
		child_fail(errfd, "cannot make mounts nosuid");
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		child_fail(errfd, "cannot mount a /proc for the program");
	/* every path first: an overlay made after a bind below it would be
	 * refused (it would hide the bind) */
	struct fs_path paths[MOUNTS_MAX_PATHS];
	if (o->ndirs + o->nbinds > MOUNTS_MAX_PATHS)
		child_fail_msg(errfd, "more executed files and directories than the replay can place");
	for (int i = 0; i < o->ndirs; i++)
		paths[i] = (struct fs_path){o->dirs[i], 1, 0};
	for (int i = 0; i < o->nbinds; i++)
		paths[o->ndirs + i] = (struct fs_path){o->binds[i].dst, 0, 0};
	if (replay_fs_ensure_all(&fs, paths, o->ndirs + o->nbinds, &e) < 0)
		child_fail_msg(errfd, e.msg);
	for (int i = 0; i < o->nbinds; i++) {
		if (mount(o->binds[i].src, o->binds[i].dst, NULL, MS_BIND, NULL) < 0) {
			char what[2 * PATH_MAX + 64];
			snprintf(what, sizeof what, "cannot bind %s over %s",
				 o->binds[i].src, o->binds[i].dst);
			child_fail(errfd, what);
		}
	}
	replay_fs_close(&fs);
	if (o->replay)
		read_only_but(o->rw_dir, errfd);
}

/* pid 1 of the namespace: start the program, then reap until none is left.
 * Exits with the program's status so nothing of it is lost. */
static void init_child(const struct launch_opts *o, int syncfd, int errfd)
{
	char c;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* rdtsc traps in what heisen starts (launch_program), but this init
	 * is not recorded: its own clock reads (the vDSO's, a sanitizer's)
	 * must not fault. The program's child traps again (program_child). */
	prctl(PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0);
	/* Its own session and process group, which the program inherits: a
	 * kill(0, ...) or a terminal's signals to heisen's group never reach
	 * the other side. (Its stdin, stdout and stderr stay heisen's, a
	 * terminal included, but not as its controlling terminal.) */
	if (setsid() < 0)
		child_fail(errfd, "cannot start a session");
	setup_mounts(o, errfd);
	if (read(syncfd, &c, 1) != 1) /* wait until the tracer has seized us */
		_exit(125);
	close(syncfd);
	pid_t prog = fork();
	if (prog < 0)
		child_fail(errfd, "cannot fork");
	if (prog == 0)
		program_child(o, errfd);
	close(errfd);
	int status, prog_status = 0;
	pid_t r;
	while ((r = wait(&status)) > 0 || (r < 0 && errno == EINTR))
		if (r == prog)
			prog_status = status;
	if (WIFSIGNALED(prog_status))
		_exit(128 + WTERMSIG(prog_status));
	_exit(WEXITSTATUS(prog_status));
}

static int read_child_error(int errfd, pid_t init, struct err *e)
{
	char msg[512];
	ssize_t n = read(errfd, msg, sizeof msg - 1);
	kill(init, SIGKILL);
	waitpid(init, NULL, __WALL);
	if (n > 0) {
		msg[n] = 0;
		return err_set(e, "%s", msg);
	}
	return err_set(e, "the program could not be started");
}

/* Take the program over from our reaper: its fork event names it. */
static int adopt_program(pid_t init, pid_t *tid, struct err *e)
{
	int status;
	for (;;) {
		if (pt_wait(init, &status, e) < 0)
			return -1;
		if (stop_classify(status) == STOP_EXITED)
			return err_set(e, "the namespace init exited early");
		if (stop_classify(status) == STOP_EVENT &&
		    stop_event(status) == PTRACE_EVENT_FORK)
			break;
		/* the seize's own stops: keep it going; a signal (a fault)
		 * goes through, so that a faulting init dies and says so
		 * instead of faulting again for ever */
		int sig = stop_classify(status) == STOP_SIGNAL ? WSTOPSIG(status) : 0;
		if (pt_cont(init, sig, e) < 0)
			return -1;
	}
	*tid = (pid_t)pt_eventmsg(init);
	if (ptrace(PTRACE_DETACH, init, 0, 0) < 0)
		return err_sys(e, "cannot detach from the namespace init");
	return 0;
}

/* From the exec event on to execve's own syscall-exit stop, so that both
 * record and replay start from a syscall boundary. */
static int finish_execve(pid_t tid, struct err *e)
{
	int status;
	if (pt_syscall(tid, 0, e) < 0 || pt_wait(tid, &status, e) < 0)
		return -1;
	if (stop_classify(status) != STOP_SYSCALL)
		return err_set(e, "unexpected stop 0x%x after exec", status);
	return 0;
}

static int run_to_exec(pid_t tid, struct err *e)
{
	int status;
	for (;;) {
		if (pt_wait(tid, &status, e) < 0)
			return -1;
		enum stop_kind k = stop_classify(status);
		if (k == STOP_EXITED)
			return 1;
		if (k == STOP_EVENT && stop_event(status) == PTRACE_EVENT_EXEC)
			return finish_execve(tid, e);
		int sig = k == STOP_SIGNAL ? WSTOPSIG(status) : 0;
		if (pt_cont(tid, sig, e) < 0)
			return -1;
	}
}

int launch_program(const struct launch_opts *o, struct launched *out,
		   struct err *e)
{
	int syncp[2], errp[2];
	/* Before the clone: our init and the program inherit it, and switches
	 * between us and them then leave CR4 alone (core/tsc.h). */
	if (tsc_trap_self(e) < 0 || (o->cpuid_faulting && cpuid_trap_self(e) < 0))
		return -1;
	if (pipe2(syncp, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0)
		return err_sys(e, "pipe");
	/* replay: no network either, the program's sockets were emulated */
	long flags = CLONE_NEWPID | CLONE_NEWNS | (o->replay ? CLONE_NEWNET : 0) | SIGCHLD;
	pid_t init = (pid_t)syscall(SYS_clone, flags, 0, 0, 0, 0);
	if (init < 0)
		return err_sys(e, "cannot create a pid namespace (heisen needs root, or CAP_SYS_ADMIN "
				"and CAP_SYS_PTRACE)");
	if (init == 0) {
		close(syncp[1]);
		close(errp[0]);
		init_child(o, syncp[0], errp[1]);
	}
	close(syncp[0]);
	close(errp[1]);
	int rc = -1;
	if (ptrace(PTRACE_SEIZE, init, 0, HEISEN_PTRACE_OPTIONS) < 0) {
		err_sys(e, "cannot trace the program (PTRACE_SEIZE)");
		kill(init, SIGKILL);
		waitpid(init, NULL, 0);
		goto out;
	}
	if (write(syncp[1], "g", 1) != 1 || adopt_program(init, &out->tid, e) < 0) {
		if (!e->msg[0])
			err_sys(e, "cannot start the namespace init");
		rc = read_child_error(errp[0], init, e);
		goto out;
	}
	out->init = init;
	rc = run_to_exec(out->tid, e);
	if (rc == 1)
		rc = read_child_error(errp[0], init, e);
out:
	close(syncp[1]);
	close(errp[0]);
	return rc;
}

/* Resume every thread we trace that sits in a ptrace stop, wherever
 * /proc finds it: a stop already reported (and not resumed, after a
 * divergence or an error) would never be reported again. */
static void resume_all_traced(void)
{
	DIR *procs = opendir("/proc");
	if (!procs)
		return;
	pid_t self = getpid();
	struct dirent *p;
	while ((p = readdir(procs))) {
		char path[300];
		if (p->d_name[0] < '1' || p->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/task", p->d_name);
		DIR *tasks = opendir(path);
		if (!tasks)
			continue;
		struct dirent *t;
		while ((t = readdir(tasks))) {
			if (t->d_name[0] < '1' || t->d_name[0] > '9')
				continue;
			char line[128];
			snprintf(path, sizeof path, "/proc/%s/task/%s/status", p->d_name, t->d_name);
			FILE *f = fopen(path, "re");
			if (!f)
				continue;
			pid_t tracer = 0;
			while (fgets(line, sizeof line, f))
				if (sscanf(line, "TracerPid: %d", &tracer) == 1)
					break;
			fclose(f);
			if (tracer == self)
				ptrace(PTRACE_CONT, (pid_t)atoi(t->d_name), 0, 0);
		}
		closedir(tasks);
	}
	closedir(procs);
}

void kill_tree(pid_t init, const pid_t *tids, size_t n)
{
	if (init > 0)
		kill(init, SIGKILL);
	for (size_t i = 0; i < n; i++)
		kill(tids[i], SIGKILL);
	/* A killed tracee still stops at its exit event: let each go on until
	 * nothing is left to reap. Stops reported before (and not resumed)
	 * are found through /proc whenever nothing else is ready. */
	int status;
	for (;;) {
		pid_t r = waitpid(-1, &status, __WALL | WNOHANG);
		if (r == 0) {
			resume_all_traced();
			r = waitpid(-1, &status, __WALL);
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		if (WIFSTOPPED(status))
			ptrace(PTRACE_CONT, r, 0, 0);
	}
}
