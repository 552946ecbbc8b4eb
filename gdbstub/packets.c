/* gdb's packets, one handler each, found through a table by prefix. A
 * handler replies and returns 0 to read the next packet, 1 when gdb
 * resumed (the replay goes on), -1 to stop the replay (restart, detach,
 * or an error). */
#define _GNU_SOURCE
#include "gdbstub/debugger.h"

#include <ctype.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <unistd.h>

#include "core/ptrace_util.h"
#include "gdbstub/x86_regs.h"
#include "replayer/replay.h"

#define MAX_MEM_READ 0x1000 /* bytes per 'm'; PacketSize allows twice that */

static int reply(struct dbg *d, const char *s, struct err *e)
{
	return rsp_send_str(&d->conn, s, e);
}

int dbg_console(struct dbg *d, const char *text, struct err *e)
{
	size_t n = strlen(text);
	char *buf = malloc(2 * n + 2);
	if (!buf)
		return err_set(e, "out of memory");
	buf[0] = 'O';
	rsp_hex_encode(text, n, buf + 1);
	int rc = rsp_send_str(&d->conn, buf, e);
	free(buf);
	return rc;
}

/* ---- threads ---- */

static struct task *thread_of(struct dbg *d, int vtid)
{
	if (!d->s)
		return NULL;
	struct task *t = vtid > 0 ? task_find_vtid(&d->s->tasks, vtid) : NULL;
	if (!t)
		t = task_find_vtid(&d->s->tasks, d->stop_vtid);
	if (!t && d->s->tasks.n)
		t = &d->s->tasks.v[0];
	return t;
}

#define BAD_THREAD (-2)

/* "p<pid>.<tid>", "p<pid>", "<tid>", "-1" or "0": the thread part, -1 for
 * all, 0 for any, BAD_THREAD when it is none of these. */
static int parse_thread(const char *p)
{
	uint64_t v;
	if (*p == 'p') {
		const char *dot = strchr(p, '.');
		if (!dot) {
			p++;
			return rsp_parse_hex(&p, &v) < 0 || *p ? BAD_THREAD : -1;
		}
		p = dot + 1;
	}
	if (!strcmp(p, "-1"))
		return -1;
	if (rsp_parse_hex(&p, &v) < 0 || (*p && *p != ';') || v > 0x7fffffff)
		return BAD_THREAD;
	return (int)v;
}

static int h_thread_info(struct dbg *d, const char *pkt, struct err *e)
{
	if (pkt[1] == 's' || !d->s)
		return reply(d, "l", e);
	char buf[4096] = "m";
	size_t len = 1;
	for (size_t i = 0; i < d->s->tasks.n && len + 40 < sizeof buf; i++) {
		if (!dbg_in_debuggee(d, &d->s->tasks.v[i]))
			continue;
		if (len > 1)
			buf[len++] = ',';
		len += (size_t)dbg_thread_id(d, d->s->tasks.v[i].vtid, buf + len,
					     sizeof buf - len);
	}
	return reply(d, buf, e);
}

static int h_extra_info(struct dbg *d, const char *pkt, struct err *e)
{
	struct task *t = thread_of(d, parse_thread(pkt + strlen("qThreadExtraInfo,")));
	char path[64], name[64] = "", hex[130];
	snprintf(path, sizeof path, "/proc/%d/comm", t ? t->tid : 0);
	FILE *f = t ? fopen(path, "re") : NULL;
	if (f) {
		if (fgets(name, sizeof name, f))
			name[strcspn(name, "\n")] = 0;
		fclose(f);
	}
	rsp_hex_encode(name, strlen(name), hex);
	return reply(d, hex, e);
}

static int h_set_thread(struct dbg *d, const char *pkt, struct err *e)
{
	if (pkt[1] != 'g' && pkt[1] != 'c') /* also a bare "H": nothing follows */
		return reply(d, "E01", e);
	int v = parse_thread(pkt + 2);
	if (v == BAD_THREAD)
		return reply(d, "E01", e);
	if (pkt[1] == 'g')
		d->g_vtid = v > 0 ? v : d->stop_vtid;
	return reply(d, "OK", e);
}

static int h_alive(struct dbg *d, const char *pkt, struct err *e)
{
	int v = parse_thread(pkt + 1);
	int alive = d->s && task_find_vtid(&d->s->tasks, v);
	return reply(d, alive ? "OK" : "E01", e);
}

static int h_current(struct dbg *d, const char *pkt, struct err *e)
{
	(void)pkt;
	char id[48], buf[64];
	dbg_thread_id(d, d->stop_vtid, id, sizeof id);
	snprintf(buf, sizeof buf, "QC%s", id);
	return reply(d, buf, e);
}

/* ---- registers and memory ---- */

static int read_regs(struct dbg *d, struct x86_regs_in *in, struct err *e)
{
	struct task *t = thread_of(d, d->g_vtid);
	memset(in, 0, sizeof *in);
	if (!t)
		return err_set(e, "no thread");
	if (pt_getregs(t->tid, &in->gpr, e) < 0)
		return -1;
	/* a thread in a yield site's stub is shown at the program's own
	 * instruction (patching/yield.h) */
	patch_program_view(&d->s->patch, &t->yield, t->tid, &in->gpr);
	in->have_fpr = ptrace(PTRACE_GETFPREGS, t->tid, 0, &in->fpr) == 0;
	return 0;
}

/* Bytes as hex, with "xx" for unavailable ones. */
static void hex_or_xx(const uint8_t *b, size_t n, int avail, char *out)
{
	if (avail) {
		rsp_hex_encode(b, n, out);
		return;
	}
	memset(out, 'x', 2 * n);
	out[2 * n] = 0;
}

static int h_regs(struct dbg *d, const char *pkt, struct err *e)
{
	(void)pkt;
	struct x86_regs_in in;
	uint8_t g[X86_G_SIZE], unavail[X86_NREGS];
	char out[2 * X86_G_SIZE + 1];
	if (read_regs(d, &in, e) < 0)
		return reply(d, "E01", e);
	x86_regs_to_g(&in, g, unavail);
	for (int r = 0; r < X86_NREGS; r++) {
		size_t off, size;
		x86_reg_slot(r, &off, &size);
		hex_or_xx(g + off, size, !unavail[r], out + 2 * off);
	}
	return reply(d, out, e);
}

static int h_reg(struct dbg *d, const char *pkt, struct err *e)
{
	const char *p = pkt + 1;
	uint64_t n;
	struct x86_regs_in in;
	uint8_t b[16];
	size_t size;
	int avail;
	char out[40];
	if (rsp_parse_hex(&p, &n) < 0 || read_regs(d, &in, e) < 0 ||
	    x86_reg_read(&in, (int)n, b, &size, &avail) < 0)
		return reply(d, "E01", e);
	hex_or_xx(b, size, avail, out);
	return reply(d, out, e);
}

static int h_read_mem(struct dbg *d, const char *pkt, struct err *e)
{
	const char *p = pkt + 1;
	uint64_t addr, len;
	struct task *t = thread_of(d, d->g_vtid);
	if (rsp_parse_hex(&p, &addr) < 0 || *p++ != ',' || rsp_parse_hex(&p, &len) < 0 || !t)
		return reply(d, "E01", e);
	if (len > MAX_MEM_READ)
		len = MAX_MEM_READ;
	uint8_t buf[MAX_MEM_READ];
	char out[2 * MAX_MEM_READ + 1];
	struct err ignored;
	/* as much as can be read: gdb asks across the ends of mappings */
	size_t got = 0;
	if (mem_read(t->tid, addr, buf, len, &ignored) == 0)
		got = len;
	else
		while (got < len && mem_read(t->tid, addr + got, buf + got, 1, &ignored) == 0)
			got++;
	if (!got)
		return reply(d, "E01", e);
	/* the program's code, not the patches' jmps */
	patch_original_bytes(&d->s->patch, &t->yield, addr, buf, got);
	rsp_hex_encode(buf, got, out);
	return reply(d, out, e);
}

/* Writing registers or memory would make the replay diverge. */
static int h_refuse_write(struct dbg *d, const char *pkt, struct err *e)
{
	(void)pkt;
	return reply(d, "E01", e);
}

/* ---- qXfer ---- */

static int send_chunk(struct dbg *d, const char *data, size_t size,
		      const char *range, struct err *e)
{
	const char *p = range;
	uint64_t off, len;
	if (rsp_parse_hex(&p, &off) < 0 || *p++ != ',' || rsp_parse_hex(&p, &len) < 0)
		return reply(d, "E01", e);
	if (off >= size)
		return reply(d, "l", e);
	size_t n = size - off < len ? size - off : len;
	char *buf = malloc(n + 1);
	if (!buf)
		return reply(d, "E01", e);
	buf[0] = n < size - off ? 'm' : 'l';
	memcpy(buf + 1, data + off, n);
	int rc = rsp_send(&d->conn, buf, n + 1, e);
	free(buf);
	return rc;
}

static int h_features(struct dbg *d, const char *pkt, struct err *e)
{
	char annex[64];
	const char *a = pkt + strlen("qXfer:features:read:");
	const char *colon = strchr(a, ':');
	if (!colon || (size_t)(colon - a) >= sizeof annex)
		return reply(d, "E01", e);
	memcpy(annex, a, (size_t)(colon - a));
	annex[colon - a] = 0;
	size_t len;
	const char *doc = tdesc_xml(annex, &len);
	if (!doc)
		return reply(d, "E00", e);
	return send_chunk(d, doc, len, colon + 1, e);
}

static int h_auxv(struct dbg *d, const char *pkt, struct err *e)
{
	struct task *t = thread_of(d, d->stop_vtid);
	char path[64], data[4096];
	snprintf(path, sizeof path, "/proc/%d/auxv", t ? t->tid : 0);
	int fd = t ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	ssize_t n = fd >= 0 ? read(fd, data, sizeof data) : -1;
	if (fd >= 0)
		close(fd);
	if (n < 0)
		return reply(d, "E01", e);
	return send_chunk(d, data, (size_t)n, pkt + strlen("qXfer:auxv:read::"), e);
}

static int h_exec_file(struct dbg *d, const char *pkt, struct err *e)
{
	struct task *t = thread_of(d, d->stop_vtid);
	char path[64], exe[4096];
	snprintf(path, sizeof path, "/proc/%d/exe", t ? t->tid : 0);
	ssize_t n = t ? readlink(path, exe, sizeof exe - 1) : -1;
	if (n <= 0)
		return reply(d, "E01", e);
	const char *range = strrchr(pkt, ':');
	return send_chunk(d, exe, (size_t)n, range ? range + 1 : "0,0", e);
}

/* ---- breakpoints and watchpoints ---- */

static int h_breakpoint(struct dbg *d, const char *pkt, struct err *e)
{
	int insert = pkt[0] == 'Z', type = pkt[1] - '0';
	const char *p = pkt + 3;
	uint64_t addr, kind;
	/* a bare "Z" ends at pkt[1]: what follows is an earlier packet's */
	if (!pkt[1] || pkt[2] != ',' || rsp_parse_hex(&p, &addr) < 0 || *p++ != ',' ||
	    rsp_parse_hex(&p, &kind) < 0)
		return reply(d, "E01", e);
	if (type == 0 || type == 1) {
		for (size_t i = 0; i < d->nbps; i++)
			if (d->bps[i] == addr) {
				if (!insert)
					d->bps[i] = d->bps[--d->nbps];
				return reply(d, "OK", e);
			}
		if (!insert)
			return reply(d, "OK", e);
		if (d->nbps == DBG_MAX_BREAKPOINTS)
			return reply(d, "E02", e);
		d->bps[d->nbps++] = addr;
		return reply(d, "OK", e);
	}
	if (type < 2 || type > 4)
		return reply(d, "", e);
	for (size_t i = 0; i < d->nwatches; i++)
		if (d->watches[i].addr == addr && d->watches[i].len == kind &&
		    d->watches[i].type == type) {
			if (!insert)
				d->watches[i] = d->watches[--d->nwatches];
			return reply(d, "OK", e);
		}
	if (!insert)
		return reply(d, "OK", e);
	/* the debug registers take 1, 2, 4 or 8 aligned bytes, three of them */
	int ok_len = kind == 1 || kind == 2 || kind == 4 || kind == 8;
	if (!ok_len || addr % kind || d->nwatches == DBG_MAX_WATCHPOINTS)
		return reply(d, "E01", e);
	d->watches[d->nwatches++] = (struct watchpoint){addr, (uint8_t)kind, (uint8_t)type};
	return reply(d, "OK", e);
}

/* ---- resuming ---- */

static int resume(struct dbg *d, int step_vtid)
{
	d->awaiting_stop = 1;
	if (d->at_end) /* nothing to run: the end again */
		return 1;
	d->mode = MODE_RUN;
	d->step_vtid = step_vtid;
	d->stepped = 0;
	return 1;
}

static int h_vcont(struct dbg *d, const char *pkt, struct err *e)
{
	if (!strcmp(pkt, "vCont?"))
		return reply(d, "vCont;c;C;s;S", e);
	/* a replay runs as recorded: only which thread steps matters */
	int step = 0;
	if (strncmp(pkt, "vCont;", 6))
		return reply(d, "", e);
	for (const char *a = strchr(pkt, ';'); a; a = strchr(a + 1, ';'))
		if (!a[1] || !strchr("cCsS", a[1]))
			return reply(d, "E01", e);
	for (const char *a = strchr(pkt, ';'); a; a = strchr(a + 1, ';')) {
		if (a[1] != 's' && a[1] != 'S')
			continue;
		const char *colon = strchr(a, ':');
		int v = colon ? parse_thread(colon + 1) : -1;
		if (v == BAD_THREAD)
			return reply(d, "E01", e);
		step = v > 0 ? v : d->stop_vtid;
		break;
	}
	return resume(d, step);
}

static int h_continue(struct dbg *d, const char *pkt, struct err *e)
{
	(void)e;
	return resume(d, pkt[0] == 's' ? d->stop_vtid : 0);
}

static int at_start(const struct dbg *d)
{
	return d->cur.run <= 1 && d->cur.nkeys == 0;
}

static int restart_to(struct dbg *d, enum dbg_mode mode, struct err *e)
{
	d->mode = mode;
	d->restart = 1;
	d->awaiting_stop = 1;
	return err_set(e, "restarting the replay");
}

/* Going backward: at the start of the history gdb is told so at once
 * (returns 1); otherwise the current position becomes the target (0). */
static int start_backward(struct dbg *d, struct err *e)
{
	if (at_start(d) && !d->at_end) {
		d->awaiting_stop = 1;
		return dbg_report(d, SIGTRAP, d->stop_vtid, "replaylog:begin;", e) < 0 ? -1 : 1;
	}
	if (pos_copy(&d->target, &d->cur) < 0)
		return err_set(e, "out of memory");
	return 0;
}

static int h_reverse_continue(struct dbg *d, const char *pkt, struct err *e)
{
	(void)pkt;
	int r = start_backward(d, e);
	if (r)
		return r < 0 ? -1 : 0;
	if (d->at_end) /* from the end: the scan goes all the way */
		d->target.run = UINT64_MAX;
	d->found.run = 0;
	d->found.nkeys = 0;
	return restart_to(d, MODE_SCAN, e);
}

static int h_reverse_step(struct dbg *d, const char *pkt, struct err *e)
{
	(void)pkt;
	int r = start_backward(d, e);
	if (r)
		return r < 0 ? -1 : 0;
	d->count_watch_back = 0;
	d->counted = 0;
	if (d->at_end) /* after the last run: back into the thread's last one */
		d->target.nkeys = 0;
	if (d->target.nkeys) {
		struct stop_key last = d->target.keys[--d->target.nkeys];
		if (last.kind == KEY_STEP)
			return restart_to(d, MODE_SEEK, e);
		d->count_goal = last;
		/* a signal comes where its thread's run ended */
		d->count_to_run_end = last.kind == KEY_SIGNAL;
		return restart_to(d, MODE_COUNT, e);
	}
	/* at the start of a run: back into this thread's previous run */
	uint64_t run = d->at_end ? d->nruns_known : d->cur.run - 1;
	while (run >= 1 && d->run_vtid[run - 1] != (uint64_t)d->stop_vtid)
		run--;
	if (run < 1) {
		d->awaiting_stop = 1;
		return dbg_report(d, SIGTRAP, d->stop_vtid, "replaylog:begin;", e);
	}
	d->target.run = run;
	d->count_to_run_end = 1;
	d->count_goal.kind = KEY_STEP;
	return restart_to(d, MODE_COUNT, e);
}

/* ---- monitor commands ---- */

static int h_monitor(struct dbg *d, const char *pkt, struct err *e)
{
	const char *hex = pkt + strlen("qRcmd,");
	char cmd[256], out[512];
	size_t n = strlen(hex);
	if (n % 2 || n / 2 >= sizeof cmd || rsp_hex_decode(hex, n, cmd) < 0)
		return reply(d, "E01", e);
	cmd[n / 2] = 0;
	if (!strcmp(cmd, "when")) {
		snprintf(out, sizeof out, "Current event: %llu (run %llu)\n",
			 d->s ? (unsigned long long)d->s->ev.index : 0ull,
			 (unsigned long long)d->cur.run);
	} else if (!strncmp(cmd, "goto ", 5)) {
		char *end;
		unsigned long long n = strtoull(cmd + 5, &end, 10);
		if (*end || n == 0)
			snprintf(out, sizeof out, "usage: monitor goto EVENT (a number from heisen dump)\n");
		else {
			d->seek_event = n;
			d->target.run = UINT64_MAX;
			d->target.nkeys = 0;
			d->monitor_pending = 1;
			d->mode = MODE_SEEK;
			d->restart = 1;
			return err_set(e, "restarting the replay");
		}
	} else if (!strcmp(cmd, "help")) {
		snprintf(out, sizeof out,
			 "heisen monitor commands:\n"
			 "  when     print the current event number\n"
			 "  goto N   go to event N (the first stop at or after it)\n"
			 "  help     this list\n");
	} else {
		snprintf(out, sizeof out, "unknown monitor command '%s' (try 'monitor help')\n", cmd);
	}
	if (dbg_console(d, out, e) < 0)
		return -1;
	return reply(d, "OK", e);
}

/* ---- session ---- */

static int h_supported(struct dbg *d, const char *pkt, struct err *e)
{
	d->multiprocess = strstr(pkt, "multiprocess+") != NULL;
	return reply(d, "PacketSize=2800;QStartNoAckMode+;qXfer:features:read+;"
		     "qXfer:auxv:read+;qXfer:exec-file:read+;multiprocess+;swbreak+;"
		     "hwbreak+;vContSupported+;ReverseContinue+;ReverseStep+;"
		     "QPassSignals+", e);
}

/* QPassSignals:sig;sig...: the signals (gdb's numbers, hex) that gdb
 * would pass on without stopping or printing, so none is reported. */
static int h_pass_signals(struct dbg *d, const char *pkt, struct err *e)
{
	const char *p = pkt + strlen("QPassSignals:");
	memset(d->pass, 0, sizeof d->pass);
	while (*p) {
		char *end;
		unsigned long g = strtoul(p, &end, 16);
		if (end == p || g >= 8 * sizeof d->pass || (*end && *end != ';'))
			return reply(d, "E01", e);
		d->pass[g / 8] |= (uint8_t)(1u << (g % 8));
		p = *end ? end + 1 : end;
	}
	return reply(d, "OK", e);
}

static int h_no_ack(struct dbg *d, const char *pkt, struct err *e)
{
	(void)pkt;
	int rc = reply(d, "OK", e);
	rsp_set_no_ack(&d->conn);
	return rc;
}

static int h_status(struct dbg *d, const char *pkt, struct err *e)
{
	(void)pkt;
	return reply(d, dbg_stop_reply(d), e);
}

static int h_detach(struct dbg *d, const char *pkt, struct err *e)
{
	(void)pkt;
	reply(d, "OK", e);
	d->quit = 1;
	return err_set(e, "gdb detached");
}

static int h_fixed(struct dbg *d, const char *pkt, struct err *e)
{
	const char *r = !strcmp(pkt, "!") ? "OK" :
			!strncmp(pkt, "qAttached", 9) ? "1" :
			!strcmp(pkt, "qSymbol::") ? "OK" : "";
	return reply(d, r, e);
}

struct handler {
	const char *prefix;
	int (*fn)(struct dbg *d, const char *pkt, struct err *e);
};

/* First match wins: longer prefixes before shorter ones. */
static const struct handler handlers[] = {
	{"qSupported", h_supported},
	{"QStartNoAckMode", h_no_ack},
	{"QPassSignals:", h_pass_signals},
	{"qfThreadInfo", h_thread_info},
	{"qsThreadInfo", h_thread_info},
	{"qThreadExtraInfo,", h_extra_info},
	{"qXfer:features:read:", h_features},
	{"qXfer:auxv:read::", h_auxv},
	{"qXfer:exec-file:read:", h_exec_file},
	{"qRcmd,", h_monitor},
	{"vFile:", dbg_vfile},
	{"qC", h_current},
	{"vCont", h_vcont},
	{"vKill", h_detach},
	{"bc", h_reverse_continue},
	{"bs", h_reverse_step},
	{"?", h_status},
	{"H", h_set_thread},
	{"T", h_alive},
	{"g", h_regs},
	{"p", h_reg},
	{"m", h_read_mem},
	{"G", h_refuse_write},
	{"P", h_refuse_write},
	{"M", h_refuse_write},
	{"X", h_refuse_write},
	{"Z", h_breakpoint},
	{"z", h_breakpoint},
	{"c", h_continue},
	{"s", h_continue},
	{"D", h_detach},
	{"k", h_detach},
};

static int dispatch(struct dbg *d, const char *pkt, struct err *e)
{
	for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++)
		if (!strncmp(pkt, handlers[i].prefix, strlen(handlers[i].prefix)))
			return handlers[i].fn(d, pkt, e);
	return h_fixed(d, pkt, e);
}

int dbg_converse(struct dbg *d, struct err *e)
{
	for (;;) {
		const char *pkt;
		size_t len;
		int r = rsp_recv(&d->conn, &pkt, &len, e);
		if (r < 0 || r == RSP_EOF) { /* a reset connection: gone too */
			d->quit = 1;
			return err_set(e, "gdb disconnected");
		}
		if (r == RSP_INTERRUPT)
			continue; /* already stopped */
		int rc = dispatch(d, pkt, e);
		if (rc != 0)
			return rc > 0 ? 0 : -1;
	}
}
