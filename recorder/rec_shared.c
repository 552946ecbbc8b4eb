/* Memory shared between processes of the recording.
 *
 * heisen runs one thread of the recorded tree at a time, so a MAP_SHARED
 * file, memfd or SysV segment that only recorded processes touch is as
 * deterministic as memory shared between threads: the order of their
 * accesses is the schedule, which the trace holds. What the replay needs
 * is the object's content when each mapping is made (SHARED_MAP), and
 * every change made to it through an fd rather than through a mapping
 * (SHARED_SYNC: a write, pwrite, ftruncate...). Objects are told apart by
 * device and inode, which a SysV segment also has (its inode is its id).
 * A freed inode may come back as a new file; it then reuses the old
 * object's number, which is harmless: nothing maps the old one any more,
 * and every SHARED_MAP carries the content, which the replay checks.
 *
 * What is refused: mapping a device (other than /dev/zero), whose memory
 * the device itself changes, and a SysV segment that no process of the
 * recording made, which a process outside may write at any time. */
#define _GNU_SOURCE
#include "record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "core/ptrace_util.h"

static int64_t find_object(const struct shared_objects *o, const struct stat *st)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->v[i].dev == st->st_dev && o->v[i].ino == st->st_ino)
			return (int64_t)i;
	return -1;
}

static int64_t add_object(struct shared_objects *o, const struct stat *st)
{
	int64_t i = find_object(o, st);
	if (i >= 0)
		return i;
	if (o->n == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 8;
		void *v = realloc(o->v, cap * sizeof *o->v);
		if (!v)
			abort();
		o->v = v;
		o->cap = cap;
	}
	o->v[o->n].dev = st->st_dev;
	o->v[o->n].ino = st->st_ino;
	return (int64_t)o->n++;
}

static int is_dev_zero(const struct stat *st)
{
	return S_ISCHR(st->st_mode) && st->st_rdev == makedev(1, 5);
}

/* Store the object's content as it is now (never from the store's cache:
 * writes through a mapping need not change the file's mtime) and tell the
 * replay that the next mapping of this thread maps it. */
static int put_map(struct rec_session *s, struct task *t, const char *path,
		   const struct stat *st, struct err *e)
{
	struct event ev = {.type = EV_SHARED};
	ev.shared.kind = SHARED_MAP;
	ev.shared.object = (uint32_t)add_object(&s->shared, st);
	ev.shared.data = (const uint8_t *)"";
	if (file_store_snapshot(&s->files, path, ev.shared.hash, &ev.shared.size, e) < 0)
		return -1;
	rec_put(s, &ev, t);
	s->stats.mapped_files++;
	return 0;
}

int rec_shared_mmap_entry(struct rec_session *s, struct task *t, struct err *e)
{
	const struct user_regs_struct *r = &t->entry_regs;
	if (r->r10 & MAP_ANONYMOUS)
		return 0;
	char fd_link[64], path[PATH_MAX];
	struct stat st;
	snprintf(fd_link, sizeof fd_link, "/proc/%d/fd/%d", t->tid, (int)r->r8);
	if (stat(fd_link, &st) < 0 || !(S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) ||
	    is_dev_zero(&st))
		return 0;
	ssize_t n = readlink(fd_link, path, sizeof path - 1);
	path[n > 0 ? n : 0] = 0;
	return err_set(e, "event %llu: thread %d maps the device %s: memory a device "
		       "changes is not supported", (unsigned long long)rec_next_event(s),
		       t->vtid, path);
}

int rec_shared_mmap(struct rec_session *s, struct task *t, const uint64_t *args,
		    struct err *e)
{
	char fd_link[64];
	struct stat st;
	snprintf(fd_link, sizeof fd_link, "/proc/%d/fd/%d", t->tid, (int)args[4]);
	if (stat(fd_link, &st) < 0)
		return err_sys(e, "cannot look at mapped fd %d", (int)args[4]);
	if (is_dev_zero(&st)) {
		struct event ev = {.type = EV_SHARED};
		ev.shared.kind = SHARED_ZERO;
		ev.shared.data = (const uint8_t *)"";
		rec_put(s, &ev, t);
		return 0;
	}
	if (!(args[3] & MAP_SHARED))
		return 1; /* private: the caller stores the file as it is */
	return put_map(s, t, fd_link, &st, e);
}

/* The host pid that made SysV segment id, or 0. */
static pid_t segment_creator(int id)
{
	struct shmid_ds ds;
	return shmctl(id, IPC_STAT, &ds) < 0 ? 0 : ds.shm_cpid;
}

int rec_shared_shm(struct rec_session *s, struct task *t, const uint64_t *args,
		   int64_t result, struct err *e)
{
	if (t->nr == SYS_shmget) {
		/* a segment made here: its creator is this process */
		if (segment_creator((int)result) == t->tgid) {
			if (s->nmade_shm == sizeof s->made_shm / sizeof s->made_shm[0])
				return err_set(e, "event %llu: more than %zu SysV shared memory "
					       "segments made", (unsigned long long)rec_next_event(s),
					       sizeof s->made_shm / sizeof s->made_shm[0]);
			s->made_shm[s->nmade_shm++] = (int)result;
		}
		return 0;
	}
	int id = (int)args[0], made = 0;
	for (int i = 0; i < s->nmade_shm; i++)
		made |= s->made_shm[i] == id;
	if (!made)
		return err_set(e, "event %llu: thread %d attaches SysV segment %d, which no "
			       "process of the recording made: memory shared with a process "
			       "outside the recording is not supported",
			       (unsigned long long)rec_next_event(s), t->vtid, id);
	/* the segment's file, through the mapping just made */
	struct shmid_ds ds;
	if (shmctl(id, IPC_STAT, &ds) < 0)
		return err_sys(e, "event %llu: cannot look at SysV segment %d",
			       (unsigned long long)rec_next_event(s), id);
	char path[96];
	uint64_t end = (uint64_t)result + ((ds.shm_segsz + 4095) & ~(uint64_t)4095);
	snprintf(path, sizeof path, "/proc/%d/map_files/%llx-%llx", t->tid,
		 (unsigned long long)result, (unsigned long long)end);
	struct stat st;
	if (stat(path, &st) < 0)
		return err_sys(e, "event %llu: cannot open the mapping of SysV segment %d",
			       (unsigned long long)rec_next_event(s), id);
	return put_map(s, t, path, &st, e);
}

/* Syscalls that change a file through an fd, and where. */
enum change { CH_AT_POS, CH_AT_ARG3, CH_AT_POS_OR_ARG3, CH_RANGE_ARG23, CH_SIZE,
	      CH_AT_PTR3 };
static const struct {
	long nr;
	int fd_arg;
	enum change where;
} changers[] = {
	{SYS_write, 0, CH_AT_POS},       {SYS_writev, 0, CH_AT_POS},
	{SYS_pwrite64, 0, CH_AT_ARG3},   {SYS_pwritev, 0, CH_AT_ARG3},
	{SYS_pwritev2, 0, CH_AT_POS_OR_ARG3},
	{SYS_ftruncate, 0, CH_SIZE},     {SYS_fallocate, 0, CH_RANGE_ARG23},
	{SYS_sendfile, 0, CH_AT_POS},    {SYS_copy_file_range, 2, CH_AT_PTR3},
	{SYS_splice, 2, CH_AT_PTR3},
};

/* The file position of fd, from /proc/TID/fdinfo. */
static int64_t fd_pos(pid_t tid, int fd)
{
	char path[64], buf[256];
	snprintf(path, sizeof path, "/proc/%d/fdinfo/%d", tid, fd);
	int f = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = f < 0 ? -1 : read(f, buf, sizeof buf - 1);
	if (f >= 0)
		close(f);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	long long pos;
	return sscanf(buf, "pos: %lld", &pos) == 1 ? pos : -1;
}

/* Where the call changed the file: [*off, *off + *len). */
static int changed_range(struct task *t, enum change where, int fd, const uint64_t *args,
			 int64_t result, uint64_t size, uint64_t *off, uint64_t *len)
{
	int64_t pos;
	uint64_t at;
	struct err ignored;
	*len = (uint64_t)result;
	switch (where) {
	case CH_SIZE:
		*off = *len = 0; /* (what it added is zeros) */
		return 0;
	case CH_RANGE_ARG23:
		*off = args[2];
		*len = args[3];
		break;
	case CH_AT_ARG3:
		*off = args[3];
		break;
	case CH_AT_POS_OR_ARG3:
		if ((int64_t)args[3] != -1) {
			*off = args[3];
			break;
		}
		/* fall through */
	case CH_AT_POS:
		if ((pos = fd_pos(t->tid, fd)) < result)
			return -1;
		*off = (uint64_t)(pos - result);
		break;
	case CH_AT_PTR3: /* the offset pointer was moved past what it wrote */
		if (!args[3]) {
			if ((pos = fd_pos(t->tid, fd)) < result)
				return -1;
			*off = (uint64_t)(pos - result);
		} else if (mem_read(t->tid, args[3], &at, sizeof at, &ignored) < 0 ||
			   at < (uint64_t)result) {
			return -1;
		} else {
			*off = at - (uint64_t)result;
		}
		break;
	}
	if (*off > size)
		*off = size;
	if (*len > size - *off)
		*len = size - *off;
	return 0;
}

int rec_shared_after(struct rec_session *s, struct task *t, const uint64_t *args,
		     int64_t result, struct err *e)
{
	if (!s->shared.n || result < 0)
		return 0;
	size_t i = 0, n = sizeof changers / sizeof changers[0];
	while (i < n && changers[i].nr != t->nr)
		i++;
	if (i == n)
		return 0;
	int fd = (int)args[changers[i].fd_arg];
	char link[64];
	struct stat st;
	snprintf(link, sizeof link, "/proc/%d/fd/%d", t->tid, fd);
	/* Only a regular file can be an object (memfds and SysV segments are
	 * too). A fifo or socket may carry a freed object's inode number:
	 * ext4 hands a deleted file's inode to the next file made. */
	int64_t obj = stat(link, &st) < 0 || !S_ISREG(st.st_mode) ? -1 :
		      find_object(&s->shared, &st);
	if (obj < 0)
		return 0;
	struct event ev = {.type = EV_SHARED};
	ev.shared.kind = SHARED_SYNC;
	ev.shared.object = (uint32_t)obj;
	ev.shared.size = (uint64_t)st.st_size;
	uint64_t off = 0, len = 0;
	if (changed_range(t, changers[i].where, fd, args, result, ev.shared.size, &off, &len) < 0) {
		off = 0; /* not known where: all of it */
		len = ev.shared.size;
	}
	if (len > TRACE_MAX_RECORD / 2)
		return err_set(e, "event %llu: thread %d changed %llu bytes of a shared file at "
			       "once, more than one event may hold", (unsigned long long)rec_next_event(s),
			       t->vtid, (unsigned long long)len);
	uint8_t *data = malloc(len ? len : 1);
	int f = open(link, O_RDONLY | O_CLOEXEC);
	ssize_t got = f < 0 || !data ? -1 : pread(f, data, len, (off_t)off);
	if (f >= 0)
		close(f);
	if (got != (ssize_t)len) {
		free(data);
		return err_sys(e, "event %llu: cannot read back a shared file's change",
			       (unsigned long long)rec_next_event(s));
	}
	ev.shared.offset = off;
	ev.shared.len = (uint32_t)len;
	ev.shared.data = data;
	rec_put(s, &ev, t);
	free(data);
	return 0;
}

void rec_shared_free(struct rec_session *s)
{
	free(s->shared.v);
	memset(&s->shared, 0, sizeof s->shared);
}
