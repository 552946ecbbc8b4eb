/* The replay's view of the filesystem, made inside its own mount namespace
 * before the program starts: the trace's copies of the executed files
 * bind-mounted over the paths the recording executed them from, and the
 * directories it executed them in.
 *
 * A path that no longer exists (a test's temporary directory, a program
 * deleted or moved since) is made where it was, in an overlay of its
 * nearest existing ancestor whose upper layer is a tmpfs that belongs to
 * no directory (the new mount API's detached mount): the namespace sees
 * the ancestor as it is plus the new path, and nothing is written to the
 * real disk. */
#define _GNU_SOURCE
#include "mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* A tmpfs mounted nowhere: its upper and work directories are reached
 * through /proc/self/fd. Made on first need. */
static int scratch_fs(struct replay_fs *fs, struct err *e)
{
	if (fs->scratch >= 0)
		return 0;
	int ctx = (int)syscall(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC);
	if (ctx < 0)
		return err_sys(e, "cannot make a tmpfs (fsopen)");
	if (syscall(SYS_fsconfig, ctx, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0) {
		close(ctx);
		return err_sys(e, "cannot make a tmpfs (fsconfig)");
	}
	fs->scratch = (int)syscall(SYS_fsmount, ctx, FSMOUNT_CLOEXEC, 0);
	close(ctx);
	return fs->scratch < 0 ? err_sys(e, "cannot make a tmpfs (fsmount)") : 0;
}

/* Whether path is under one of our overlays, so can be written in. */
static int in_overlay(const struct replay_fs *fs, const char *path)
{
	for (int i = 0; i < fs->noverlays; i++) {
		size_t n = strlen(fs->overlay[i]);
		if (strncmp(path, fs->overlay[i], n) == 0 &&
		    (path[n] == '/' || path[n] == 0 || n == 1))
			return 1;
	}
	return 0;
}

/* Whether another mount sits below dir: an overlay of dir would hide it
 * (its lower layer is dir's own filesystem only). */
static int has_submounts(const char *dir)
{
	char line[2 * PATH_MAX], point[PATH_MAX];
	size_t n = strlen(dir);
	FILE *f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return 1;
	int found = 0;
	while (!found && fgets(line, sizeof line, f))
		if (sscanf(line, "%*s %*s %*s %*s %4095s", point) == 1 &&
		    strncmp(point, dir, n) == 0 && (point[n] == '/' || (n == 1 && point[1])))
			found = 1;
	fclose(f);
	return found;
}

/* Make dir writable in this namespace: an overlay over it. */
static int overlay(struct replay_fs *fs, const char *dir, struct err *e)
{
	char opts[3 * PATH_MAX], upper[64], work[64];
	if (fs->noverlays == MOUNTS_MAX_OVERLAYS)
		return err_set(e, "more than %d directories to remake", MOUNTS_MAX_OVERLAYS);
	if (has_submounts(dir))
		return err_set(e, "cannot remake a path under %s, which has mounts below it", dir);
	if (scratch_fs(fs, e) < 0)
		return -1;
	snprintf(upper, sizeof upper, "u%d", fs->noverlays);
	snprintf(work, sizeof work, "w%d", fs->noverlays);
	if (mkdirat(fs->scratch, upper, 0755) < 0 || mkdirat(fs->scratch, work, 0755) < 0)
		return err_sys(e, "cannot make an overlay's directories");
	snprintf(opts, sizeof opts, "lowerdir=%s,upperdir=/proc/self/fd/%d/%s,workdir=/proc/self/fd/%d/%s",
		 dir, fs->scratch, upper, fs->scratch, work);
	if (mount("overlay", dir, "overlay", 0, opts) < 0)
		return err_sys(e, "cannot overlay %s", dir);
	snprintf(fs->overlay[fs->noverlays++], PATH_MAX, "%s", dir);
	return 0;
}

/* The nearest ancestor of path that exists (path itself excluded), as
 * the kernel resolves it (a recorded path may hold ".." or symlinks), in
 * out; returns where the rest of path, below that ancestor, starts. */
static size_t existing_ancestor(const char *path, char *out, size_t len)
{
	char real[PATH_MAX];
	size_t end = strlen(path);
	while (end > 0) {
		while (end > 0 && path[--end] != '/')
			;
		snprintf(out, len, "%.*s", (int)end, path);
		if (end > 0 && access(out, F_OK) == 0) {
			if (realpath(out, real))
				snprintf(out, len, "%s", real);
			return end;
		}
	}
	snprintf(out, len, "/");
	return 0;
}

/* path with its existing part resolved, so that it compares with mount
 * points and overlays. */
static void resolved(const char *path, char *out, size_t len)
{
	char anc[PATH_MAX];
	size_t rest = existing_ancestor(path, anc, sizeof anc);
	snprintf(out, len, "%s%s", strcmp(anc, "/") ? anc : "", path + rest);
}

/* mkdir -p of path's directories (the last component too if is_dir),
 * then an empty file for a file path. */
static int make_path(const char *path, int is_dir, struct err *e)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s", path);
	for (char *c = p + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = 0;
		if (mkdir(p, 0755) < 0 && errno != EEXIST)
			return err_sys(e, "cannot make %s", p);
		*c = '/';
	}
	if (is_dir)
		return mkdir(p, 0755) < 0 && errno != EEXIST ? err_sys(e, "cannot make %s", p) : 0;
	int fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
	if (fd < 0)
		return err_sys(e, "cannot make %s", p);
	close(fd);
	return 0;
}

int replay_fs_ensure(struct replay_fs *fs, const char *recorded, int is_dir,
		     struct err *e)
{
	char path[PATH_MAX];
	if (recorded[0] != '/')
		return err_set(e, "recorded path %s is not absolute", recorded);
	if (access(recorded, F_OK) == 0)
		return 0;
	resolved(recorded, path, sizeof path);
	if (!in_overlay(fs, path)) {
		char anc[PATH_MAX];
		(void)existing_ancestor(path, anc, sizeof anc);
		if (overlay(fs, anc, e) < 0)
			return -1;
	}
	return make_path(path, is_dir, e);
}

int replay_fs_ensure_all(struct replay_fs *fs, struct fs_path *v, int n,
			 struct err *e)
{
	char anc[PATH_MAX];
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (access(v[i].path, F_OK) == 0)
			continue;
		struct fs_path p = v[i];
		(void)existing_ancestor(p.path, anc, sizeof anc);
		p.depth = strlen(anc);
		/* insertion by depth: a few hundred paths at most */
		int j = k++;
		for (; j > 0 && v[j - 1].depth > p.depth; j--)
			v[j] = v[j - 1];
		v[j] = p;
	}
	for (int i = 0; i < k; i++)
		if (replay_fs_ensure(fs, v[i].path, v[i].is_dir, e) < 0)
			return -1;
	return 0;
}

void replay_fs_close(struct replay_fs *fs)
{
	if (fs->scratch >= 0)
		close(fs->scratch);
	fs->scratch = -1;
}
