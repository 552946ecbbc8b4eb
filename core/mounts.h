/* The replay's view of the filesystem (core/mounts.c): recorded paths
 * that no longer exist are made again inside the replay's own mount
 * namespace, without writing to the real disk. */
#ifndef HEISEN_MOUNTS_H
#define HEISEN_MOUNTS_H

#include <limits.h>
#include <stddef.h>

#include "err.h"

#define MOUNTS_MAX_OVERLAYS 32

struct replay_fs {
	int scratch; /* a detached tmpfs for the overlays' upper layers, or -1 */
	int noverlays;
	char overlay[MOUNTS_MAX_OVERLAYS][PATH_MAX];
};

#define REPLAY_FS_INIT {.scratch = -1}

/* Make sure path (absolute) exists in this mount namespace, as a
 * directory or as a file that something can be bind-mounted over. */
int replay_fs_ensure(struct replay_fs *fs, const char *path, int is_dir,
		     struct err *e);
/* replay_fs_ensure for all of them, before anything is bind-mounted over
 * them: the paths whose nearest existing ancestor is shallowest first, so
 * that one overlay serves the paths below it instead of a second overlay
 * being refused because the first sits below it. */
struct fs_path {
	const char *path;
	int is_dir;
	size_t depth; /* set and used by replay_fs_ensure_all */
};
/* It runs in the namespace's first process, made by a raw clone: no
 * malloc there (another thread of heisen may have held the allocator's
 * lock at the clone), so it sorts v in place, and the caller keeps at
 * most this many paths on its stack. */
#define MOUNTS_MAX_PATHS 512
int replay_fs_ensure_all(struct replay_fs *fs, struct fs_path *v, int n,
			 struct err *e);
void replay_fs_close(struct replay_fs *fs);

#endif
