/* Memory shared between replayed processes (the recorder's side is
 * recorder/rec_shared.c).
 *
 * Each shared object of the recording (a file, memfd or SysV segment
 * mapped MAP_SHARED) gets one copy in a directory of the replay's own,
 * made from the trace's copy at its first mapping; every mapping of the
 * object maps that copy MAP_SHARED, so the replayed processes share it as
 * the recorded ones shared the original, and their accesses come in the
 * recorded order because the schedule is replayed. A shmat becomes an mmap
 * of the copy and a shmdt a munmap. A change the recording made through an
 * fd (SHARED_SYNC) is written into the copy; at each later mapping the
 * copy is checked against the content the recording saw, and set to it if
 * something the trace does not show (a process outside the recording)
 * changed the original. The directory goes at the end of the replay, or,
 * if the replay was killed, at the next one's start. */
#define _GNU_SOURCE
#include "replay.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/hash.h"
#include "patching/inject.h"

/* Objects beyond this are a hostile or broken trace: each is a file. */
#define RP_MAX_OBJECTS 65536

static void copy_path(const struct rp_shared *sh, uint32_t obj, char *out, size_t len)
{
	snprintf(out, len, "%s/object-%u", sh->dir, obj);
}

/* Remove dir's object-N files and dir itself. */
static void remove_copies(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[PATH_MAX + 300];
	while (d && (de = readdir(d))) {
		unsigned obj;
		char extra;
		if (sscanf(de->d_name, "object-%u%c", &obj, &extra) != 1)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/* The directories of replays that are gone (killed, or a gdb session that
 * ended with gdb, which kills its replay): named for their replayer's
 * pid, they are removed by the next replay. */
static void remove_stale_dirs(const char *tmp)
{
	DIR *d = opendir(tmp);
	struct dirent *de;
	char path[PATH_MAX + 300];
	while (d && (de = readdir(d))) {
		int pid, end = 0;
		if (sscanf(de->d_name, "heisen-replay-%d-%*6[A-Za-z0-9]%n", &pid, &end) != 1 ||
		    !end || de->d_name[end] || pid <= 0 || kill(pid, 0) == 0 || errno != ESRCH)
			continue;
		snprintf(path, sizeof path, "%s/%s", tmp, de->d_name);
		remove_copies(path);
	}
	if (d)
		closedir(d);
}

static int make_dir(struct rp_shared *sh, struct err *e)
{
	if (sh->dir[0])
		return 0;
	const char *tmp = getenv("TMPDIR");
	tmp = tmp && *tmp ? tmp : "/tmp";
	remove_stale_dirs(tmp);
	snprintf(sh->dir, sizeof sh->dir, "%s/heisen-replay-%d-XXXXXX", tmp, (int)getpid());
	if (!mkdtemp(sh->dir)) {
		int saved = errno;
		char want[PATH_MAX];
		snprintf(want, sizeof want, "%s", sh->dir);
		sh->dir[0] = 0;
		errno = saved;
		return err_sys(e, "cannot make %s for the replay's shared memory", want);
	}
	return 0;
}

int rp_shared_dir(struct rp_session *s, int needed, const char **dir, struct err *e)
{
	*dir = NULL;
	if (!needed)
		return 0;
	if (make_dir(&s->shared, e) < 0)
		return -1;
	*dir = s->shared.dir;
	return 0;
}

/* Make the copy of obj hold the trace's files/hash. */
static int fill_copy(struct rp_session *s, const char *dst, const char *hash, struct err *e)
{
	char src[PATH_MAX + 40];
	if (rp_copy_path(s, hash, src, sizeof src, e) < 0)
		return err_wrap(e, "event %llu: shared memory", (unsigned long long)s->ev.index);
	int in = open(src, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return err_sys(e, "event %llu: the trace has no copy %s",
			       (unsigned long long)s->ev.index, src);
	int out = open(dst, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	char buf[1 << 16];
	ssize_t n = 0;
	off_t off = 0;
	if (out >= 0 && ftruncate(out, 0) == 0)
		while ((n = read(in, buf, sizeof buf)) > 0 && pwrite(out, buf, (size_t)n, off) == n)
			off += n;
	int bad = out < 0 || n != 0;
	close(in);
	if (out >= 0)
		close(out);
	return bad ? err_sys(e, "cannot copy %s to %s", src, dst) : 0;
}

/* The copy of the object the pending SHARED_MAP names, as the recording
 * saw it at this mapping. */
static int ready_copy(struct rp_session *s, const struct rp_shared_map *m, char *path,
		      size_t len, struct err *e)
{
	struct rp_shared *sh = &s->shared;
	if (m->object >= RP_MAX_OBJECTS)
		return err_set(e, "event %llu: shared object %u: the trace is corrupt",
			       (unsigned long long)s->ev.index, m->object);
	if (make_dir(sh, e) < 0)
		return -1;
	if (m->object >= sh->nmade) {
		size_t n = (size_t)m->object + 1;
		uint8_t *v = realloc(sh->made, n);
		if (!v)
			abort();
		memset(v + sh->nmade, 0, n - sh->nmade);
		sh->made = v;
		sh->nmade = n;
	}
	copy_path(sh, m->object, path, len);
	if (sh->made[m->object]) {
		char now[33] = "";
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		int ok = fd >= 0 && hash128_fd_hex(fd, now) == 0;
		if (fd >= 0)
			close(fd);
		if (ok && strcmp(now, m->hash) == 0)
			return 0;
	}
	if (fill_copy(s, path, m->hash, e) < 0)
		return -1;
	sh->made[m->object] = 1;
	return 0;
}

static int apply_sync(struct rp_session *s, const struct event *ev, struct err *e)
{
	struct rp_shared *sh = &s->shared;
	uint32_t obj = ev->shared.object;
	if (obj >= sh->nmade || !sh->made[obj])
		return err_set(e, "event %llu: a change to shared object %u, which nothing "
			       "mapped: the trace is corrupt", (unsigned long long)ev->index, obj);
	char path[PATH_MAX + 32];
	copy_path(sh, obj, path, sizeof path);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	int ok = fd >= 0 && ftruncate(fd, (off_t)ev->shared.size) == 0 &&
		 pwrite(fd, ev->shared.data, ev->shared.len, (off_t)ev->shared.offset) ==
		 (ssize_t)ev->shared.len;
	if (fd >= 0)
		close(fd);
	return ok ? 0 : err_sys(e, "event %llu: cannot change %s", (unsigned long long)ev->index, path);
}

int rp_shared_event(struct rp_session *s, const struct event *ev, struct err *e)
{
	struct rp_shared *sh = &s->shared;
	if (ev->shared.kind == SHARED_SYNC)
		return apply_sync(s, ev, e);
	sh->pending.tid = ev->tid;
	sh->pending.kind = ev->shared.kind;
	sh->pending.object = ev->shared.object;
	sh->pending.size = ev->shared.size;
	memcpy(sh->pending.hash, ev->shared.hash, sizeof sh->pending.hash);
	sh->has_pending = 1;
	return 0;
}

static int take_pending(struct rp_session *s, struct task *t, const char *what, struct err *e)
{
	struct rp_shared *sh = &s->shared;
	if (!sh->has_pending || sh->pending.tid != (uint32_t)t->vtid)
		return rp_diverge(s, t, e, "%s of memory shared with other processes, which "
				  "the trace does not describe", what);
	sh->has_pending = 0;
	return 0;
}

/* The length of the mapping of a copy that starts at addr in t. */
static uint64_t copy_mapping_len(struct rp_session *s, struct task *t, uint64_t addr)
{
	char path[64], line[PATH_MAX + 128];
	snprintf(path, sizeof path, "/proc/%d/maps", t->tid);
	FILE *f = fopen(path, "re");
	uint64_t len = 0;
	size_t dirlen = strlen(s->shared.dir);
	while (f && !len && fgets(line, sizeof line, f)) {
		unsigned long long lo, hi;
		int name = 0;
		if (sscanf(line, "%llx-%llx %*s %*s %*s %*s %n", &lo, &hi, &name) < 2 || lo != addr)
			continue;
		uint32_t obj;
		const char *file = line + name;
		if (!strncmp(file, s->shared.dir, dirlen) &&
		    sscanf(file + dirlen, "/object-%u", &obj) == 1) {
			/* all of the segment, over the pieces an mprotect made */
			struct stat st;
			char cp[PATH_MAX + 32];
			copy_path(&s->shared, obj, cp, sizeof cp);
			if (stat(cp, &st) == 0)
				len = ((uint64_t)st.st_size + 4095) & ~4095ull;
		}
	}
	if (f)
		fclose(f);
	return len;
}

int rp_shared_prepare(struct rp_session *s, struct task *t, struct user_regs_struct *r,
		      int64_t *opened_fd, struct err *e)
{
	char path[PATH_MAX + 32];
	int64_t fd;
	if (t->nr == SYS_shmdt) {
		uint64_t len = copy_mapping_len(s, t, r->rdi);
		if (!len)
			return rp_diverge(s, t, e, "shmdt at 0x%llx, where the replay attached "
					  "no segment", (unsigned long long)r->rdi);
		r->orig_rax = SYS_munmap;
		r->rsi = len;
		return 0;
	}
	if (take_pending(s, t, t->nr == SYS_shmat ? "shmat" : "mmap", e) < 0)
		return -1;
	if (s->shared.pending.kind == SHARED_ZERO) {
		r->r10 |= MAP_ANONYMOUS;
		r->r8 = (uint64_t)-1;
		r->r9 = 0;
		return 0;
	}
	if (ready_copy(s, &s->shared.pending, path, sizeof path, e) < 0 ||
	    rp_open_in_tracee(s, t, path, O_RDWR, &fd, e) < 0)
		return -1;
	*opened_fd = fd;
	if (t->nr == SYS_mmap) {
		r->r8 = (uint64_t)fd;
		return 0;
	}
	/* shmat(id, addr, flags) at the address the recording got */
	int flags = (int)t->entry_regs.rdx;
	r->orig_rax = SYS_mmap;
	r->rdi = (uint64_t)s->ev.sys.result;
	r->rsi = (s->shared.pending.size + 4095) & ~4095ull;
	r->rdx = PROT_READ | (flags & SHM_RDONLY ? 0 : PROT_WRITE) |
		 (flags & SHM_EXEC ? PROT_EXEC : 0);
	r->r10 = MAP_SHARED | (flags & SHM_REMAP ? MAP_FIXED : MAP_FIXED_NOREPLACE);
	r->r8 = (uint64_t)fd;
	r->r9 = 0;
	return 0;
}

void rp_shared_free(struct rp_session *s)
{
	struct rp_shared *sh = &s->shared;
	if (sh->dir[0])
		remove_copies(sh->dir);
	free(sh->made);
	memset(sh, 0, sizeof *sh);
}
