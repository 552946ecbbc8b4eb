/* heisen replay -a [TRACE]: replay to the end without a debugger. */
#include <stdio.h>
#include <string.h>
#include <limits.h>

#include "cli/cli.h"
#include "replayer/replay.h"

static const char replay_usage[] =
	"usage: heisen replay -a [-q] [--stats] [TRACE]\n"
	"Replay TRACE (default: the latest trace) deterministically.\n"
	"  -a, --autopilot\n"
	"       replay to the end without a debugger; re-emit what the program\n"
	"       wrote to stdout and stderr, and exit with its recorded status\n"
	"  -q   do not re-emit the program's output\n"
	"  --stats  print what the replay did (points, hits, time) on stderr\n"
	"Exit status: the recorded one; 3 if the replay diverged from the trace;\n"
	"4 if the trace has no end (its recorder was killed); 125 on errors.\n";

int cmd_replay(int argc, char **argv)
{
	int autorun = 0, quiet = 0, stats = 0;
	const char *trace = NULL;
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
		} else if (cli_trace_arg("replay", argv[i], &trace)) {
			return EXIT_HEISEN_ERROR;
		}
	}
	if (!autorun)
		return cli_fail("replay", "the gdb stub is not built yet: use 'heisen replay -a'");
	char dir[PATH_MAX];
	if (resolve_trace("replay", trace, dir, sizeof dir) < 0)
		return EXIT_HEISEN_ERROR;
	fflush(stdout);
	struct rp_stats st = {0};
	struct replay_options opt = {.dir = dir, .quiet = quiet, .stats = stats ? &st : NULL};
	enum replay_end how;
	int status = 0;
	struct err e = {{0}};
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
		fprintf(stderr, "heisen replay: %s\n", e.msg);
		return EXIT_DIVERGED;
	case REPLAY_INCOMPLETE:
		fprintf(stderr, "heisen replay: warning: the trace is incomplete (no end record: "
			"was the recorder killed?); replayed to its last event\n");
		return EXIT_INCOMPLETE;
	case REPLAY_COMPLETE:
		if (e.msg[0]) {
			fprintf(stderr, "heisen replay: %s\n", e.msg);
			return EXIT_HEISEN_ERROR;
		}
		break;
	}
	return status;
}
