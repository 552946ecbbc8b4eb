/* Writing a trace: events are encoded into a buffer and written out by
 * trace_flush(), which the recorder calls before it lets any tracee run on,
 * so a recorder killed by SIGKILL leaves only whole records behind. */
#include "trace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"

static size_t record_begin(struct buf *b, uint8_t type)
{
	size_t start = b->len;
	buf_u32(b, 0); /* payload length, patched by record_end() */
	buf_u8(b, type);
	return start;
}

static void record_end(struct buf *b, size_t start)
{
	uint32_t len = (uint32_t)(b->len - start - 5);
	memcpy(b->p + start, &len, 4);
	uint32_t crc = crc32c(0, b->p + start + 4, len + 1);
	buf_u32(b, crc);
}

static void put_strings(struct buf *b, int n, char **v)
{
	buf_u32(b, (uint32_t)n);
	for (int i = 0; i < n; i++)
		buf_str(b, v[i]);
}

static void put_header(struct buf *b, const struct ev_header *h)
{
	size_t s = record_begin(b, EV_HEADER);
	buf_str(b, h->exe);
	buf_str(b, h->cwd);
	put_strings(b, h->argc, h->argv);
	put_strings(b, h->envc, h->envp);
	buf_u8(b, h->cpuid_mode);
	buf_u32(b, h->cpu);
	buf_u64(b, h->timeslice_us);
	buf_u64(b, h->start_time);
	buf_u8(b, h->chaos_mode);
	buf_u64(b, h->chaos_seed);
	buf_u32(b, h->chaos_depth);
	buf_u32(b, h->chaos_steps);
	record_end(b, s);
}

/* A new directory, exactly 0700 whatever the umask: a trace holds what
 * the program read. */
static int make_private_dir(const char *dir)
{
	return mkdir(dir, TRACE_DIR_MODE) < 0 || chmod(dir, TRACE_DIR_MODE) < 0 ? -1 : 0;
}

int trace_dir_create(const char *dir, struct err *e)
{
	if (make_private_dir(dir) == 0)
		return 0;
	if (errno == EEXIST)
		return err_set(e, "%s already exists: record into a new directory", dir);
	return err_sys(e, "cannot create trace directory %s", dir);
}

int trace_file_create(const char *path, mode_t mode, struct err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return err_sys(e, "cannot create %s", path);
	if (fchmod(fd, mode) < 0) {
		err_sys(e, "cannot set the mode of %s", path);
		close(fd);
		return -1;
	}
	return fd;
}

int trace_create(struct trace_writer *w, const char *dir,
		 const struct ev_header *h, struct err *e)
{
	char path[PATH_MAX + 32];
	memset(w, 0, sizeof *w);
	w->fd = -1;
	snprintf(path, sizeof path, "%s/%s", dir, TRACE_FILES_DIR);
	if (make_private_dir(path) < 0)
		return err_sys(e, "cannot create %s", path);
	snprintf(path, sizeof path, "%s/%s", dir, TRACE_FILE);
	w->fd = trace_file_create(path, TRACE_FILE_MODE, e);
	if (w->fd < 0)
		return -1;
	uint32_t version = TRACE_VERSION;
	buf_put(&w->out, TRACE_MAGIC, 8);
	buf_u32(&w->out, version);
	put_header(&w->out, h);
	return trace_flush(w, e);
}

static void put_regs(struct buf *b, const struct user_regs_struct *r)
{
	buf_put(b, r, sizeof *r);
}

static void put_point_state(struct buf *b, const struct point_state *st)
{
	buf_u32(b, st->n);
	for (uint32_t i = 0; i < st->n; i++) {
		buf_u64(b, st->region[i].addr);
		buf_u64(b, st->region[i].len);
	}
	buf_u64(b, st->hash);
}

static void put_point_mem(struct buf *b, const struct point_mem *m)
{
	buf_u8(b, (uint8_t)m->n);
	for (int i = 0; i < m->n; i++) {
		buf_u64(b, m->op[i].addr);
		buf_u8(b, m->op[i].len);
		buf_put(b, m->op[i].bytes, 8);
	}
}

static void put_syscall(struct buf *b, const struct event *ev)
{
	buf_u16(b, ev->sys.nr);
	buf_u16(b, ev->sys.flags);
	for (int i = 0; i < 6; i++)
		buf_u64(b, ev->sys.args[i]);
	buf_u64(b, ev->sys.rip);
	buf_u64(b, ev->sys.digest);
	buf_u64(b, (uint64_t)ev->sys.result);
	if (ev->sys.flags & SF_IN_HASH)
		buf_u64(b, ev->sys.in_hash);
	if (ev->type == EV_SYSCALL_ENTER && !(ev->sys.flags & SF_ENTRY_MEM))
		return;
	buf_u32(b, ev->sys.nblobs);
	for (uint32_t i = 0; i < ev->sys.nblobs; i++) {
		buf_u64(b, ev->sys.blobs[i].addr);
		buf_blob(b, ev->sys.blobs[i].data, ev->sys.blobs[i].len);
	}
	if (ev->sys.flags & (SF_TO_STDOUT | SF_TO_STDERR))
		buf_blob(b, ev->sys.data, ev->sys.data_len);
}

static void put_body(struct buf *b, const struct event *ev)
{
	switch (ev->type) {
	case EV_SYSCALL:
	case EV_SYSCALL_ENTER:
		put_syscall(b, ev);
		break;
	case EV_PREEMPT:
		put_regs(b, &ev->point.regs);
		put_point_mem(b, &ev->point.mem);
		put_point_state(b, &ev->point.state);
		break;
	case EV_THREAD_STATE:
		put_regs(b, &ev->point.regs);
		break;
	case EV_SIGNAL:
		buf_u8(b, ev->sig.kind);
		buf_put(b, ev->sig.info, sizeof ev->sig.info);
		put_regs(b, &ev->sig.regs);
		put_point_mem(b, &ev->sig.mem);
		buf_u64(b, ev->sig.mask);
		buf_u8(b, ev->sig.has_frame);
		if (ev->sig.has_frame) {
			put_regs(b, &ev->sig.frame.regs);
			buf_u64(b, ev->sig.frame.mask);
			buf_u64(b, ev->sig.frame.addr);
			buf_blob(b, ev->sig.frame.bytes, ev->sig.frame.len);
			buf_blob(b, ev->sig.frame.fpu, ev->sig.frame.fpu_len);
		}
		put_point_state(b, &ev->sig.state);
		break;
	case EV_RDTSC:
		buf_u64(b, ev->tsc.rip);
		buf_u64(b, ev->tsc.tsc);
		buf_u32(b, ev->tsc.aux);
		buf_u8(b, ev->tsc.rdtscp);
		break;
	case EV_CPUID:
		buf_u64(b, ev->cpuid.rip);
		buf_put(b, ev->cpuid.in, sizeof ev->cpuid.in);
		buf_put(b, ev->cpuid.out, sizeof ev->cpuid.out);
		break;
	case EV_MAPFILE:
		buf_u64(b, ev->mapfile.offset);
		buf_u64(b, ev->mapfile.size);
		buf_str(b, ev->mapfile.hash);
		buf_str(b, ev->mapfile.path);
		break;
	case EV_EXIT:
		buf_u32(b, (uint32_t)ev->exit.status);
		buf_u8(b, ev->exit.last);
		break;
	case EV_EXEC:
		put_regs(b, &ev->exec.regs);
		buf_u64(b, ev->exec.stack_addr);
		buf_blob(b, ev->exec.stack, ev->exec.stack_len);
		buf_str(b, ev->exec.cwd);
		buf_str(b, ev->exec.fdpath);
		break;
	case EV_SHARED:
		buf_u8(b, ev->shared.kind);
		buf_u32(b, ev->shared.object);
		buf_u64(b, ev->shared.size);
		buf_u64(b, ev->shared.offset);
		buf_str(b, ev->shared.hash);
		buf_blob(b, ev->shared.data, ev->shared.len);
		break;
	case EV_CHAOS:
		buf_u8(b, ev->chaos.kind);
		buf_u64(b, ev->chaos.a);
		buf_u64(b, ev->chaos.b);
		break;
	case EV_END:
		buf_u8(b, ev->end.reason);
		buf_u32(b, (uint32_t)ev->end.status);
		buf_str(b, ev->end.msg);
		if (ev->end.out) {
			buf_u32(b, ev->end.out->n);
			for (uint32_t i = 0; i < ev->end.out->n; i++) {
				const struct out_digest *d = &ev->end.out->v[i];
				buf_u32(b, d->tid);
				buf_u8(b, d->fd);
				buf_u64(b, d->bytes);
				buf_u64(b, d->hash);
			}
		}
		break;
	}
}

void trace_put(struct trace_writer *w, const struct event *ev)
{
	size_t s = record_begin(&w->out, ev->type);
	buf_u32(&w->out, ev->tid);
	put_body(&w->out, ev);
	record_end(&w->out, s);
	w->nevents++;
}

ssize_t trace_write_full(int fd, const void *p, size_t len)
{
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, (const char *)p + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) { /* no error, no progress: the disk is full */
			errno = ENOSPC;
			return -1;
		}
		off += (size_t)n;
	}
	return (ssize_t)len;
}

/* A write that fails (a full disk) leaves the file cut at the last whole
 * record, as docs/trace-format.md promises, and the records not written
 * are dropped: the trace then ends where the disk filled, and an end
 * record saying why may still fit after it. */
int trace_flush(struct trace_writer *w, struct err *e)
{
	if (trace_write_full(w->fd, w->out.p, w->out.len) < 0) {
		int err = errno;
		if (ftruncate(w->fd, (off_t)w->bytes) < 0 ||
		    lseek(w->fd, (off_t)w->bytes, SEEK_SET) < 0)
			return err_sys(e, "cannot cut the trace back to its last whole record");
		w->out.len = 0;
		w->dropped = 1;
		errno = err;
		return err_sys(e, "cannot write the trace");
	}
	w->bytes += w->out.len;
	w->out.len = 0;
	return 0;
}

int trace_close(struct trace_writer *w, struct err *e)
{
	int rc = trace_flush(w, e);
	if (w->fd >= 0 && close(w->fd) < 0 && rc == 0)
		rc = err_sys(e, "cannot close the trace");
	w->fd = -1;
	buf_free(&w->out);
	return rc;
}
