/* heisen replay [-a | -s PORT | --stdio] [TRACE]: replay to the end, or
 * under gdb. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>

#include "cli/cli.h"
#include "cli/gdb_launch.h"
#include "replayer/replay.h"

static const char replay_usage[] =
	"usage: heisen replay [--gdb PATH] [-x FILE] [TRACE] [-- GDB-ARGS...]\n"
	"       heisen replay -s PORT [--listen ADDR] [TRACE]\n"
	"       heisen replay --stdio [TRACE]\n"
	"       heisen replay -a [-q] [--stats] [TRACE]\n"
	"Replay TRACE (default: the latest trace) deterministically. Without -a,\n"
	"the replay is served to gdb, forward and backward.\n"
	"  --gdb PATH  the gdb to start (default: gdb, found on PATH)\n"
	"  -x FILE     have gdb run the commands in FILE (after connecting)\n"
	"  -- GDB-ARGS...  more arguments for gdb\n"
	"  -p PID      debug the recorded process PID (see heisen ps; default:\n"
	"              the first one)\n"
	"  -s PORT     only serve, on 127.0.0.1:PORT (0: any free port)\n"
	"  --listen ADDR  serve on ADDR instead of 127.0.0.1 (with -s)\n"
	"  --stdio     serve on stdin and stdout:\n"
	"              (gdb) target remote | heisen replay --stdio TRACE\n"
	"  -a, --autopilot\n"
	"       replay to the end without a debugger; re-emit what the program\n"
	"       wrote to stdout and stderr, and exit with its recorded status\n"
	"  -q   do not re-emit the program's output\n"
	"  --stats  print what the replay did (points, hits, time) on stderr\n"
	"Exit status: the recorded one; 3 if the replay diverged from the trace;\n"
	"4 if the trace has no end (its recorder was killed); 125 on errors.\n";

/* A whole decimal number in [lo, hi], or -1. */
static int int_arg(const char *s, long lo, long hi)
{
	char *end;
	long v = strtol(s, &end, 10);
	return *s && !*end && v >= lo && v <= hi ? (int)v : -1;
}

struct gdb_args {
	char *v[64];
	int n;
};

static int replay_with_gdb(const char *dir, int stdio, int port,
			   const char *listen, const char *gdb, int pid,
			   struct gdb_args *ga)
{
	struct err e = {{0}, 0};
	int rc;
	if (stdio)
		rc = gdb_serve_stdio(dir, pid, &e);
	else if (port >= 0)
		rc = gdb_serve_port(dir, listen, port, pid, &e);
	else
		rc = gdb_launch(dir, gdb, pid, ga->v, ga->n, &e); /* only on failure */
	if (rc < 0 && strcmp(e.msg, "gdb detached") && strcmp(e.msg, "gdb disconnected"))
		return cli_fail("replay", "%s", e.msg);
	return 0;
}

static int add_gdb_arg(struct gdb_args *ga, char *arg)
{
	if (ga->n == (int)(sizeof ga->v / sizeof ga->v[0]))
		return cli_fail("replay", "more than %d arguments for gdb",
				(int)(sizeof ga->v / sizeof ga->v[0]));
	ga->v[ga->n++] = arg;
	return 0;
}

int cmd_replay(int argc, char **argv)
{
	int autorun = 0, quiet = 0, stats = 0, stdio = 0, port = -1, pid = 0;
	const char *trace = NULL, *gdb = "gdb", *listen = "127.0.0.1";
	struct gdb_args ga = {.n = 0};
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(replay_usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "-a") || !strcmp(argv[i], "--autopilot")) {
			autorun = 1;
		} else if (!strcmp(argv[i], "--stats")) {
			stats = 1;
		} else if (!strcmp(argv[i], "-q")) {
			quiet = 1;
		} else if (!strcmp(argv[i], "--stdio")) {
			stdio = 1;
		} else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			if ((port = int_arg(argv[++i], 0, 65535)) < 0)
				return cli_fail("replay", "bad port '%s'", argv[i]);
		} else if (!strcmp(argv[i], "-p") && i + 1 < argc) {
			if ((pid = int_arg(argv[++i], 1, 4194304)) < 0)
				return cli_fail("replay", "bad -p '%s': a pid from heisen ps", argv[i]);
		} else if (!strcmp(argv[i], "--listen") && i + 1 < argc) {
			listen = argv[++i];
		} else if (!strcmp(argv[i], "--gdb") && i + 1 < argc) {
			gdb = argv[++i];
		} else if (!strcmp(argv[i], "-x") && i + 1 < argc) {
			if (add_gdb_arg(&ga, "-x") || add_gdb_arg(&ga, argv[++i]))
				return EXIT_HEISEN_ERROR;
		} else if (!strcmp(argv[i], "--")) {
			while (++i < argc)
				if (add_gdb_arg(&ga, argv[i]))
					return EXIT_HEISEN_ERROR;
		} else if (cli_trace_arg("replay", argv[i], &trace)) {
			return EXIT_HEISEN_ERROR;
		}
	}
	if (autorun + stdio + (port >= 0) > 1)
		return cli_fail("replay", "-a, -s and --stdio exclude each other");
	if (ga.n && (autorun || stdio || port >= 0))
		return cli_fail("replay", "-x and gdb arguments go with a gdb heisen starts "
				"(not -a, -s or --stdio)");
	char dir[PATH_MAX];
	if (resolve_trace("replay", trace, dir, sizeof dir) < 0 || cli_check_privileges("replay"))
		return EXIT_HEISEN_ERROR;
	if (!autorun)
		return replay_with_gdb(dir, stdio, port, listen, gdb, pid, &ga);
	fflush(stdout);
	struct rp_stats st = {0};
	struct replay_options opt = {.dir = dir, .quiet = quiet, .stats = stats ? &st : NULL,
				     .test_perform = getenv("HEISEN_TEST_PERFORM"),
				     .test_no_seccomp = getenv("HEISEN_TEST_NO_SECCOMP") != NULL};
	enum replay_end how;
	int status = 0;
	struct err e = {{0}, 0};
	if (replay_trace(&opt, &how, &status, &e) < 0)
		return cli_fail("replay", "%s", e.msg);
	if (stats)
		fprintf(stderr,
			"heisen: stats: events %llu, syscalls emulated %llu, executed %llu\n"
			"heisen: stats: points %llu (hardware-breakpoint hits %llu, trampoline traps %llu, "
			"trampolines %llu, memory retries %llu), %.3f ms finding points\n",
			(unsigned long long)st.events, (unsigned long long)st.syscalls_emulated,
			(unsigned long long)st.syscalls_executed, (unsigned long long)st.points,
			(unsigned long long)st.point_hw_hits, (unsigned long long)st.point_traps,
			(unsigned long long)st.points_trampoline,
			(unsigned long long)st.point_mem_retries, (double)st.point_ns / 1e6);
	switch (how) {
	case REPLAY_DIVERGED:
		cli_error("replay", e.msg);
		return EXIT_DIVERGED;
	case REPLAY_INCOMPLETE:
		fprintf(stderr, "heisen replay: warning: the trace is incomplete (no end record: "
			"was the recorder killed?); replayed to its last event\n");
		return EXIT_INCOMPLETE;
	case REPLAY_COMPLETE:
		if (e.msg[0]) {
			cli_error("replay", e.msg);
			return EXIT_HEISEN_ERROR;
		}
		break;
	}
	return status;
}
