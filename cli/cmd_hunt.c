/* heisen hunt: record a command again and again under the chaos scheduler,
 * each run with a new seed, until one fails; keep that trace. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/trace.h"
#include "recorder/chaos.h"

#define HUNT_MAX_JOBS 64

static const char hunt_usage[] =
	"usage: heisen hunt [--runs N] [--timeout S] [--jobs J] [-o DIR] [--seed BASE]\n"
	"                   [--chaos-mode M] -- CMD [ARGS...]\n"
	"Record CMD under `heisen record --chaos`, a new seed each run, until a run\n"
	"fails: a non-zero exit, death by a signal, a deadlock (every thread asleep\n"
	"where only another could wake it: reported at once, with each thread's\n"
	"stack), or no exit within the timeout (then the recording is stopped with\n"
	"SIGINT, and its trace shows the hang).\n"
	"The failing trace is kept, the passing ones are deleted.\n"
	"  --runs N       at most N runs (default 100)\n"
	"  --timeout S    a run that takes more than S seconds has failed (default 60)\n"
	"  --jobs J       J recordings at a time, each pinned to its own CPU (default 1)\n"
	"  -o DIR         where the runs go (default $HEISEN_TRACE_DIR/hunt-N)\n"
	"  --seed BASE    run K uses seed BASE+K (default: a random BASE)\n"
	"  --chaos-mode M as for record, or mix (the default): runs take turns\n"
	"                 with pct+planned+access, pos, walk, lifo+access and\n"
	"                 default+handoff, the first and the fourth with\n"
	"                 --conflict-sites (those the pos and walk runs saw);\n"
	"                 the default alone once a run made more than 50000\n"
	"                 shared-memory accesses (pos, walk and directed runs\n"
	"                 stop at each one). Each run's count\n"
	"                 of accesses sets the next runs' --pct-accesses\n"
	"Exit status: 1 when a failure was caught, 0 when none came in N runs,\n"
	"2 on a usage or setup error.\n";

struct hunt {
	int runs, jobs;
	double timeout;
	const char *mode;
	uint64_t base;
	uint64_t accesses; /* the most any run made so far (0: none known) */
	/* the conflicting sites seen so far (pos and walk runs print them) */
	uint64_t sites[CHAOS_MAX_CONFLICT_SITES];
	unsigned nsites;
	char dir[PATH_MAX];
	char self[PATH_MAX];
	char **cmd;
};

struct job {
	pid_t pid;
	int pidfd;
	int run;
	const char *mode;  /* its --chaos-mode */
	uint64_t accesses; /* its --pct-accesses (0: none given) */
	char sites[CHAOS_MAX_CONFLICT_SITES * 20]; /* its --conflict-sites ("": none) */
	double started;
	int timed_out;
};

/* Ctrl-C: stop the recordings cleanly and say what was found. */
static volatile sig_atomic_t hunt_interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	hunt_interrupted = 1;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "heisen hunt: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see heisen hunt --help)\n");
	return 2;
}

static int parse(int argc, char **argv, struct hunt *h)
{
	const char *dir = NULL;
	int seeded = 0, i = 1;
	h->runs = 100;
	h->jobs = 1;
	h->timeout = 60;
	h->mode = "mix";
	/* every option takes a value: two arguments at a time */
	for (; i < argc; i += 2) {
		const char *o = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end = NULL;
		if (!strcmp(o, "--")) {
			i++;
			break;
		} else if (!strcmp(o, "--runs") && v) {
			h->runs = (int)strtol(v, &end, 10);
			if (*end || h->runs < 1)
				return usage_error("bad --runs '%s'", v);
		} else if (!strcmp(o, "--timeout") && v) {
			h->timeout = strtod(v, &end);
			if (*end || h->timeout <= 0)
				return usage_error("bad --timeout '%s'", v);
		} else if (!strcmp(o, "--jobs") && v) {
			h->jobs = (int)strtol(v, &end, 10);
			if (*end || h->jobs < 1 || h->jobs > HUNT_MAX_JOBS)
				return usage_error("bad --jobs '%s' (1..64)", v);
		} else if (!strcmp(o, "-o") && v) {
			dir = v;
		} else if (!strcmp(o, "--seed") && v) {
			h->base = strtoull(v, &end, 0);
			if (*end)
				return usage_error("bad --seed '%s'", v);
			seeded = 1;
		} else if (!strcmp(o, "--chaos-mode") && v) {
			if (strcmp(v, "mix") && chaos_mode_parse(v) < 0)
				return usage_error("--chaos-mode is pct, slices, planned, access, pos, walk, lifo, handoff "
						   "(joined by ',' or '+'), both, default or mix, "
						   "not '%s'", v);
			h->mode = v;
		} else {
			return usage_error("unknown option '%s'", o);
		}
	}
	if (i >= argc)
		return usage_error("%s", "no command given");
	h->cmd = argv + i;
	if (!seeded && getrandom(&h->base, sizeof h->base, 0) != sizeof h->base)
		h->base = (uint64_t)time(NULL);
	h->base &= (1ull << 48) - 1; /* short enough to type */
	if (dir) {
		snprintf(h->dir, sizeof h->dir, "%s", dir);
	} else {
		char root[PATH_MAX];
		trace_root(root, sizeof root);
		for (int n = 0;; n++) {
			snprintf(h->dir, sizeof h->dir, "%s/hunt-%d", root, n);
			if (access(h->dir, F_OK) != 0)
				break;
		}
	}
	ssize_t n = readlink("/proc/self/exe", h->self, sizeof h->self - 1);
	if (n <= 0)
		return usage_error("%s", "cannot find the heisen binary");
	h->self[n] = 0;
	return 0;
}

/* The hunt's directory, made with its parents if missing (0700: its runs
 * are traces). It must hold nothing yet: its runs' traces are made fresh
 * (trace_dir_create), and an earlier hunt's run-N would stop this one's. */
static int make_hunt_dir(const char *path)
{
	cli_mkdir_parents(path);
	if (mkdir(path, TRACE_DIR_MODE) < 0 && errno != EEXIST)
		return -1;
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent *ent;
	int empty = 1;
	while (empty && (ent = readdir(d)))
		empty = !strcmp(ent->d_name, ".") || !strcmp(ent->d_name, "..");
	closedir(d);
	if (!empty)
		errno = ENOTEMPTY;
	return empty ? 0 : -1;
}

static void run_dir(const struct hunt *h, int run, char *out, size_t len)
{
	snprintf(out, len, "%s/run-%d", h->dir, run);
}

/* mix: a portfolio, each strategy catching what the others miss
 * (docs/PERFORMANCE.md), in turn: the default, pos, the random walk,
 * lifo priorities (later threads overtake earlier ones) and handoff (a
 * switch at every unlock), the default and lifo directed by the
 * conflicting sites the pos and walk runs found. Only where a stop at
 * every access stays cheap (not in the first run, whose count is not
 * known yet); a larger program (the race targets' servers) gets the
 * default, undirected, in every run. */
#define MIX_POS_MAX_ACCESSES 50000

static const struct mix_turn {
	const char *mode;
	int directed; /* with --conflict-sites, once some are known */
} mix_turns[] = {
	{"default", 1}, {"pos", 0}, {"walk", 0}, {"lifo+access", 1}, {"default+handoff", 0},
};

static const struct mix_turn *run_turn(const struct hunt *h, int run)
{
	static const struct mix_turn plain = {"default", 0};
	static struct mix_turn given;
	given.mode = h->mode;
	if (strcmp(h->mode, "mix"))
		return &given;
	int cheap = h->accesses && h->accesses <= MIX_POS_MAX_ACCESSES;
	return cheap ? &mix_turns[run % (int)(sizeof mix_turns / sizeof mix_turns[0])] : &plain;
}

/* The sites as --conflict-sites takes them. */
static void format_sites(const struct hunt *h, char *out, size_t len)
{
	size_t at = 0;
	out[0] = 0;
	for (unsigned i = 0; i < h->nsites && at < len; i++)
		at += (size_t)snprintf(out + at, len - at, "%s0x%llx", i ? "," : "",
				       (unsigned long long)h->sites[i]);
}

static int start(const struct hunt *h, struct job *j, int run, int cpu)
{
	char dir[PATH_MAX], log[PATH_MAX + 8], seed[32], cpus[16], acc[32];
	run_dir(h, run, dir, sizeof dir);
	snprintf(log, sizeof log, "%s.log", dir);
	snprintf(seed, sizeof seed, "%llu", (unsigned long long)(h->base + (uint64_t)run));
	snprintf(cpus, sizeof cpus, "%d", cpu);
	size_t n = 0;
	while (h->cmd[n])
		n++;
	char **argv = calloc(n + 24, sizeof *argv); /* fixed[], 4 options, "--", NULL */
	if (!argv)
		return -1;
	size_t k = 0;
	const struct mix_turn *turn = run_turn(h, run);
	const char *mode = turn->mode;
	j->sites[0] = 0;
	if (turn->directed && h->nsites)
		format_sites(h, j->sites, sizeof j->sites);
	const char *fixed[] = {h->self, "record", "--stats", "--chaos-mode", mode, "--seed",
			       seed, "--cpu", cpus, "-o", dir};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		argv[k++] = (char *)fixed[i];
	snprintf(acc, sizeof acc, "%llu", (unsigned long long)h->accesses);
	if (h->accesses) {
		argv[k++] = "--pct-accesses";
		argv[k++] = acc;
	}
	if (j->sites[0]) {
		argv[k++] = "--conflict-sites";
		argv[k++] = j->sites;
	}
	argv[k++] = "--";
	for (size_t i = 0; i < n; i++)
		argv[k++] = h->cmd[i];
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			      TRACE_FILE_MODE);
		int null = open("/dev/null", O_RDONLY);
		if (fd < 0 || null < 0 || dup2(null, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
			_exit(125);
		setpgid(0, 0); /* its own group: a timeout stops all of it */
		execv(h->self, argv);
		_exit(127);
	}
	free(argv);
	if (pid < 0)
		return -1;
	j->pid = pid;
	j->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	j->run = run;
	j->mode = mode;
	j->accesses = h->accesses;
	j->started = now_s();
	j->timed_out = 0;
	return j->pidfd < 0 ? -1 : 0;
}

/* What a finished run's --stats lines tell the next runs. PCT's bound
 * needs the run's length: the accesses it made. (Its syscalls are left
 * out: change points among them, placed within the run, caught less on the
 * bug kernels.) A pos or walk run also names the sites of the conflicting
 * accesses it saw, for the directed runs (at most
 * CHAOS_MAX_CONFLICT_SITES, the first seen). */
static void learn_sites(struct hunt *h, char *list)
{
	uint64_t seen[CHAOS_MAX_CONFLICT_SITES];
	list[strcspn(list, "\n")] = 0;
	int n = cli_parse_sites(list, seen, CHAOS_MAX_CONFLICT_SITES);
	for (int k = 0; k < n && h->nsites < CHAOS_MAX_CONFLICT_SITES; k++) {
		int known = 0;
		for (unsigned i = 0; i < h->nsites; i++)
			known |= h->sites[i] == seen[k];
		if (!known)
			h->sites[h->nsites++] = seen[k];
	}
}

static void learn_from_log(struct hunt *h, const char *log)
{
	FILE *f = fopen(log, "re");
	char line[CHAOS_MAX_CONFLICT_SITES * 20 + 64];
	while (f && fgets(line, sizeof line, f)) {
		if (!strncmp(line, "heisen: stats: conflicting sites ", 33))
			learn_sites(h, line + 33);
		const char *p = strstr(line, "site executions ");
		unsigned long long n;
		if (p && sscanf(p, "site executions %llu", &n) == 1 && n > h->accesses &&
		    n <= 1000000000000ull)
			h->accesses = n;
	}
	if (f)
		fclose(f);
}

/* " word", quoted for a shell if it needs to be. */
static void print_shell_word(const char *w)
{
	if (*w && strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789_./=:,+-@%") == strlen(w)) {
		printf(" %s", w);
		return;
	}
	printf(" '");
	for (; *w; w++)
		if (*w == '\'')
			printf("'\\''");
		else
			putchar(*w);
	putchar('\'');
}

/* How to record the caught run's schedule again: its mode and settings. */
static void print_record_again(const struct job *j, unsigned long long seed, char **cmd)
{
	printf("again: heisen record --chaos-mode %s --seed %llu", j->mode, seed);
	if (j->accesses)
		printf(" --pct-accesses %llu", (unsigned long long)j->accesses);
	if (j->sites[0])
		printf(" --conflict-sites %s", j->sites);
	printf(" --");
	for (size_t i = 0; cmd[i]; i++)
		print_shell_word(cmd[i]);
	printf("\n");
}

/* A run that ended in a deadlock: the recorder's report, from its log.
 * Returns 0 if there is none (the program's own exit status 124). */
static int print_deadlock(const char *log, int run)
{
	FILE *f = fopen(log, "re");
	char line[1024];
	int found = 0;
	while (f && fgets(line, sizeof line, f)) {
		if (!found && !strncmp(line, "heisen: deadlock:", 17)) {
			printf("heisen hunt: run %d deadlocked\n", run);
			found = 1;
		}
		if (found && !strncmp(line, "heisen: ", 8) && strncmp(line, "heisen: trace", 13) &&
		    strncmp(line, "heisen: stats", 13))
			fputs(line, stdout);
	}
	if (f)
		fclose(f);
	return found;
}

static void remove_tree(const char *path)
{
	pid_t pid = fork();
	if (pid == 0) {
		execlp("rm", "rm", "-rf", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/* Wait for a job to end, stopping those past the timeout (SIGINT: the
 * recording ends cleanly). Returns the index of the job that ended. */
static int wait_any(const struct hunt *h, struct job *jobs, int n, int *status)
{
	for (;;) {
		struct pollfd p[HUNT_MAX_JOBS];
		double t = now_s(), next = 1.0;
		for (int i = 0; i < n; i++) {
			p[i] = (struct pollfd){jobs[i].pidfd, POLLIN, 0};
			double left = jobs[i].started + h->timeout - t;
			if (left <= 0 && !jobs[i].timed_out) {
				/* to the recorder alone: it ends the recording
				 * and the program, whose trace shows the hang */
				jobs[i].timed_out = 1;
				kill(jobs[i].pid, SIGINT);
			}
			if (left > 0 && left < next)
				next = left;
		}
		int r = poll(p, (nfds_t)n, (int)(next * 1000) + 1);
		if (r < 0 && errno != EINTR)
			return -1;
		if (hunt_interrupted)
			for (int i = 0; i < n; i++)
				if (!jobs[i].timed_out) {
					jobs[i].timed_out = 2; /* not a failure: we stop */
					kill(jobs[i].pid, SIGINT);
				}
		for (int i = 0; i < n && r > 0; i++)
			if (p[i].revents) {
				while (waitpid(jobs[i].pid, status, 0) < 0 && errno == EINTR)
					;
				close(jobs[i].pidfd);
				return i;
			}
	}
}

static void progress(int runs, int failures, double t0)
{
	double dt = now_s() - t0;
	fprintf(stderr, "\rheisen hunt: %d runs, %d failures, %.1f s, %.2f runs/s ", runs,
		failures, dt, dt > 0 ? runs / dt : 0.0);
}

int cmd_hunt(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(hunt_usage, stdout);
		return 0;
	}
	struct hunt h = {0};
	int rc = parse(argc, argv, &h);
	if (rc)
		return rc;
	if (make_hunt_dir(h.dir) < 0) {
		fprintf(stderr, "heisen hunt: cannot hunt into %s: %s\n", h.dir, strerror(errno));
		return 2;
	}
	cpu_set_t set;
	int cpus[CPU_SETSIZE], ncpu = 0;
	if (sched_getaffinity(0, sizeof set, &set) == 0)
		for (int c = 0; c < CPU_SETSIZE; c++)
			if (CPU_ISSET(c, &set))
				cpus[ncpu++] = c;
	if (!ncpu)
		cpus[ncpu++] = 0;
	int tty = isatty(2), started = 0, done = 0, caught = -1, caught_status = 0;
	struct job caught_job = {0};
	struct job jobs[HUNT_MAX_JOBS];
	int njobs = 0;
	double t0 = now_s();
	struct sigaction sa = {.sa_handler = on_interrupt};
	sigaction(SIGINT, &sa, NULL); /* reset to default in the recorders */
	sigaction(SIGTERM, &sa, NULL);
	while ((started < h.runs && caught < 0 && !hunt_interrupted) || njobs > 0) {
		while (njobs < h.jobs && started < h.runs && caught < 0 && !hunt_interrupted) {
			if (start(&h, &jobs[njobs], started, cpus[njobs % ncpu]) < 0) {
				fprintf(stderr, "heisen hunt: cannot start run %d: %s\n", started,
					strerror(errno));
				return 2;
			}
			njobs++;
			started++;
		}
		int status, i = wait_any(&h, jobs, njobs, &status);
		if (i < 0) {
			fprintf(stderr, "heisen hunt: %s\n", strerror(errno));
			return 2;
		}
		struct job j = jobs[i];
		jobs[i] = jobs[--njobs];
		done++;
		/* A run stopped at the timeout hung only if the recorder ended
		 * it (128 + SIGINT); a program that exited by itself as the
		 * signal came gets its own verdict. */
		int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
		int hung = j.timed_out == 1 && WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGINT;
		int failed = j.timed_out != 2 && !ok;
		char dir[PATH_MAX], log[PATH_MAX + 8];
		run_dir(&h, j.run, dir, sizeof dir);
		snprintf(log, sizeof log, "%s.log", dir);
		if (failed && caught < 0) {
			caught = j.run;
			caught_job = j;
			caught_status = hung ? -1 : status;
		} else if (!failed || caught != j.run) {
			learn_from_log(&h, log);
			remove_tree(dir);
			unlink(log);
		}
		if (tty)
			progress(done, caught >= 0, t0);
	}
	if (tty)
		fputc('\n', stderr);
	if (caught < 0 && hunt_interrupted) {
		printf("heisen hunt: interrupted: no failure in %d runs (%.1f s)\n", done,
		       now_s() - t0);
		rmdir(h.dir);
		return 130;
	}
	if (caught < 0) {
		printf("heisen hunt: no failure in %d runs (%.1f s)\n", done, now_s() - t0);
		rmdir(h.dir);
		return 0;
	}
	char dir[PATH_MAX];
	run_dir(&h, caught, dir, sizeof dir);
	char log[PATH_MAX + 8];
	snprintf(log, sizeof log, "%s.log", dir);
	if (caught_status == -1)
		printf("heisen hunt: run %d hung (no exit within %g s)\n", caught, h.timeout);
	else if (WIFEXITED(caught_status) && WEXITSTATUS(caught_status) == END_DEADLOCK_STATUS &&
		 print_deadlock(log, caught))
		;
	else if (WIFSIGNALED(caught_status))
		printf("heisen hunt: run %d failed: killed by signal %d\n", caught,
		       WTERMSIG(caught_status));
	else
		printf("heisen hunt: run %d failed: exit status %d\n", caught,
		       WEXITSTATUS(caught_status));
	unsigned long long seed = (unsigned long long)(h.base + (uint64_t)caught);
	printf("trace: %s\nseed: %llu\nreplay: heisen replay %s\n", dir, seed, dir);
	print_record_again(&caught_job, seed, h.cmd);
	return 1;
}
