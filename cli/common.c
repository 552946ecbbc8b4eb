#define _GNU_SOURCE
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli/cli.h"

int cli_fail(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "heisen %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_HEISEN_ERROR;
}

void trace_root(char *out, unsigned len)
{
	const char *dir = getenv("HEISEN_TRACE_DIR");
	const char *home = getenv("HOME");
	if (dir && *dir)
		snprintf(out, len, "%s", dir);
	else
		snprintf(out, len, "%s/.local/share/heisen", home ? home : "/tmp");
}

int resolve_trace(const char *cmd, const char *arg, char *out, unsigned len)
{
	char root[PATH_MAX];
	struct stat st;
	if (arg) {
		snprintf(out, len, "%s", arg);
	} else {
		trace_root(root, sizeof root);
		snprintf(out, len, "%s/latest-trace", root);
	}
	if (stat(out, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cli_fail(cmd, "no trace at %s%s", out,
			 arg ? "" : " (record one first)");
		return -1;
	}
	return 0;
}
