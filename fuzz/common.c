/* The harnesses' private temporary directory and the trace CRC fix-up.
 * The directory's `trace` is a symbolic link to a memfd's /proc/self/fd
 * entry, so that each input reaches the reader's fopen without a write
 * to a file system: the directory holds nothing else. */
#define _GNU_SOURCE
#include "fuzz/common.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/trace.h"

static char dir[PATH_MAX];
static char file[PATH_MAX + 16];
static int mem_fd = -1;

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	fputs("heisen fuzz: invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void remove_dir(void)
{
	if (!dir[0])
		return;
	unlink(file);
	rmdir(dir);
	dir[0] = 0;
}

const char *fuzz_trace_dir(void)
{
	if (dir[0])
		return dir;
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = "/tmp";
	snprintf(dir, sizeof dir, "%s/heisen-fuzz-XXXXXX", tmp);
	if (!mkdtemp(dir)) {
		fprintf(stderr, "heisen fuzz: cannot make a directory under %s: %s\n",
			tmp, strerror(errno));
		abort();
	}
	snprintf(file, sizeof file, "%s/%s", dir, TRACE_FILE);
	atexit(remove_dir);
	char target[64];
	mem_fd = memfd_create("heisen-fuzz-trace", MFD_CLOEXEC);
	snprintf(target, sizeof target, "/proc/self/fd/%d", mem_fd);
	if (mem_fd < 0 || symlink(target, file) < 0)
		fuzz_fail("cannot make %s a link to a memfd: %s", file, strerror(errno));
	return dir;
}

void fuzz_write_trace(const uint8_t *data, size_t n)
{
	fuzz_trace_dir();
	if (ftruncate(mem_fd, 0) < 0 || (n && pwrite(mem_fd, data, n, 0) != (ssize_t)n))
		fuzz_fail("cannot write the trace memfd: %s", strerror(errno));
}

/* The framing of docs/trace-format.md: a 12-byte head, then records of
 * u32 length L, u8 type, L payload bytes, u32 CRC-32C of type and payload. */
int fuzz_fix_trace_crcs(uint8_t *buf, size_t n)
{
	int changed = 0;
	size_t off = 12;
	while (off + 5 <= n) {
		uint32_t len;
		memcpy(&len, buf + off, 4);
		if (len > n - off - 5 || n - off - 5 - len < 4)
			break; /* the last record is cut short: left as it is */
		uint32_t want, crc = crc32c(crc32c(0, buf + off + 4, 1), buf + off + 5, len);
		memcpy(&want, buf + off + 5 + len, 4);
		if (want != crc) {
			memcpy(buf + off + 5 + len, &crc, 4);
			changed = 1;
		}
		off += 5 + (size_t)len + 4;
	}
	return changed;
}

void fuzz_fixed_then_raw(const uint8_t *data, size_t size, int (*fix)(uint8_t *, size_t),
			 void (*run)(const uint8_t *, size_t))
{
	uint8_t *fixed = malloc(size ? size : 1);
	if (!fixed)
		return;
	memcpy(fixed, data, size);
	int changed = fix(fixed, size);
	run(fixed, size);
	if (changed)
		run(data, size);
	free(fixed);
}
