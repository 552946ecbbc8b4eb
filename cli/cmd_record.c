/* heisen record [-o DIR] [--cpu N] [--timeslice-us US] [--] PROG [ARGS...] */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "recorder/chaos.h"
#include "recorder/record.h"

extern char **environ;

static const char record_usage[] =
	"usage: heisen record [-o DIR] [--cpu N] [--timeslice-us US] [--stats]\n"
	"                     [--max-trace-mb MB] [--cpuid-patching]\n"
	"                     [--chaos [--chaos-mode M] [--seed N]\n"
	"                     [--pct-depth D] [--pct-steps K] [--pct-accesses A]\n"
	"                     [--conflict-sites A,B,...]]\n"
	"                     [--] PROG [ARGS...]\n"
	"Run PROG under recording; exit with its exit status (128+N if killed by\n"
	"signal N). SIGINT or SIGTERM ends the recording cleanly.\n"
	"  -o DIR            write the trace to DIR (default: $HEISEN_TRACE_DIR/PROG-N,\n"
	"                    $HEISEN_TRACE_DIR defaulting to ~/.local/share/heisen)\n"
	"  --cpu N           pin the recording to CPU N (default: the current one)\n"
	"  --timeslice-us US switch threads after US microseconds (default 2000)\n"
	"  --stats           print what was recorded (events, points, bytes) on stderr\n"
	"  --max-trace-mb MB stop recording with an error when the trace exceeds MB\n"
	"                    megabytes (default 8192)\n"
	"  --cpuid-patching  trap cpuid by rewriting each one to ud2 even where\n"
	"                    CPUID faulting is available (the fallback, for tests)\n"
	"  --chaos           schedule threads to expose races: random priorities\n"
	"                    with change points among syscalls and among the\n"
	"                    program's shared-memory accesses (PCT), and\n"
	"                    preemption after mutex releases (planned points)\n"
	"  --chaos-mode M    pct, slices, planned, access, pos, walk, lifo,\n"
	"                    handoff, joined by ',' or '+'; both:\n"
	"                    pct+slices+planned; default: pct+planned+access\n"
	"                    (implies --chaos)\n"
	"  --seed N          the chaos scheduler's seed (default: a random one,\n"
	"                    printed on stderr and kept in the trace)\n"
	"  --pct-depth D     PCT priority change points (default 3)\n"
	"  --pct-steps K     ... placed among the first K syscalls (default 2000)\n"
	"  --pct-accesses A  access mode: ... among the first A shared-memory\n"
	"                    accesses (default 10000; hunt measures it)\n"
	"  --conflict-sites A,B  a directed run: every access stops, and the\n"
	"                    walk switches threads only just before and after\n"
	"                    these sites (and at syscalls); access mode also\n"
	"                    lowers the thread there, one time in four. The\n"
	"                    sites: those --stats prints for pos or walk\n";

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

/* PROG as the kernel should execute it: a path with a slash is made
 * absolute, a bare name is searched in $PATH. */
static int find_program(const char *prog, char *out, size_t len)
{
	if (strchr(prog, '/')) {
		char cwd[PATH_MAX];
		if (prog[0] == '/' || !getcwd(cwd, sizeof cwd))
			snprintf(out, len, "%s", prog);
		else
			snprintf(out, len, "%s/%s", cwd, prog);
		return access(out, X_OK);
	}
	const char *path = getenv("PATH");
	char buf[PATH_MAX * 4];
	snprintf(buf, sizeof buf, "%s", path ? path : "/usr/bin:/bin");
	for (char *save, *dir = strtok_r(buf, ":", &save); dir;
	     dir = strtok_r(NULL, ":", &save)) {
		snprintf(out, len, "%s/%s", *dir ? dir : ".", prog);
		struct stat st;
		if (access(out, X_OK) == 0 && stat(out, &st) == 0 && S_ISREG(st.st_mode))
			return 0;
	}
	errno = ENOENT;
	return -1;
}

/* The trace root, $HEISEN_TRACE_DIR: made with its parents (as mkdir -p,
 * the parents 0755, the root 0700) if missing. */
static int make_root(char *root, size_t len)
{
	trace_root(root, len);
	cli_mkdir_parents(root);
	return mkdir(root, TRACE_DIR_MODE) < 0 && errno != EEXIST ? -1 : 0;
}

/* $HEISEN_TRACE_DIR/<prog>-<n>, with n the first number not taken,
 * created here (trace_dir_create). */
static int default_dir(const char *prog, char *out, size_t len, struct err *e)
{
	char root[PATH_MAX];
	if (make_root(root, sizeof root) < 0)
		return err_sys(e, "cannot create the trace root %s", root);
	const char *base = strrchr(prog, '/') ? strrchr(prog, '/') + 1 : prog;
	for (int n = 0; n < 1000000; n++) {
		snprintf(out, len, "%s/%s-%d", root, base, n);
		struct stat st;
		if (lstat(out, &st) == 0)
			continue;
		if (trace_dir_create(out, e) == 0)
			return 0;
		if (errno != EEXIST)
			return -1;
	}
	return err_set(e, "no free trace directory name under %s", root);
}

/* latest-trace is only ever a symlink heisen made: anything else of that
 * name (a directory, a file) is not replaced, and the recording does not
 * start. */
static int check_latest(struct err *e)
{
	char link[PATH_MAX + 16];
	if (cli_latest_trace(link, sizeof link) < 0)
		return err_set(e, "%s is not a symlink: heisen will not replace it "
			       "(remove it, or set HEISEN_TRACE_DIR)", link);
	return 0;
}

static void update_latest(const char *dir)
{
	char root[PATH_MAX], link[PATH_MAX + 16], tmp[PATH_MAX + 32], abs[PATH_MAX];
	if (!realpath(dir, abs) || make_root(root, sizeof root) < 0)
		return;
	snprintf(link, sizeof link, "%s/latest-trace", root);
	snprintf(tmp, sizeof tmp, "%s/.latest-trace.%d", root, getpid());
	unlink(tmp);
	/* rename replaces a symlink, never what it points to; over a
	 * directory it fails (check_latest said so before) */
	if (symlink(abs, tmp) == 0 && rename(tmp, link) != 0)
		unlink(tmp);
}

static void print_stats(const struct rec_stats *st)
{
	fprintf(stderr,
		"heisen: stats: events %llu, trace bytes %llu (%.1f per event)\n"
		"heisen: stats: syscalls %llu (blocking %llu), switches at syscalls %llu, "
		"preemption points %llu, async signals %llu, sync signals %llu\n"
		"heisen: stats: rdtsc %llu, cpuid %llu, mapped files %llu, settle steps %llu, "
		"cpuid scan %.1f ms, timer signals held back %llu\n"
		"heisen: stats: yield sites %llu, site executions %llu, yield stops %llu\n",
		(unsigned long long)st->events, (unsigned long long)st->trace_bytes,
		st->events ? (double)st->trace_bytes / (double)st->events : 0.0,
		(unsigned long long)st->syscalls, (unsigned long long)st->blocking,
		(unsigned long long)st->preempt_at_syscall,
		(unsigned long long)st->preemptions, (unsigned long long)st->async_signals,
		(unsigned long long)st->sync_signals, (unsigned long long)st->rdtsc,
		(unsigned long long)st->cpuid, (unsigned long long)st->mapped_files,
		(unsigned long long)st->settle_steps, (double)st->cpuid_scan_ns / 1e6,
		(unsigned long long)st->signals_held_back, (unsigned long long)st->yield_sites,
		(unsigned long long)st->yield_executions, (unsigned long long)st->yield_stops);
	if (st->nconflict_sites) {
		fprintf(stderr, "heisen: stats: conflicting sites");
		for (unsigned i = 0; i < st->nconflict_sites; i++)
			fprintf(stderr, "%c0x%llx", i ? ',' : ' ',
				(unsigned long long)st->conflict_sites[i]);
		fputc('\n', stderr);
	}
}

struct record_args {
	const char *dir;
	int cpu;
	long timeslice_us;
	int prog; /* index of PROG in argv */
	int stats;
	long max_trace_mb;
	struct chaos_options chaos;
	int seed_given;
	int cpuid_patching;
};

static int parse(int argc, char **argv, struct record_args *a)
{
	a->dir = NULL;
	a->prog = 0;
	a->stats = 0;
	a->max_trace_mb = 8192;
	a->cpu = sched_getcpu();
	a->timeslice_us = 2000;
	memset(&a->chaos, 0, sizeof a->chaos);
	a->chaos.depth = 3;
	a->chaos.steps = 2000;
	a->chaos.access_steps = 10000;
	a->seed_given = 0;
	a->cpuid_patching = 0;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *o = argv[i];
		if (!strcmp(o, "--")) {
			i++;
			break;
		} else if (!strcmp(o, "--max-trace-mb") && i + 1 < argc) {
			a->max_trace_mb = atol(argv[++i]);
			if (a->max_trace_mb < 1)
				return cli_fail("record", "--max-trace-mb must be at least 1");
		} else if (!strcmp(o, "--cpuid-patching")) {
			a->cpuid_patching = 1;
		} else if (!strcmp(o, "--stats")) {
			a->stats = 1;
		} else if (!strcmp(o, "--chaos")) {
			if (!a->chaos.mode)
				a->chaos.mode = CHAOS_DEFAULT;
		} else if (!strcmp(o, "--chaos-mode") && i + 1 < argc) {
			const char *m = argv[++i];
			a->chaos.mode = chaos_mode_parse(m);
			if (a->chaos.mode < 0)
				return cli_fail("record", "--chaos-mode is pct, slices, planned, access, "
						"pos, walk, lifo, handoff (joined by ',' or '+'), "
						"both or default, "
						"not '%s'", m);
		} else if (!strcmp(o, "--seed") && i + 1 < argc) {
			char *end;
			a->chaos.seed = strtoull(argv[++i], &end, 0);
			if (*end || end == argv[i])
				return cli_fail("record", "bad --seed '%s': a number", argv[i]);
			a->seed_given = 1;
		} else if (!strcmp(o, "--pct-depth") && i + 1 < argc) {
			long d = atol(argv[++i]);
			if (d < 0 || d > CHAOS_MAX_DEPTH)
				return cli_fail("record", "--pct-depth must be 0..%d", CHAOS_MAX_DEPTH);
			a->chaos.depth = (unsigned)d;
		} else if (!strcmp(o, "--pct-steps") && i + 1 < argc) {
			long k = atol(argv[++i]);
			if (k < 1 || k > 100000000)
				return cli_fail("record", "--pct-steps must be 1..100000000");
			a->chaos.steps = (unsigned)k;
		} else if (!strcmp(o, "--pct-accesses") && i + 1 < argc) {
			char *end;
			unsigned long long k = strtoull(argv[++i], &end, 10);
			if (*end || end == argv[i] || k < 1 || k > 1000000000000ull)
				return cli_fail("record", "--pct-accesses must be 1..1000000000000");
			a->chaos.access_steps = k;
		} else if (!strcmp(o, "--conflict-sites") && i + 1 < argc) {
			int n = cli_parse_sites(argv[++i], a->chaos.conflict_sites,
						CHAOS_MAX_CONFLICT_SITES);
			a->chaos.nconflict_sites = n > 0 ? (unsigned)n : 0;
			if (n < 0)
				return cli_fail("record", "--conflict-sites is 1 to %d addresses joined "
						"by ',' (as --stats prints them), not '%s'",
						CHAOS_MAX_CONFLICT_SITES, argv[i]);
		} else if (!strcmp(o, "-o") && i + 1 < argc) {
			a->dir = argv[++i];
		} else if (!strcmp(o, "--cpu") && i + 1 < argc) {
			char *end;
			long cpu = strtol(argv[++i], &end, 10);
			cpu_set_t online;
			if (*end || end == argv[i] || cpu < 0 || cpu >= CPU_SETSIZE ||
			    sched_getaffinity(0, sizeof online, &online) < 0 ||
			    !CPU_ISSET((int)cpu, &online))
				return cli_fail("record", "bad --cpu '%s': not a CPU this process may use",
						argv[i]);
			a->cpu = (int)cpu;
		} else if (!strcmp(o, "--timeslice-us") && i + 1 < argc) {
			a->timeslice_us = atol(argv[++i]);
			if (a->timeslice_us < 50 || a->timeslice_us > 10000000)
				return cli_fail("record", "--timeslice-us must be 50..10000000");
		} else {
			return cli_fail("record", "unknown option '%s' (see heisen record --help)", o);
		}
	}
	if (i >= argc)
		return cli_fail("record", "no program given (see heisen record --help)");
	if (a->seed_given && !a->chaos.mode)
		return cli_fail("record", "--seed goes with --chaos");
	if (a->chaos.nconflict_sites && !(a->chaos.mode & (CHAOS_ACCESS | CHAOS_WALK)))
		return cli_fail("record", "--conflict-sites goes with --chaos-mode access or walk "
				"(or default, which has access)");
	a->prog = i;
	return 0;
}

int cmd_record(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(record_usage, stdout);
		return 0;
	}
	struct record_args a;
	if (parse(argc, argv, &a) != 0)
		return EXIT_HEISEN_ERROR;
	char exe[PATH_MAX], dir[PATH_MAX];
	if (cli_check_privileges("record"))
		return EXIT_HEISEN_ERROR;
	if (find_program(argv[a.prog], exe, sizeof exe) < 0) {
		fprintf(stderr, "heisen record: cannot run '%s': %s\n",
			argv[a.prog], strerror(errno));
		return errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
	}
	struct err e = {{0}, 0};
	if (check_latest(&e) < 0)
		return cli_fail("record", "%s", e.msg);
	if (a.dir)
		snprintf(dir, sizeof dir, "%s", a.dir);
	if (a.dir ? trace_dir_create(dir, &e) : default_dir(argv[a.prog], dir, sizeof dir, &e))
		return cli_fail("record", "%s", e.msg);

	struct sigaction sa = {.sa_handler = on_stop};
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	struct rec_options opt = {
		.dir = dir, .exe = exe, .argv = argv + a.prog, .envp = environ,
		.cpu = a.cpu, .timeslice_us = (uint64_t)a.timeslice_us,
		.stop_signal = &stop_signal,
		.max_trace_bytes = (uint64_t)a.max_trace_mb << 20,
		.chaos = a.chaos, .cpuid_patching = a.cpuid_patching,
	};
	if (a.chaos.mode && !a.seed_given) {
		if (getrandom(&opt.chaos.seed, sizeof opt.chaos.seed, 0) != sizeof opt.chaos.seed)
			opt.chaos.seed = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 32;
		fprintf(stderr, "heisen: chaos seed %llu\n", (unsigned long long)opt.chaos.seed);
	}
	struct rec_stats st = {0};
	if (a.stats)
		opt.stats = &st;
	int status = 0;
	/* point latest-trace here now: a recorder killed later still leaves
	 * it naming this (replayable) trace */
	update_latest(dir);
	int rc = record_program(&opt, &status, &e);
	if (rc < 0) {
		cli_error("record", e.msg);
		fprintf(stderr, "heisen: partial trace saved to %s\n", dir);
		return EXIT_HEISEN_ERROR;
	}
	fprintf(stderr, "heisen: trace saved to %s\n", dir);
	if (a.stats)
		print_stats(&st);
	return status;
}
