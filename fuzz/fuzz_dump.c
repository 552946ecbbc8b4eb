/* libFuzzer harness for the dump printer (cli/cmd_dump.c): the input is a
 * trace file, made the trace of a private directory, which `heisen dump`
 * and `heisen dump --json` print through the command's own entry point,
 * cmd_dump, as the command line calls it. The records' checksums are fixed
 * first (as in fuzz_trace_read.c), so that mutated events get printed.
 * What it prints goes to a memfd: every line of --json must be one JSON
 * object (RFC 8259; bytes above 0x7f are taken as they are), whatever the
 * trace holds, and every line of the text ends with a newline. Its error
 * lines go to stderr, which libFuzzer silences with -close_fd_mask=3 (the
 * Makefile passes it). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli/cli.h"
#include "fuzz/common.h"

static int out_fd = -1;
static char *out;
static size_t out_cap;

/* At the first input, not in LLVMFuzzerInitialize: libFuzzer's
 * -close_fd_mask=1 points fd 1 at /dev/null after that. */
static void stdout_to_memfd(void)
{
	if (out_fd >= 0)
		return;
	out_fd = memfd_create("heisen-fuzz-dump", MFD_CLOEXEC);
	if (out_fd < 0 || fflush(stdout) != 0 || dup2(out_fd, STDOUT_FILENO) < 0)
		fuzz_fail("cannot send stdout to a memfd");
}

/* ---- a JSON checker: p at a value, returns the byte after it or NULL ---- */

static const char *json_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

static const char *json_value(const char *p, const char *end, int depth);

static const char *json_string(const char *p, const char *end)
{
	if (p == end || *p++ != '"')
		return NULL;
	while (p < end && *p != '"') {
		unsigned char c = (unsigned char)*p++;
		if (c < 0x20)
			return NULL;
		if (c != '\\')
			continue;
		if (p == end)
			return NULL;
		c = (unsigned char)*p++;
		if (c == 'u') {
			for (int i = 0; i < 4; i++, p++)
				if (p == end || !strchr("0123456789abcdefABCDEF", *p) || !*p)
					return NULL;
		} else if (!strchr("\"\\/bfnrt", c) || !c) {
			return NULL;
		}
	}
	return p < end ? p + 1 : NULL;
}

static const char *json_digits(const char *p, const char *end)
{
	const char *q = p;
	while (q < end && *q >= '0' && *q <= '9')
		q++;
	return q > p ? q : NULL;
}

static const char *json_number(const char *p, const char *end)
{
	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (!(p = json_digits(p, end)))
		return NULL;
	if (p < end && *p == '.' && !(p = json_digits(p + 1, end)))
		return NULL;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (!(p = json_digits(p, end)))
			return NULL;
	}
	return p;
}

static const char *json_list(const char *p, const char *end, char close, int object,
			     int depth)
{
	p = json_ws(p + 1, end);
	if (p < end && *p == close)
		return p + 1;
	for (;;) {
		if (object) {
			if (!(p = json_string(p, end)))
				return NULL;
			p = json_ws(p, end);
			if (p == end || *p++ != ':')
				return NULL;
		}
		if (!(p = json_value(p, end, depth + 1)))
			return NULL;
		p = json_ws(p, end);
		if (p < end && *p == close)
			return p + 1;
		if (p == end || *p++ != ',')
			return NULL;
	}
}

static const char *json_value(const char *p, const char *end, int depth)
{
	p = json_ws(p, end);
	if (p == end || depth > 16)
		return NULL;
	switch (*p) {
	case '{':
		return json_list(p, end, '}', 1, depth);
	case '[':
		return json_list(p, end, ']', 0, depth);
	case '"':
		return json_string(p, end);
	}
	static const char *const words[] = {"true", "false", "null"};
	for (int i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);
		if ((size_t)(end - p) >= n && !memcmp(p, words[i], n))
			return p + n;
	}
	return json_number(p, end);
}

/* What cmd_dump printed, NUL-terminated at out[*len]. */
static void take_output(size_t *len)
{
	fflush(stdout);
	off_t n = lseek(out_fd, 0, SEEK_END);
	if (n < 0)
		fuzz_fail("cannot seek the output memfd");
	if ((size_t)n + 1 > out_cap) {
		free(out);
		out_cap = (size_t)n + 1;
		if (!(out = malloc(out_cap)))
			abort();
	}
	if (pread(out_fd, out, (size_t)n, 0) != n)
		fuzz_fail("cannot read the output memfd");
	out[n] = 0;
	*len = (size_t)n;
	if (ftruncate(out_fd, 0) < 0 || lseek(out_fd, 0, SEEK_SET) != 0)
		fuzz_fail("cannot empty the output memfd");
}

static void check_output(int json)
{
	size_t len;
	take_output(&len);
	if (len && out[len - 1] != '\n')
		fuzz_fail("heisen dump%s: the output does not end with a newline",
			  json ? " --json" : "");
	for (const char *line = out, *end; json && line < out + len; line = end + 1) {
		end = memchr(line, '\n', (size_t)(out + len - line));
		const char *p = json_ws(line, end);
		if (p == end || *p != '{' || !(p = json_value(p, end, 0)) ||
		    json_ws(p, end) != end)
			fuzz_fail("heisen dump --json printed a line that is not a JSON "
				  "object: %.*s", (int)(end - line), line);
	}
}

static void dump(int json)
{
	char cmd[] = "dump", opt[] = "--json", dir[4096];
	snprintf(dir, sizeof dir, "%s", fuzz_trace_dir());
	char *argv[] = {cmd, json ? opt : dir, dir, NULL};
	int rc = cmd_dump(json ? 3 : 2, argv);
	if (rc != 0 && rc != EXIT_INCOMPLETE && rc != EXIT_HEISEN_ERROR)
		fuzz_fail("heisen dump%s returned %d", json ? " --json" : "", rc);
	check_output(json);
}

/* dump's text and --json output of one trace image. */
static void dump_both(const uint8_t *data, size_t size)
{
	fuzz_write_trace(data, size);
	stdout_to_memfd();
	dump(0);
	dump(1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_fixed_then_raw(data, size, fuzz_fix_trace_crcs, dump_both);
	return 0;
}
