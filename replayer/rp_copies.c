/* The trace's copies of mapped files (files/HASH) are untrusted like the
 * rest of the trace: before the replay maps, binds or copies one, its
 * content must hash to its name, so that a flipped or appended byte, or a
 * symlink put in its place, is an error and not a different replay. Each
 * copy is hashed once per replay (the session keeps the names checked). */
#define _GNU_SOURCE
#include "replay.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hash.h"

static int checked_before(const struct rp_copies *c, const char *hash)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->hash[i], hash))
			return 1;
	return 0;
}

static int remember(struct rp_copies *c, const char *hash, struct err *e)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		char (*v)[33] = realloc(c->hash, cap * sizeof *v);
		if (!v)
			return err_set(e, "out of memory");
		c->hash = v;
		c->cap = cap;
	}
	memcpy(c->hash[c->n++], hash, 33);
	return 0;
}

int rp_copy_path(struct rp_session *s, const char *hash, char *path, size_t len,
		 struct err *e)
{
	snprintf(path, len, "%s/%s", s->files_dir, hash);
	if (checked_before(&s->copies, hash))
		return 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ELOOP)
		return err_set(e, "trace corrupt: the copy %s is a symlink", path);
	if (fd < 0)
		return err_sys(e, "trace incomplete: cannot open the copy %s", path);
	struct stat st;
	char got[33];
	int rc = 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		rc = err_set(e, "trace corrupt: the copy %s is not a regular file", path);
	else if (hash128_fd_hex(fd, got) < 0)
		rc = err_sys(e, "cannot read the copy %s", path);
	else if (strcmp(got, hash))
		rc = err_set(e, "trace corrupt: the copy %s does not match its name "
			     "(its content hashes to %s)", path, got);
	close(fd);
	return rc < 0 ? -1 : remember(&s->copies, hash, e);
}

void rp_copies_free(struct rp_copies *c)
{
	free(c->hash);
	memset(c, 0, sizeof *c);
}
