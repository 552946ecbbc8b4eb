/* Mapped files are copied into the trace, named by a hash of their content,
 * so a replay works after the file changed or on another machine. A file
 * already stored in this recording (same device, inode, size and mtime)
 * is not hashed again. */
#define _GNU_SOURCE
#include "record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hash.h"

void file_store_init(struct file_store *fs, const char *tracedir)
{
	memset(fs, 0, sizeof *fs);
	snprintf(fs->dir, sizeof fs->dir, "%s/%s", tracedir, TRACE_FILES_DIR);
}

static struct stored_file *known(struct file_store *fs, const struct stat *st)
{
	for (size_t i = 0; i < fs->n; i++) {
		struct stored_file *f = &fs->v[i];
		if (f->dev == st->st_dev && f->ino == st->st_ino &&
		    f->size == st->st_size &&
		    f->mtime_ns == st->st_mtim.tv_sec * 1000000000ll + st->st_mtim.tv_nsec)
			return f;
	}
	return NULL;
}

/* Hash the file, then copy it unless a copy with that hash exists. The copy
 * is written to a temporary name and renamed, so a recorder killed halfway
 * never leaves a partial file under a valid name. */
static int copy_in(struct file_store *fs, int fd, char hash[33], struct err *e)
{
	char buf[1 << 16];
	ssize_t n;
	if (hash128_fd_hex(fd, hash) < 0)
		return err_sys(e, "cannot read a mapped file");

	char dst[PATH_MAX + 40], tmp[PATH_MAX + 48];
	struct stat st;
	snprintf(dst, sizeof dst, "%s/%s", fs->dir, hash);
	if (lstat(dst, &st) == 0 && S_ISREG(st.st_mode))
		return 0; /* stored before, under the same content hash */
	snprintf(tmp, sizeof tmp, "%s.tmp%d", dst, getpid());
	int out = trace_file_create(tmp, TRACE_COPY_MODE, e);
	if (out < 0)
		return -1;
	off_t off = 0;
	while ((n = pread(fd, buf, sizeof buf, off)) > 0) {
		if (trace_write_full(out, buf, (size_t)n) < 0)
			break;
		off += n;
	}
	/* errno is the failed call's: keep it through the clean-up */
	if (n != 0 || close(out) < 0 || rename(tmp, dst) < 0) {
		int err = errno;
		if (n != 0)
			close(out);
		unlink(tmp);
		errno = err;
		return err_sys(e, "cannot store a copy in %s", fs->dir);
	}
	return 0;
}

/* Store path's content; with use_cache, not again if this recording
 * stored the same file unchanged (same inode, size and mtime). */
static int add(struct file_store *fs, const char *path, int use_cache, char hash[33],
	       uint64_t *size, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0) {
		err_sys(e, "cannot open mapped file %s", path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*size = (uint64_t)st.st_size;
	struct stored_file *f = use_cache ? known(fs, &st) : NULL;
	if (f) {
		memcpy(hash, f->hash, 33);
		close(fd);
		return 0;
	}
	int rc = copy_in(fs, fd, hash, e);
	close(fd);
	if (rc < 0)
		return err_wrap(e, "%s", path);
	if (!use_cache)
		return 0;
	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 16;
		struct stored_file *v = realloc(fs->v, cap * sizeof *v);
		if (!v)
			abort();
		fs->v = v;
		fs->cap = cap;
	}
	f = &fs->v[fs->n++];
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->size = st.st_size;
	f->mtime_ns = st.st_mtim.tv_sec * 1000000000ll + st.st_mtim.tv_nsec;
	memcpy(f->hash, hash, 33);
	return 0;
}

int file_store_add(struct file_store *fs, const char *path, char hash[33],
		   uint64_t *size, struct err *e)
{
	return add(fs, path, 1, hash, size, e);
}

int file_store_snapshot(struct file_store *fs, const char *path, char hash[33],
			uint64_t *size, struct err *e)
{
	return add(fs, path, 0, hash, size, e);
}

void file_store_free(struct file_store *fs)
{
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}
