/* libFuzzer harness for the trace reader (core/trace_read.c): the input is
 * a trace file. It is read once with its records' checksums fixed (so that
 * mutations get past them to the decoding), and once as it is when that
 * changed something. Besides the sanitizers' checks, every event returned
 * is held to what core/trace.h promises: pointers inside the record just
 * read, lengths within their bounds, strings terminated, the hash of a
 * copy 32 hex digits, nothing after the end record. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/trace.h"
#include "fuzz/common.h"

static volatile uint8_t sink; /* the bytes of every blob are read into it */

/* A byte range the event points to: inside the record's payload, rec[0..len). */
static void check_range(const struct trace_reader *r, size_t len, const void *p,
			size_t n, const char *what)
{
	const uint8_t *b = p, *rec = r->rec;
	if (!n)
		return;
	if (!b || b < rec || b > rec + len || n > (size_t)(rec + len - b))
		fuzz_fail("event %llu: %s (%zu bytes) is not inside its %zu-byte record",
			  (unsigned long long)r->index, what, n, len);
	uint8_t x = 0;
	for (size_t i = 0; i < n; i++)
		x ^= b[i];
	sink ^= x;
}

static void check_str(const char *s, size_t cap, const char *what)
{
	if (strnlen(s, cap) == cap)
		fuzz_fail("%s is not NUL-terminated", what);
}

static int is_hash(const char *h)
{
	size_t n = strspn(h, "0123456789abcdef");
	return n == 32 && !h[n];
}

static void check_point_mem(const struct point_mem *m)
{
	if (m->n > POINT_MAX_MEM)
		fuzz_fail("%d memory operands (at most %d)", m->n, POINT_MAX_MEM);
	for (int i = 0; i < m->n; i++)
		if (m->op[i].len > 8)
			fuzz_fail("a memory operand of %u bytes", m->op[i].len);
}

static void check_point_state(const struct point_state *st)
{
	if (st->n > POINT_STATE_REGIONS)
		fuzz_fail("%u state regions (at most %d)", st->n, POINT_STATE_REGIONS);
	for (uint32_t i = 0; i < st->n; i++)
		if (st->region[i].len > POINT_STATE_BYTES_MAX)
			fuzz_fail("a state region of %llu bytes",
				  (unsigned long long)st->region[i].len);
}

static void check_event(const struct trace_reader *r, size_t len, const struct event *ev)
{
	switch (ev->type) {
	case EV_SYSCALL:
	case EV_SYSCALL_ENTER:
		for (uint32_t i = 0; i < ev->sys.nblobs; i++)
			check_range(r, len, ev->sys.blobs[i].data, ev->sys.blobs[i].len, "a blob");
		if (ev->sys.flags & (SF_TO_STDOUT | SF_TO_STDERR))
			check_range(r, len, ev->sys.data, ev->sys.data_len, "the output bytes");
		break;
	case EV_PREEMPT:
		check_point_mem(&ev->point.mem);
		check_point_state(&ev->point.state);
		break;
	case EV_THREAD_STATE:
		break;
	case EV_SIGNAL:
		check_point_mem(&ev->sig.mem);
		check_point_state(&ev->sig.state);
		if (ev->sig.has_frame) {
			if (ev->sig.frame.len > SIG_FRAME_MAX || ev->sig.frame.fpu_len > SIG_FRAME_MAX)
				fuzz_fail("a signal frame of %u + %u bytes", ev->sig.frame.len,
					  ev->sig.frame.fpu_len);
			check_range(r, len, ev->sig.frame.bytes, ev->sig.frame.len, "the signal frame");
			check_range(r, len, ev->sig.frame.fpu, ev->sig.frame.fpu_len, "the FPU state");
		}
		break;
	case EV_MAPFILE:
		check_str(ev->mapfile.path, sizeof ev->mapfile.path, "a mapfile path");
		if (!is_hash(ev->mapfile.hash))
			fuzz_fail("mapfile hash \"%.33s\"", ev->mapfile.hash);
		break;
	case EV_SHARED:
		if (ev->shared.kind < SHARED_MAP || ev->shared.kind > SHARED_SYNC)
			fuzz_fail("shared record of kind %u", ev->shared.kind);
		if (ev->shared.kind == SHARED_MAP && !is_hash(ev->shared.hash))
			fuzz_fail("shared hash \"%.33s\"", ev->shared.hash);
		if (ev->shared.offset > ev->shared.size ||
		    ev->shared.len > ev->shared.size - ev->shared.offset)
			fuzz_fail("shared write of %u bytes at %llu in %llu", ev->shared.len,
				  (unsigned long long)ev->shared.offset,
				  (unsigned long long)ev->shared.size);
		check_range(r, len, ev->shared.data, ev->shared.len, "the shared bytes");
		break;
	case EV_EXEC:
		check_range(r, len, ev->exec.stack, ev->exec.stack_len, "the stack");
		check_str(ev->exec.cwd, sizeof ev->exec.cwd, "the exec's cwd");
		check_str(ev->exec.fdpath, sizeof ev->exec.fdpath, "the exec's fd path");
		if ((ev->exec.cwd[0] && ev->exec.cwd[0] != '/') ||
		    (ev->exec.fdpath[0] && ev->exec.fdpath[0] != '/'))
			fuzz_fail("a relative exec directory");
		break;
	case EV_END:
		check_str(ev->end.msg, sizeof ev->end.msg, "the end message");
		if (ev->end.out && ev->end.out->n > OUT_DIGESTS_MAX)
			fuzz_fail("%u output digests", ev->end.out->n);
		break;
	case EV_RDTSC:
	case EV_CPUID:
	case EV_EXIT:
	case EV_CHAOS:
		break;
	default:
		fuzz_fail("an event of type %u", ev->type);
	}
	if (strcmp(ev_type_name(ev->type), "unknown") == 0)
		fuzz_fail("type %u has no name", ev->type);
}

static void check_header(const struct ev_header *h)
{
	check_str(h->exe, sizeof h->exe, "the header's exe");
	check_str(h->cwd, sizeof h->cwd, "the header's cwd");
	if (h->argc < 0 || h->argc > TRACE_MAX_STRINGS || h->envc < 0 ||
	    h->envc > TRACE_MAX_STRINGS)
		fuzz_fail("argc %d, envc %d", h->argc, h->envc);
	for (int i = 0; i < h->argc; i++)
		sink ^= (uint8_t)strlen(h->argv[i]);
	for (int i = 0; i < h->envc; i++)
		sink ^= (uint8_t)strlen(h->envp[i]);
	if (h->argv[h->argc] || h->envp[h->envc])
		fuzz_fail("argv or envp not NULL-terminated");
}

static void read_trace(const uint8_t *data, size_t size)
{
	struct trace_reader r;
	struct ev_header h;
	struct event ev;
	struct err e;
	fuzz_write_trace(data, size);
	if (trace_open(&r, fuzz_trace_dir(), &h, &e) == 0) {
		check_header(&h);
		for (;;) {
			uint64_t at = r.offset, index = r.index;
			int rc = trace_next(&r, &ev, &e);
			if (rc <= 0) {
				if (rc == 0 && r.offset != at)
					fuzz_fail("end of trace after moving from %llu to %llu",
						  (unsigned long long)at,
						  (unsigned long long)r.offset);
				break;
			}
			if (ev.index != index + 1)
				fuzz_fail("event %llu after %llu", (unsigned long long)ev.index,
					  (unsigned long long)index);
			if (r.offset < at + 9 || r.offset > size)
				fuzz_fail("the reader moved from %llu to %llu in a %zu-byte file",
					  (unsigned long long)at, (unsigned long long)r.offset, size);
			check_event(&r, (size_t)(r.offset - at - 9), &ev);
			if (ev.type == EV_END && trace_next(&r, &ev, &e) != 0)
				fuzz_fail("an event after the end record");
		}
	}
	trace_reader_close(&r);
	trace_header_free(&h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_fixed_then_raw(data, size, fuzz_fix_trace_crcs, read_trace);
	return 0;
}
