/* Reading a trace. Nothing read from a trace is trusted: every length is
 * checked against the record that holds it and every record against its
 * checksum, and a bad trace yields one error saying where, never a crash. */
#include "trace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"

static const char *const type_names[EV_TYPE_MAX] = {
	[EV_HEADER] = "header",         [EV_EXEC] = "exec",
	[EV_SYSCALL] = "syscall",       [EV_SYSCALL_ENTER] = "syscall-enter",
	[EV_PREEMPT] = "preempt",       [EV_SIGNAL] = "signal",
	[EV_RDTSC] = "rdtsc",           [EV_CPUID] = "cpuid",
	[EV_MAPFILE] = "mapfile",       [EV_EXIT] = "exit",
	[EV_THREAD_STATE] = "thread-state", [EV_END] = "end",
	[EV_CHAOS] = "chaos",           [EV_SHARED] = "shared",
};

/* A stored file's name: 32 hex digits, so that a hostile trace cannot
 * name a file outside files/. */
static int hash_ok(const char *h)
{
	size_t n = 0;
	for (; h[n]; n++)
		if (!((h[n] >= '0' && h[n] <= '9') || (h[n] >= 'a' && h[n] <= 'f')))
			return 0;
	return n == 32;
}

const char *ev_type_name(int type)
{
	if (type <= 0 || type >= EV_TYPE_MAX || !type_names[type])
		return "unknown";
	return type_names[type];
}

/* Read exactly n bytes; returns n, or fewer at end of file, -1 on error. */
static ssize_t read_full(FILE *f, void *p, size_t n)
{
	size_t got = fread(p, 1, n, f);
	return got < n && ferror(f) ? -1 : (ssize_t)got;
}

/* Load the next record's type and payload into r->rec. Returns 1, 0 at a
 * clean end of file, -1 on error. */
static int read_record(struct trace_reader *r, uint8_t *type, size_t *len,
		       struct err *e)
{
	uint8_t head[5];
	ssize_t n = read_full(r->f, head, 5);
	if (n == 0)
		return 0;
	if (n < 0)
		return err_sys(e, "cannot read the trace");
	if (n < 5)
		return err_set(e, "trace truncated at byte %llu (incomplete record header)",
			       (unsigned long long)r->offset);
	uint32_t plen;
	memcpy(&plen, head, 4);
	if (plen > TRACE_MAX_RECORD)
		return err_set(e, "trace corrupt at byte %llu: record length %u exceeds the %u-byte limit",
			       (unsigned long long)r->offset, plen, TRACE_MAX_RECORD);
	if (plen + 4 > r->reccap) {
		uint8_t *p = realloc(r->rec, plen + 4);
		if (!p)
			return err_set(e, "out of memory reading a %u-byte record", plen);
		r->rec = p;
		r->reccap = plen + 4;
	}
	n = read_full(r->f, r->rec, plen + 4);
	if (n < 0)
		return err_sys(e, "cannot read the trace");
	if ((size_t)n < plen + 4)
		return err_set(e, "trace truncated at byte %llu (record of %u bytes is incomplete)",
			       (unsigned long long)r->offset, plen);
	uint32_t want, got = crc32c(crc32c(0, &head[4], 1), r->rec, plen);
	memcpy(&want, r->rec + plen, 4);
	if (want != got)
		return err_set(e, "trace corrupt at byte %llu: checksum mismatch",
			       (unsigned long long)r->offset);
	r->offset += 5 + plen + 4;
	*type = head[4];
	*len = plen;
	return 1;
}

static int get_strings(struct cursor *c, int *n, char ***v)
{
	uint32_t count = cur_u32(c);
	if (c->bad || count > TRACE_MAX_STRINGS)
		return -1;
	*v = calloc(count + 1, sizeof **v);
	if (!*v)
		return -1;
	*n = (int)count;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t len;
		const uint8_t *p = cur_blob(c, &len);
		if (!p)
			return -1;
		(*v)[i] = strndup((const char *)p, len);
		if (!(*v)[i])
			return -1;
	}
	return 0;
}

static int parse_header(struct cursor *c, struct ev_header *h)
{
	cur_str(c, h->exe, sizeof h->exe);
	cur_str(c, h->cwd, sizeof h->cwd);
	/* the replay execs exe and starts in cwd: absolute, as recorded */
	if (h->exe[0] != '/' || (h->cwd[0] && h->cwd[0] != '/'))
		c->bad = 1;
	if (get_strings(c, &h->argc, &h->argv) < 0 ||
	    get_strings(c, &h->envc, &h->envp) < 0)
		return -1;
	h->cpuid_mode = cur_u8(c);
	h->cpu = cur_u32(c);
	h->timeslice_us = cur_u64(c);
	h->start_time = cur_u64(c);
	if (!c->bad && c->off < c->len) { /* the chaos settings */
		h->chaos_mode = cur_u8(c);
		h->chaos_seed = cur_u64(c);
		h->chaos_depth = cur_u32(c);
		h->chaos_steps = cur_u32(c);
	}
	return c->bad ? -1 : 0;
}

int trace_open(struct trace_reader *r, const char *dir, struct ev_header *h,
	       struct err *e)
{
	char path[PATH_MAX + 16];
	memset(r, 0, sizeof *r);
	memset(h, 0, sizeof *h);
	snprintf(r->dir, sizeof r->dir, "%s", dir);
	snprintf(path, sizeof path, "%s/%s", dir, TRACE_FILE);
	/* a regular file only: a FIFO or a device put in its place would
	 * block the reader or never end */
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return err_sys(e, "cannot open trace %s", path);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, "%s is not a regular file", path);
	}
	r->f = fdopen(fd, "rb");
	if (!r->f) {
		close(fd);
		return err_sys(e, "cannot open trace %s", path);
	}
	uint8_t magic[12];
	ssize_t n = read_full(r->f, magic, 12);
	if (n < 12 || memcmp(magic, TRACE_MAGIC, 8) != 0)
		return err_set(e, "%s is not a heisen trace (bad magic)", path);
	uint32_t version;
	memcpy(&version, magic + 8, 4);
	if (version < TRACE_VERSION_OLDEST || version > TRACE_VERSION)
		return err_set(e, "%s has trace format version %u; this heisen reads versions "
			       "%u to %u", path, version, TRACE_VERSION_OLDEST, TRACE_VERSION);
	r->offset = 12;
	uint8_t type;
	size_t len;
	int rc = read_record(r, &type, &len, e);
	if (rc == 0)
		return err_set(e, "trace %s is empty (no header)", path);
	if (rc < 0)
		return err_wrap(e, "%s", path);
	struct cursor c;
	cur_init(&c, r->rec, len);
	if (type != EV_HEADER || parse_header(&c, h) < 0)
		return err_set(e, "%s: malformed header record", path);
	return 0;
}

static void get_regs(struct cursor *c, struct user_regs_struct *regs)
{
	cur_get(c, regs, sizeof *regs);
}

/* Appended to a record later: absent (n 0) when the record ends first. */
static void get_point_state(struct cursor *c, struct point_state *st)
{
	st->n = 0;
	if (c->bad || c->off >= c->len)
		return;
	uint32_t n = cur_u32(c);
	if (n > POINT_STATE_REGIONS) {
		c->bad = 1;
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		st->region[i].addr = cur_u64(c);
		st->region[i].len = cur_u64(c);
		if (st->region[i].len > POINT_STATE_BYTES_MAX)
			c->bad = 1;
	}
	st->hash = cur_u64(c);
	st->n = c->bad ? 0 : n;
}

static void get_point_mem(struct cursor *c, struct point_mem *m)
{
	m->n = cur_u8(c);
	if (m->n > POINT_MAX_MEM) {
		c->bad = 1;
		m->n = 0;
	}
	for (int i = 0; i < m->n; i++) {
		m->op[i].addr = cur_u64(c);
		m->op[i].len = cur_u8(c);
		cur_get(c, m->op[i].bytes, 8);
		if (m->op[i].len > 8)
			c->bad = 1;
	}
}

static int get_blobs(struct trace_reader *r, struct cursor *c, struct event *ev)
{
	uint32_t n = cur_u32(c);
	/* each blob takes at least 12 bytes: bounds the allocation */
	if (c->bad || n > (c->len - c->off) / 12)
		return -1;
	if (n > r->blobcap) {
		struct mem_blob *b = realloc(r->blobs, n * sizeof *b);
		if (!b)
			return -1;
		r->blobs = b;
		r->blobcap = n;
	}
	for (uint32_t i = 0; i < n; i++) {
		r->blobs[i].addr = cur_u64(c);
		r->blobs[i].data = cur_blob(c, &r->blobs[i].len);
	}
	ev->sys.nblobs = n;
	ev->sys.blobs = r->blobs;
	return c->bad ? -1 : 0;
}

static int get_syscall(struct trace_reader *r, struct cursor *c, struct event *ev)
{
	ev->sys.nr = cur_u16(c);
	ev->sys.flags = cur_u16(c);
	for (int i = 0; i < 6; i++)
		ev->sys.args[i] = cur_u64(c);
	ev->sys.rip = cur_u64(c);
	ev->sys.digest = cur_u64(c);
	ev->sys.result = (int64_t)cur_u64(c);
	if (ev->sys.flags & SF_IN_HASH)
		ev->sys.in_hash = cur_u64(c);
	ev->sys.nblobs = 0;
	if (ev->type == EV_SYSCALL_ENTER && !(ev->sys.flags & SF_ENTRY_MEM))
		return c->bad ? -1 : 0;
	if (get_blobs(r, c, ev) < 0)
		return -1;
	if (ev->sys.flags & (SF_TO_STDOUT | SF_TO_STDERR))
		ev->sys.data = cur_blob(c, &ev->sys.data_len);
	return c->bad ? -1 : 0;
}

static int get_body(struct trace_reader *r, struct cursor *c, struct event *ev)
{
	switch (ev->type) {
	case EV_SYSCALL:
	case EV_SYSCALL_ENTER:
		return get_syscall(r, c, ev);
	case EV_PREEMPT:
		get_regs(c, &ev->point.regs);
		get_point_mem(c, &ev->point.mem);
		get_point_state(c, &ev->point.state);
		break;
	case EV_THREAD_STATE:
		get_regs(c, &ev->point.regs);
		break;
	case EV_SIGNAL:
		ev->sig.kind = cur_u8(c);
		cur_get(c, ev->sig.info, sizeof ev->sig.info);
		get_regs(c, &ev->sig.regs);
		get_point_mem(c, &ev->sig.mem);
		ev->sig.mask = 0;
		ev->sig.has_frame = 0;
		if (!c->bad && c->off < c->len) { /* appended: mask, frame */
			ev->sig.mask = cur_u64(c);
			ev->sig.has_frame = cur_u8(c);
		}
		if (ev->sig.has_frame) {
			get_regs(c, &ev->sig.frame.regs);
			ev->sig.frame.mask = cur_u64(c);
			ev->sig.frame.addr = cur_u64(c);
			ev->sig.frame.bytes = cur_blob(c, &ev->sig.frame.len);
			ev->sig.frame.fpu = cur_blob(c, &ev->sig.frame.fpu_len);
			if (!ev->sig.frame.bytes || ev->sig.frame.len > SIG_FRAME_MAX ||
			    !ev->sig.frame.fpu || ev->sig.frame.fpu_len > SIG_FRAME_MAX)
				c->bad = 1;
		}
		get_point_state(c, &ev->sig.state);
		break;
	case EV_RDTSC:
		ev->tsc.rip = cur_u64(c);
		ev->tsc.tsc = cur_u64(c);
		ev->tsc.aux = cur_u32(c);
		ev->tsc.rdtscp = cur_u8(c);
		break;
	case EV_CPUID:
		ev->cpuid.rip = cur_u64(c);
		cur_get(c, ev->cpuid.in, sizeof ev->cpuid.in);
		cur_get(c, ev->cpuid.out, sizeof ev->cpuid.out);
		break;
	case EV_MAPFILE:
		ev->mapfile.offset = cur_u64(c);
		ev->mapfile.size = cur_u64(c);
		cur_str(c, ev->mapfile.hash, sizeof ev->mapfile.hash);
		cur_str(c, ev->mapfile.path, sizeof ev->mapfile.path);
		/* the path is where the replay binds the copy over (in its own
		 * mount namespace): absolute, as the recorder writes it */
		if (!hash_ok(ev->mapfile.hash) || ev->mapfile.path[0] != '/')
			c->bad = 1;
		break;
	case EV_SHARED:
		ev->shared.kind = cur_u8(c);
		ev->shared.object = cur_u32(c);
		ev->shared.size = cur_u64(c);
		ev->shared.offset = cur_u64(c);
		cur_str(c, ev->shared.hash, sizeof ev->shared.hash);
		ev->shared.data = cur_blob(c, &ev->shared.len);
		if (ev->shared.kind < SHARED_MAP || ev->shared.kind > SHARED_SYNC ||
		    (ev->shared.kind == SHARED_MAP && !hash_ok(ev->shared.hash)) ||
		    !ev->shared.data || ev->shared.offset > ev->shared.size ||
		    ev->shared.len > ev->shared.size - ev->shared.offset)
			c->bad = 1;
		break;
	case EV_EXIT:
		ev->exit.status = (int32_t)cur_u32(c);
		ev->exit.last = cur_u8(c);
		break;
	case EV_EXEC:
		get_regs(c, &ev->exec.regs);
		ev->exec.stack_addr = cur_u64(c);
		ev->exec.stack = cur_blob(c, &ev->exec.stack_len);
		ev->exec.cwd[0] = ev->exec.fdpath[0] = 0;
		if (!c->bad && c->off < c->len)
			cur_str(c, ev->exec.cwd, sizeof ev->exec.cwd);
		if (!c->bad && c->off < c->len)
			cur_str(c, ev->exec.fdpath, sizeof ev->exec.fdpath);
		if ((ev->exec.cwd[0] && ev->exec.cwd[0] != '/') ||
		    (ev->exec.fdpath[0] && ev->exec.fdpath[0] != '/'))
			c->bad = 1;
		break;
	case EV_CHAOS:
		ev->chaos.kind = cur_u8(c);
		ev->chaos.a = cur_u64(c);
		ev->chaos.b = cur_u64(c);
		break;
	case EV_END:
		ev->end.reason = cur_u8(c);
		ev->end.status = (int32_t)cur_u32(c);
		cur_str(c, ev->end.msg, sizeof ev->end.msg);
		ev->end.out = NULL;
		if (!c->bad && c->off < c->len) {
			struct out_digests *o = &r->out;
			o->n = cur_u32(c);
			if (o->n > OUT_DIGESTS_MAX) {
				c->bad = 1;
				break;
			}
			for (uint32_t i = 0; i < o->n; i++) {
				o->v[i].tid = cur_u32(c);
				o->v[i].fd = cur_u8(c);
				o->v[i].bytes = cur_u64(c);
				o->v[i].hash = cur_u64(c);
			}
			ev->end.out = o;
		}
		break;
	default:
		return -1;
	}
	return c->bad ? -1 : 0;
}

int trace_next(struct trace_reader *r, struct event *ev, struct err *e)
{
	uint8_t type;
	size_t len;
	uint64_t at = r->offset;
	if (r->saw_end)
		return 0;
	int rc = read_record(r, &type, &len, e);
	if (rc <= 0)
		return rc;
	memset(ev, 0, sizeof *ev);
	ev->type = type;
	ev->index = ++r->index;
	struct cursor c;
	cur_init(&c, r->rec, len);
	ev->tid = cur_u32(&c);
	if (type == EV_HEADER || get_body(r, &c, ev) < 0 || c.off != c.len)
		return err_set(e, "trace corrupt at byte %llu: malformed %s record (event %llu)",
			       (unsigned long long)at, ev_type_name(type),
			       (unsigned long long)ev->index);
	if (type == EV_END)
		r->saw_end = 1;
	return 1;
}

void trace_reader_close(struct trace_reader *r)
{
	if (r->f)
		fclose(r->f);
	r->f = NULL;
	free(r->rec);
	free(r->blobs);
	r->rec = NULL;
	r->blobs = NULL;
}

void trace_header_free(struct ev_header *h)
{
	for (int i = 0; h->argv && i < h->argc; i++)
		free(h->argv[i]);
	for (int i = 0; h->envp && i < h->envc; i++)
		free(h->envp[i]);
	free(h->argv);
	free(h->envp);
	h->argv = h->envp = NULL;
}
