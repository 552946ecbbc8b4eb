#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/trace.h"

void cli_put_safe(FILE *f, const char *s, int one_line)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c < 0x20 && ((c != '\n' && c != '\t') || one_line)) || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

int cli_fail(const char *cmd, const char *fmt, ...)
{
	char msg[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cli_error(cmd, msg);
	return EXIT_HEISEN_ERROR;
}

void cli_error(const char *cmd, const char *msg)
{
	fprintf(stderr, "heisen %s: ", cmd);
	cli_put_safe(stderr, msg, 0);
	fputc('\n', stderr);
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

int cli_latest_trace(char *out, unsigned len)
{
	char root[PATH_MAX];
	struct stat st;
	trace_root(root, sizeof root);
	snprintf(out, len, "%s/latest-trace", root);
	return lstat(out, &st) == 0 && !S_ISLNK(st.st_mode) ? -1 : 0;
}

void cli_mkdir_parents(const char *path)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s", path);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			mkdir(p, 0755); /* (one that exists is fine; the last says) */
			*s = '/';
		}
}

int resolve_trace(const char *cmd, const char *arg, char *out, unsigned len)
{
	struct stat st;
	if (arg) {
		snprintf(out, len, "%s", arg);
	} else if (cli_latest_trace(out, len) < 0) {
		cli_fail(cmd, "%s is not a symlink heisen made: name the trace to use", out);
		return -1;
	}
	if (stat(out, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cli_fail(cmd, "no trace at %s%s", out,
			 arg ? "" : " (record one first)");
		return -1;
	}
	return 0;
}

int cli_trace_arg(const char *cmd, const char *arg, const char **trace)
{
	if (arg[0] == '-')
		return cli_fail(cmd, "unknown option '%s' (see heisen %s --help)", arg, cmd);
	if (*trace)
		return cli_fail(cmd, "more than one trace given");
	*trace = arg;
	return 0;
}

int cli_walk_trace(const char *cmd, const char *dir,
		   void (*on_header)(void *ctx, const struct ev_header *h),
		   void (*on_event)(void *ctx, const struct event *ev), void *ctx)
{
	struct trace_reader r;
	struct ev_header h;
	struct event ev;
	struct err e;
	int rc = trace_open(&r, dir, &h, &e);
	if (rc == 0 && on_header)
		on_header(ctx, &h);
	if (rc == 0)
		while ((rc = trace_next(&r, &ev, &e)) > 0)
			on_event(ctx, &ev);
	fflush(stdout);
	int ended = r.saw_end;
	trace_reader_close(&r);
	trace_header_free(&h);
	if (rc < 0)
		return cli_fail(cmd, "%s", e.msg);
	if (!ended) {
		/* a killed recorder, or a file cut at a record boundary: the
		 * same answer replay gives */
		fprintf(stderr, "heisen %s: warning: the trace is incomplete (no end record: was the recorder killed?)\n", cmd);
		return EXIT_INCOMPLETE;
	}
	return 0;
}

/* The capabilities ptrace and the namespaces need, from CapEff in
 * /proc/self/status (root has them unless a container took them away). */
#define CAP_BIT_SYS_PTRACE 19
#define CAP_BIT_SYS_ADMIN 21

int cli_check_privileges(const char *cmd)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	unsigned long long eff = 0;
	int found = 0;
	while (f && !found && fgets(line, sizeof line, f))
		found = sscanf(line, "CapEff: %llx", &eff) == 1;
	if (f)
		fclose(f);
	int admin = (eff >> CAP_BIT_SYS_ADMIN) & 1, ptrace = (eff >> CAP_BIT_SYS_PTRACE) & 1;
	if (!found || (admin && ptrace))
		return 0; /* (no /proc: let the calls themselves say) */
	return cli_fail(cmd, "needs root, or the capabilities CAP_SYS_ADMIN and CAP_SYS_PTRACE "
			"(this process has %s)", admin ? "CAP_SYS_ADMIN only" :
			ptrace ? "CAP_SYS_PTRACE only" : "neither");
}

int cli_parse_sites(const char *list, uint64_t *sites, unsigned max)
{
	unsigned n = 0;
	while (*list) {
		char *end;
		errno = 0;
		unsigned long long a = strtoull(list, &end, 0);
		if (end == list || errno || (*end && *end != ',') || !a || n == max)
			return -1;
		sites[n++] = a;
		list = *end ? end + 1 : end;
		if (*end && !*list)
			return -1;
	}
	return n ? (int)n : -1;
}
