/* libFuzzer harness for the gdb stub's packet dispatcher (gdbstub/
 * packets.c, through gdbstub/rsp.c's framing): the input is the byte
 * stream gdb would send, fed to dbg_converse, the stub's loop that reads a
 * packet, runs its handler and replies, as tests/unit/test_rsp.c drives the
 * framing. The stream is served with every packet's checksum fixed (so
 * that mutated packets reach their handlers), and once more as it is when
 * that changed something.
 *
 * No replay runs: the harness stands in for it (struct dbg's s is NULL, as
 * between two replays), so no handler can ptrace, read a process's memory
 * or open a file; those that need a live replay (registers, memory, the
 * thread list, vFile paths) answer as the stub does without one. What the
 * replay would do when gdb resumes or goes back is modelled on
 * gdbstub/timeline.c and gdbstub/server.c, keeping their invariants: each
 * resume is a new run of thread 1 or 2 (a step adds a stop to the current
 * run), reported as a breakpoint stop, the end comes after MODEL_RUNS runs,
 * and a restart (reverse-continue, reverse-stepi, monitor goto) lands on
 * its target, clamped to the runs seen. Replies go to /dev/null.
 *
 * rsp_recv's payload is NUL-terminated and no more: the bytes after it in
 * the packet buffer are an earlier packet's. The harness is linked with
 * --wrap=rsp_recv,--wrap=rsp_free (the Makefile's FUZZ_LDFLAGS_rsp) to
 * poison them for AddressSanitizer, so that a handler that reads past its
 * packet's end is a crash here, not a silent use of stale bytes. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <sanitizer/asan_interface.h>

#include "fuzz/common.h"
#include "gdbstub/debugger.h"

#define MODEL_RUNS 6  /* runs before the modelled replay's end */
#define MAX_ROUNDS 100000

static int in_fd = -1, null_fd = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	in_fd = memfd_create("rsp-input", MFD_CLOEXEC);
	null_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (in_fd < 0 || null_fd < 0)
		fuzz_fail("cannot open a memfd and /dev/null");
	return 0;
}

int __real_rsp_recv(struct rsp_conn *c, const char **payload, size_t *len,
		    struct err *e);
void __real_rsp_free(struct rsp_conn *c);
int __wrap_rsp_recv(struct rsp_conn *c, const char **payload, size_t *len,
		    struct err *e);
void __wrap_rsp_free(struct rsp_conn *c);

int __wrap_rsp_recv(struct rsp_conn *c, const char **payload, size_t *len,
		    struct err *e)
{
	if (c->pkt)
		ASAN_UNPOISON_MEMORY_REGION(c->pkt, RSP_MAX_PAYLOAD + 1);
	int r = __real_rsp_recv(c, payload, len, e);
	if (r == RSP_PACKET)
		ASAN_POISON_MEMORY_REGION(c->pkt + *len + 1, RSP_MAX_PAYLOAD - *len);
	return r;
}

void __wrap_rsp_free(struct rsp_conn *c)
{
	if (c->pkt)
		ASAN_UNPOISON_MEMORY_REGION(c->pkt, RSP_MAX_PAYLOAD + 1);
	__real_rsp_free(c);
}

/* gdbstub/rsp.c's framing: outside a packet everything but `$` is skipped;
 * inside, `$` starts it again and `#` ends it, then two checksum bytes. */
static int fix_checksums(uint8_t *buf, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	int changed = 0, in_pkt = 0;
	uint8_t sum = 0;
	for (size_t i = 0; i < n; i++) {
		if (!in_pkt) {
			if (buf[i] == '$') {
				in_pkt = 1;
				sum = 0;
			}
			continue;
		}
		if (buf[i] == '$') {
			sum = 0;
		} else if (buf[i] == '#') {
			in_pkt = 0;
			if (i + 2 >= n)
				break;
			uint8_t hi = (uint8_t)hex[sum >> 4], lo = (uint8_t)hex[sum & 15];
			changed |= buf[i + 1] != hi || buf[i + 2] != lo;
			buf[i + 1] = hi;
			buf[i + 2] = lo;
			i += 2;
		} else {
			sum = (uint8_t)(sum + buf[i]);
		}
	}
	return changed;
}

/* timeline.c's note_run: the thread of each run, once. */
static void enter_run(struct dbg *d, uint64_t run, int vtid)
{
	d->cur.run = run;
	d->cur.nkeys = 0;
	if (run <= d->nruns_known)
		return;
	if (d->nruns_known == d->runs_cap) {
		size_t ncap = d->runs_cap ? 2 * d->runs_cap : 16;
		uint64_t *v = realloc(d->run_vtid, ncap * sizeof *v);
		if (!v)
			abort();
		d->run_vtid = v;
		d->runs_cap = ncap;
	}
	d->run_vtid[d->nruns_known++] = (uint64_t)vtid;
}

static int run_vtid(const struct dbg *d, uint64_t run)
{
	return run >= 1 && run <= d->nruns_known ? (int)d->run_vtid[run - 1] : 1;
}

/* server.c's report_exit, for a program that exited with status 0. */
static int report_end(struct dbg *d, struct err *e)
{
	d->at_end = 1;
	d->stop_is_exit = 1;
	if (d->multiprocess)
		snprintf(d->last_stop, sizeof d->last_stop, "W00;process:%x", d->leader_vpid);
	else
		snprintf(d->last_stop, sizeof d->last_stop, "W00");
	return dbg_send_stop(d, e);
}

/* gdb resumed: the modelled replay runs until its next stop. */
static int model_resume(struct dbg *d, struct err *e)
{
	if (d->at_end)
		return dbg_send_stop(d, e);
	if (d->step_vtid) { /* a step within the run */
		struct stop_key k = {KEY_STEP, 0, 0, 0};
		if (pos_push(&d->cur, k) < 0)
			abort();
		d->step_vtid = 0;
		return dbg_report(d, SIGTRAP, d->stop_vtid, "", e);
	}
	if (d->cur.run >= MODEL_RUNS)
		return report_end(d, e);
	uint64_t run = d->cur.run + 1;
	int vtid = 1 + (int)(run % 2);
	enter_run(d, run, vtid);
	if (d->nbps) { /* at a breakpoint of gdb's */
		struct stop_key k = {KEY_BP, 0, 0, d->bps[run % d->nbps]};
		if (pos_push(&d->cur, k) < 0)
			abort();
		return dbg_report(d, SIGTRAP, vtid, "swbreak:;", e);
	}
	return report_end(d, e);
}

/* The replay restarted (going backward, or monitor goto): it reaches its
 * target, which a scan replaces with the start of history. */
static int model_restart(struct dbg *d, struct err *e)
{
	const char *why = "";
	d->restart = 0;
	d->at_end = 0;
	d->stop_is_exit = 0;
	if (d->mode == MODE_SCAN) {
		d->target.run = 1;
		d->target.nkeys = 0;
		why = "replaylog:begin;";
	}
	uint64_t run = d->target.run;
	if (run > d->nruns_known)
		run = d->nruns_known;
	if (run < 1)
		run = 1;
	enter_run(d, run, run_vtid(d, run));
	for (size_t i = 0; run == d->target.run && i < d->target.nkeys; i++)
		if (pos_push(&d->cur, d->target.keys[i]) < 0)
			abort();
	d->mode = MODE_RUN;
	d->step_vtid = 0;
	d->seek_event = 0;
	if (dbg_report(d, SIGTRAP, run_vtid(d, run), why, e) < 0)
		return -1;
	if (d->monitor_pending) {
		d->monitor_pending = 0;
		if (dbg_console(d, "heisen: now at event 1\n", e) < 0 ||
		    rsp_send_str(&d->conn, "OK", e) < 0)
			return -1;
	}
	return 0;
}

static void serve(const uint8_t *data, size_t size)
{
	struct err e;
	if (ftruncate(in_fd, 0) < 0 || pwrite(in_fd, data, size, 0) != (ssize_t)size ||
	    lseek(in_fd, 0, SEEK_SET) != 0)
		fuzz_fail("cannot fill the input memfd");
	struct dbg *d = calloc(1, sizeof *d);
	if (!d || rsp_init(&d->conn, in_fd, null_fd, &e) < 0)
		abort();
	/* as dbg_serve starts: then at the start of the first run */
	d->trace_dir = "/nonexistent/heisen-fuzz";
	d->stop_sig = SIGTRAP;
	d->leader_vpid = 1;
	d->target.run = 1;
	enter_run(d, 1, 1);
	d->mode = MODE_RUN;
	dbg_report(d, SIGTRAP, 1, "", &e);
	for (int round = 0; round < MAX_ROUNDS && !d->quit; round++) {
		int rc = dbg_converse(d, &e);
		if (d->quit)
			break;
		if (rc == 0)
			rc = model_resume(d, &e);
		else if (d->restart)
			rc = model_restart(d, &e);
		if (rc < 0)
			break;
		if (d->cur.run < 1 || d->cur.run > d->nruns_known)
			fuzz_fail("at run %llu of %zu", (unsigned long long)d->cur.run,
				  d->nruns_known);
		if (d->nbps > DBG_MAX_BREAKPOINTS || d->nwatches > DBG_MAX_WATCHPOINTS)
			fuzz_fail("%zu breakpoints, %zu watchpoints", d->nbps, d->nwatches);
	}
	dbg_free(d);
	free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_fixed_then_raw(data, size, fix_checksums, serve);
	return 0;
}
