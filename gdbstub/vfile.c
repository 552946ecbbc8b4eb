/* gdb's host I/O packets (vFile:...), read-only: gdb reads the program's
 * executable, its libraries and /proc files through them, as the replayed
 * program sees them. A path is opened under /proc/PID/root of a replayed
 * process, so it resolves in the replay's mount namespace: the trace's
 * copies of the executed files, wherever the originals went, and the
 * namespace's own /proc (where /proc/2/task/2/maps is the program's, not
 * the host's pid 2). */
#define _GNU_SOURCE
#include "gdbstub/debugger.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "replayer/replay.h"

#define VFILE_MAX_READ 2048 /* bytes per pread; escaping may double them */

static int reply(struct dbg *d, const char *s, struct err *e)
{
	return rsp_send_str(&d->conn, s, e);
}

/* gdb's errno values (the File-I/O protocol's), from the host's. */
static int gdb_errno(int err)
{
	switch (err) {
	case EPERM: case ENOENT: case EINTR: case EBADF: case EACCES: case EFAULT:
	case EBUSY: case EEXIST: case ENODEV: case ENOTDIR: case EISDIR: case EINVAL:
	case ENFILE: case EMFILE: case EFBIG: case ENOSPC: case ESPIPE: case EROFS:
		return err; /* the same numbers on Linux */
	case ENAMETOOLONG:
		return 91;
	default:
		return 9999; /* EUNKNOWN */
	}
}

static int fail(struct dbg *d, int err, struct err *e)
{
	char buf[32];
	snprintf(buf, sizeof buf, "F-1,%x", gdb_errno(err));
	return reply(d, buf, e);
}

/* The host pid whose root the paths resolve under: the process vFile:setfs
 * named, else the one gdb looks at. */
static pid_t fs_root_pid(struct dbg *d)
{
	const struct task *t = NULL;
	for (size_t i = 0; d->s && d->vfile_pid && i < d->s->tasks.n; i++)
		if (dbg_vpid(d, &d->s->tasks.v[i]) == d->vfile_pid)
			t = &d->s->tasks.v[i];
	if (!t && d->s)
		t = task_find_vtid(&d->s->tasks, d->stop_vtid);
	if (!t && d->s && d->s->tasks.n)
		t = &d->s->tasks.v[0];
	return t ? t->tgid : 0;
}

/* A hex-encoded path from *p (up to ',' or the end), under that root. */
static int host_path(struct dbg *d, const char **p, char *out, size_t len)
{
	const char *end = strchr(*p, ',');
	size_t n = end ? (size_t)(end - *p) : strlen(*p);
	char path[PATH_MAX];
	pid_t pid = fs_root_pid(d);
	if (!pid || n % 2 || n / 2 >= sizeof path || rsp_hex_decode(*p, n, path) < 0)
		return -1;
	path[n / 2] = 0;
	*p += n;
	if (memchr(path, 0, n / 2) || path[0] != '/')
		return -1;
	snprintf(out, len, "/proc/%d/root%s", pid, path);
	return 0;
}

static int slot_of(struct dbg *d, uint64_t fd)
{
	for (int i = 0; i < DBG_MAX_VFILES; i++)
		if (d->vfiles[i] > 0 && (uint64_t)d->vfiles[i] == fd)
			return i;
	return -1;
}

static int h_setfs(struct dbg *d, const char *p, struct err *e)
{
	uint64_t pid;
	if (rsp_parse_hex(&p, &pid) < 0)
		return fail(d, EINVAL, e);
	d->vfile_pid = (int)pid;
	return reply(d, "F0", e);
}

static int h_open(struct dbg *d, const char *p, struct err *e)
{
	char path[PATH_MAX + 32];
	uint64_t flags;
	if (host_path(d, &p, path, sizeof path) < 0 || *p++ != ',' ||
	    rsp_parse_hex(&p, &flags) < 0)
		return fail(d, EINVAL, e);
	if (flags != 0) /* only O_RDONLY: a replay changes no file */
		return fail(d, EROFS, e);
	int slot = -1;
	for (int i = 0; slot < 0 && i < DBG_MAX_VFILES; i++)
		if (d->vfiles[i] <= 0)
			slot = i;
	if (slot < 0)
		return fail(d, EMFILE, e);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail(d, errno, e);
	d->vfiles[slot] = fd;
	char buf[32];
	snprintf(buf, sizeof buf, "F%x", fd);
	return reply(d, buf, e);
}

static int h_pread(struct dbg *d, const char *p, struct err *e)
{
	uint64_t fd, count, off;
	if (rsp_parse_hex(&p, &fd) < 0 || *p++ != ',' || rsp_parse_hex(&p, &count) < 0 ||
	    *p++ != ',' || rsp_parse_hex(&p, &off) < 0)
		return fail(d, EINVAL, e);
	if (slot_of(d, fd) < 0)
		return fail(d, EBADF, e);
	char buf[32 + VFILE_MAX_READ];
	size_t want = count < VFILE_MAX_READ ? (size_t)count : VFILE_MAX_READ;
	char data[VFILE_MAX_READ];
	ssize_t n = pread((int)fd, data, want, (off_t)off);
	if (n < 0)
		return fail(d, errno, e);
	int head = snprintf(buf, 32, "F%zx;", (size_t)n);
	memcpy(buf + head, data, (size_t)n);
	return rsp_send(&d->conn, buf, (size_t)head + (size_t)n, e);
}

static int h_close(struct dbg *d, const char *p, struct err *e)
{
	uint64_t fd;
	int slot = rsp_parse_hex(&p, &fd) < 0 ? -1 : slot_of(d, fd);
	if (slot < 0)
		return fail(d, EBADF, e);
	close(d->vfiles[slot]);
	d->vfiles[slot] = 0;
	return reply(d, "F0", e);
}

static void put_be(uint8_t **p, uint64_t v, int bytes)
{
	for (int i = bytes - 1; i >= 0; i--)
		*(*p)++ = (uint8_t)(v >> (8 * i));
}

/* The File-I/O protocol's struct stat: big-endian, 64 bytes. */
static int h_fstat(struct dbg *d, const char *p, struct err *e)
{
	uint64_t fd;
	struct stat st;
	if (rsp_parse_hex(&p, &fd) < 0 || slot_of(d, fd) < 0)
		return fail(d, EBADF, e);
	if (fstat((int)fd, &st) < 0)
		return fail(d, errno, e);
	uint8_t buf[16 + 64], *q = buf + 4;
	memcpy(buf, "F40;", 4);
	put_be(&q, st.st_dev, 4);
	put_be(&q, st.st_ino, 4);
	put_be(&q, st.st_mode, 4);
	put_be(&q, st.st_nlink, 4);
	put_be(&q, st.st_uid, 4);
	put_be(&q, st.st_gid, 4);
	put_be(&q, st.st_rdev, 4);
	put_be(&q, (uint64_t)st.st_size, 8);
	put_be(&q, (uint64_t)st.st_blksize, 8);
	put_be(&q, (uint64_t)st.st_blocks, 8);
	put_be(&q, (uint64_t)st.st_atime, 4);
	put_be(&q, (uint64_t)st.st_mtime, 4);
	put_be(&q, (uint64_t)st.st_ctime, 4);
	return rsp_send(&d->conn, buf, (size_t)(q - buf), e);
}

static int h_readlink(struct dbg *d, const char *p, struct err *e)
{
	char path[PATH_MAX + 32], buf[32 + PATH_MAX];
	if (host_path(d, &p, path, sizeof path) < 0)
		return fail(d, EINVAL, e);
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof target);
	if (n < 0)
		return fail(d, errno, e);
	int head = snprintf(buf, 32, "F%zx;", (size_t)n);
	memcpy(buf + head, target, (size_t)n);
	return rsp_send(&d->conn, buf, (size_t)head + (size_t)n, e);
}

static const struct {
	const char *name;
	int (*fn)(struct dbg *d, const char *args, struct err *e);
} ops[] = {
	{"setfs:", h_setfs}, {"open:", h_open}, {"pread:", h_pread},
	{"close:", h_close}, {"fstat:", h_fstat}, {"readlink:", h_readlink},
};

int dbg_vfile(struct dbg *d, const char *pkt, struct err *e)
{
	const char *op = pkt + strlen("vFile:");
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (!strncmp(op, ops[i].name, strlen(ops[i].name)))
			return ops[i].fn(d, op + strlen(ops[i].name), e);
	return reply(d, "", e); /* pwrite, unlink...: not for a replay */
}

void dbg_vfile_close_all(struct dbg *d)
{
	for (int i = 0; i < DBG_MAX_VFILES; i++)
		if (d->vfiles[i] > 0)
			close(d->vfiles[i]);
	memset(d->vfiles, 0, sizeof d->vfiles);
}
