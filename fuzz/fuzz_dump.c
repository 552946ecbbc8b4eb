/* libFuzzer harness for the dump printer (cli/cmd_dump.c): the input is a
 * trace file, made the trace of a private directory, which `heisen dump`
 * and `heisen dump --json` print through the command's own entry point,
 * cmd_dump, as the command line calls it. The records' checksums are fixed
 * first (as in fuzz_trace_read.c), so that mutated events get printed.
 * What it prints goes to /dev/null; its error lines go to stderr, which
 * libFuzzer silences with -close_fd_mask=3 (the Makefile passes it). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "fuzz/common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!freopen("/dev/null", "w", stdout))
		fuzz_fail("cannot send stdout to /dev/null");
	fuzz_trace_dir();
	return 0;
}

static void dump(int json)
{
	char cmd[] = "dump", opt[] = "--json", dir[4096];
	snprintf(dir, sizeof dir, "%s", fuzz_trace_dir());
	char *argv[] = {cmd, json ? opt : dir, dir, NULL};
	int rc = cmd_dump(json ? 3 : 2, argv);
	if (rc != 0 && rc != EXIT_INCOMPLETE && rc != EXIT_HEISEN_ERROR)
		fuzz_fail("heisen dump%s returned %d", json ? " --json" : "", rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *fixed = malloc(size ? size : 1);
	if (!fixed)
		return 0;
	memcpy(fixed, data, size);
	fuzz_fix_trace_crcs(fixed, size);
	fuzz_write_trace(fixed, size);
	free(fixed);
	dump(0);
	dump(1);
	return 0;
}
