/* heisen dump [--json] [TRACE]: every event, decoded. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "cli/cli.h"
#include "core/syscalls.h"
#include "core/trace.h"
#include "recorder/chaos.h"

static const char dump_usage[] =
	"usage: heisen dump [--json] [TRACE]\n"
	"Print every event of TRACE (default: the latest trace): its number, the\n"
	"thread, syscalls with decoded arguments and result, signals, schedule\n"
	"switches and preemption points. --json prints one object per line.\n";

struct dump {
	int json;
	int64_t last_tid;
};

/* A JSON string literal: quotes, backslashes and control bytes escaped. */
static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void print_arg(FILE *f, int kind, uint64_t v, int json)
{
	switch (kind) {
	case ARG_FD:
	case ARG_SIG:
		fprintf(f, "%d", (int)v); /* the kernel reads these as int */
		break;
	case ARG_INT:
		fprintf(f, "%" PRId64, (int64_t)v);
		break;
	case ARG_UINT:
		fprintf(f, "%" PRIu64, v);
		break;
	default:
		fprintf(f, json ? "\"0x%" PRIx64 "\"" : "0x%" PRIx64, v);
	}
}

static void dump_syscall(FILE *f, const struct event *ev, int json)
{
	char name[32];
	const struct sys_desc *d = sys_lookup(ev->sys.nr);
	int nargs = d ? d->nargs : 6;
	const char *nm = sys_name(ev->sys.nr, name, sizeof name);
	uint64_t bytes = 0;
	for (uint32_t i = 0; i < ev->sys.nblobs; i++)
		bytes += ev->sys.blobs[i].len;
	if (json) {
		fprintf(f, ",\"name\":\"%s\",\"nr\":%u,\"args\":[", nm, ev->sys.nr);
		for (int i = 0; i < nargs; i++) {
			fprintf(f, i ? "," : "");
			print_arg(f, d ? d->arg[i] : ARG_HEX, ev->sys.args[i], 1);
		}
		fprintf(f, "],\"rip\":\"0x%" PRIx64 "\"", ev->sys.rip);
		if (ev->type == EV_SYSCALL)
			fprintf(f, ",\"result\":%" PRId64 ",\"blobs\":%u,\"bytes\":%" PRIu64,
				ev->sys.result, ev->sys.nblobs, bytes);
		if (ev->sys.flags & (SF_TO_STDOUT | SF_TO_STDERR))
			fprintf(f, ",\"to\":\"%s\"", ev->sys.flags & SF_TO_STDOUT ? "stdout" : "stderr");
		return;
	}
	fprintf(f, "%s(", nm);
	for (int i = 0; i < nargs; i++) {
		fprintf(f, i ? ", " : "");
		print_arg(f, d ? d->arg[i] : ARG_HEX, ev->sys.args[i], 0);
	}
	if (ev->type == EV_SYSCALL_ENTER) {
		fprintf(f, ") ... entered; other threads run before it returns");
		return;
	}
	fprintf(f, ") = %" PRId64, ev->sys.result);
	if (ev->sys.nblobs)
		fprintf(f, "  [wrote %" PRIu64 " bytes in %u ranges]", bytes, ev->sys.nblobs);
	if (ev->sys.flags & (SF_TO_STDOUT | SF_TO_STDERR))
		fprintf(f, "  [-> %s]", ev->sys.flags & SF_TO_STDOUT ? "stdout" : "stderr");
	if (ev->sys.flags & SF_SKIPPED)
		fprintf(f, "  [not performed]");
}

static const char *planned_kind_name(unsigned kind)
{
	static const char *const names[] = {
		[PLANNED_UNLOCK] = "after a mutex release",
		[PLANNED_LOCKED] = "after a locked instruction",
		[PLANNED_STORE_BEFORE] = "before a store",
		[PLANNED_STORE_AFTER] = "after a store",
		[PLANNED_FUTEX_WAKE] = "after a futex wake",
	};
	return kind < sizeof names / sizeof names[0] ? names[kind] : "of unknown kind";
}

/* record --chaos: each priority or timeslice it chose (and, in traces of
 * older heisens, its settings: now in the header). */
static void dump_chaos(FILE *f, const struct event *ev, int json)
{
	char mode[32];
	uint64_t a = ev->chaos.a, b = ev->chaos.b;
	switch (ev->chaos.kind) {
	case CHAOS_SETTINGS:
		fprintf(f, json ? ",\"kind\":\"settings\",\"seed\":%llu,\"mode\":\"%s\",\"depth\":%u,\"steps\":%u"
			: "settings: seed %llu, mode %s, %u change points in %u syscalls",
			(unsigned long long)a, chaos_mode_name((unsigned)(b & 0xff), mode, sizeof mode),
			(unsigned)((b >> 8) & 0xff), (unsigned)(b >> 16));
		break;
	case CHAOS_PRIORITY:
		if (json)
			fprintf(f, ",\"kind\":\"priority\",\"priority\":%lld,\"change_point\":%d",
				(long long)(int64_t)a, (int)b);
		else
			fprintf(f, "priority %lld%s", (long long)(int64_t)a,
				b == 1 ? " (change point)" : b == 2 ? " (timeslice over)" :
				b == 3 ? " (planned preemption)" :
				b == 4 ? " (change point among accesses)" :
				b == 5 ? " (access slice over)" :
				b == 6 ? " (new thread, just below its creator)" : "");
		break;
	case CHAOS_PLANNED:
		fprintf(f, json ? ",\"kind\":\"planned\",\"site\":\"%s\",\"rip\":\"0x%llx\",\"starved_us\":%llu"
			: "planned preemption %s (rip 0x%llx), starved %llu us (in steps: 1 per 20 us)",
			planned_kind_name((unsigned)(b >> 32)), (unsigned long long)a,
			(unsigned long long)(uint32_t)b);
		break;
	case CHAOS_SITE:
		fprintf(f, json ? ",\"kind\":\"site\",\"site\":\"%s\",\"rip\":\"0x%llx\""
			: "planned site %s (rip 0x%llx)",
			planned_kind_name((unsigned)b), (unsigned long long)a);
		break;
	case CHAOS_SLICE:
		fprintf(f, json ? ",\"kind\":\"slice\",\"us\":%llu" : "timeslice %llu us",
			(unsigned long long)a);
		break;
	case CHAOS_YIELD_SITES:
		fprintf(f, json ? ",\"kind\":\"yield_sites\",\"region\":\"0x%llx\",\"digest\":\"%016llx\""
			: "yield sites installed at 0x%llx (digest %016llx)",
			(unsigned long long)a, (unsigned long long)b);
		break;
	case CHAOS_YIELD_LIB:
		fprintf(f, json ? ",\"kind\":\"yield_lib\",\"region\":\"0x%llx\",\"digest\":\"%016llx\""
			: "a library's yield sites installed at 0x%llx (digest %016llx)",
			(unsigned long long)a, (unsigned long long)b);
		break;
	case CHAOS_YIELD:
		if (json)
			fprintf(f, ",\"kind\":\"yield\",\"count\":%llu,\"site\":\"0x%llx\"",
				(unsigned long long)a, (unsigned long long)b);
		else
			fprintf(f, "yield at the site 0x%llx, its execution %llu since the last event",
				(unsigned long long)b, (unsigned long long)a);
		break;
	default:
		fprintf(f, json ? ",\"kind\":%u" : "kind %u", ev->chaos.kind);
	}
}

static void dump_body(FILE *f, const struct event *ev, int json)
{
	switch (ev->type) {
	case EV_SYSCALL:
	case EV_SYSCALL_ENTER:
		dump_syscall(f, ev, json);
		break;
	case EV_PREEMPT:
	case EV_THREAD_STATE:
		fprintf(f, json ? ",\"rip\":\"0x%llx\",\"rsp\":\"0x%llx\"" : "rip=0x%llx rsp=0x%llx",
			ev->point.regs.rip, ev->point.regs.rsp);
		break;
	case EV_SIGNAL: {
		siginfo_t si;
		memcpy(&si, ev->sig.info, sizeof si);
		const char *kind = ev->sig.kind == SIGK_SYNC ? "sync" : "async";
		if (json)
			fprintf(f, ",\"signal\":%d,\"name\":\"SIG%s\",\"kind\":\"%s\",\"code\":%d,\"rip\":\"0x%llx\"",
				si.si_signo, sigabbrev_np(si.si_signo) ? sigabbrev_np(si.si_signo) : "?",
				kind, si.si_code, ev->sig.regs.rip);
		else
			fprintf(f, "SIG%s (%s, code %d) at rip=0x%llx",
				sigabbrev_np(si.si_signo) ? sigabbrev_np(si.si_signo) : "?", kind,
				si.si_code, ev->sig.regs.rip);
		break;
	}
	case EV_RDTSC:
		fprintf(f, json ? ",\"rip\":\"0x%" PRIx64 "\",\"tsc\":%" PRIu64 : "at rip=0x%" PRIx64 " = %" PRIu64,
			ev->tsc.rip, ev->tsc.tsc);
		break;
	case EV_CPUID:
		fprintf(f, json ? ",\"rip\":\"0x%" PRIx64 "\",\"leaf\":%u,\"subleaf\":%u,\"out\":[%u,%u,%u,%u]"
			: "at rip=0x%" PRIx64 " leaf %#x/%#x = %#x %#x %#x %#x",
			ev->cpuid.rip, ev->cpuid.in[0], ev->cpuid.in[1], ev->cpuid.out[0],
			ev->cpuid.out[1], ev->cpuid.out[2], ev->cpuid.out[3]);
		break;
	case EV_MAPFILE:
		if (json) {
			fprintf(f, ",\"hash\":\"%s\",\"size\":%" PRIu64 ",\"path\":",
				ev->mapfile.hash, ev->mapfile.size);
			json_str(f, ev->mapfile.path);
		} else {
			cli_put_safe(f, ev->mapfile.path, 1);
			fprintf(f, " (copy %s, %" PRIu64 " bytes)", ev->mapfile.hash,
				ev->mapfile.size);
		}
		break;
	case EV_SHARED: {
		static const char *const kinds[] = {"", "map", "zero", "sync"};
		const char *k = kinds[ev->shared.kind];
		if (json) {
			/* the reader checks only a map's hash: any string */
			fprintf(f, ",\"kind\":\"%s\",\"object\":%u,\"size\":%" PRIu64
				",\"offset\":%" PRIu64 ",\"hash\":", k,
				ev->shared.object, ev->shared.size, ev->shared.offset);
			json_str(f, ev->shared.hash);
			fprintf(f, ",\"bytes\":%u", ev->shared.len);
		} else if (ev->shared.kind == SHARED_MAP)
			fprintf(f, "map object %u (copy %s, %" PRIu64 " bytes)", ev->shared.object,
				ev->shared.hash, ev->shared.size);
		else if (ev->shared.kind == SHARED_ZERO)
			fprintf(f, "map /dev/zero as anonymous memory");
		else
			fprintf(f, "object %u now %" PRIu64 " bytes, %u written at %" PRIu64,
				ev->shared.object, ev->shared.size, ev->shared.len,
				ev->shared.offset);
		break;
	}
	case EV_EXIT:
		if (json)
			fprintf(f, ",\"status\":%d,\"last\":%d", ev->exit.status, ev->exit.last);
		else
			fprintf(f, "status 0x%x%s", (unsigned)ev->exit.status,
				ev->exit.last ? " (last thread)" : "");
		break;
	case EV_EXEC:
		fprintf(f, json ? ",\"rip\":\"0x%llx\",\"rsp\":\"0x%llx\",\"stack_bytes\":%u"
			: "rip=0x%llx rsp=0x%llx, %u stack bytes", ev->exec.regs.rip,
			ev->exec.regs.rsp, ev->exec.stack_len);
		break;
	case EV_CHAOS:
		dump_chaos(f, ev, json);
		break;
	case EV_END: {
		static const char *const why[] = {"?", "exit", "signal", "error", "deadlock"};
		const char *w = why[ev->end.reason < 5 ? ev->end.reason : 0];
		if (json) {
			fprintf(f, ",\"reason\":\"%s\",\"status\":%d,\"msg\":", w, ev->end.status);
			json_str(f, ev->end.msg);
		} else {
			fprintf(f, "%s, status %d%s", w, ev->end.status, ev->end.msg[0] ? ": " : "");
			cli_put_safe(f, ev->end.msg, 1);
		}
		break;
	}
	}
}

static void dump_event(struct dump *d, const struct event *ev)
{
	int note = ev->type == EV_MAPFILE || ev->type == EV_SHARED || ev->type == EV_END;
	if (!note && d->last_tid >= 0 &&
	    d->last_tid != ev->tid) {
		if (d->json)
			printf("{\"type\":\"switch\",\"before_event\":%llu,\"from\":%lld,\"to\":%u}\n",
			       (unsigned long long)ev->index, (long long)d->last_tid, ev->tid);
		else
			printf("-- switch: thread %lld -> thread %u\n", (long long)d->last_tid, ev->tid);
	}
	if (!note)
		d->last_tid = ev->tid;
	if (d->json)
		printf("{\"event\":%llu,\"type\":\"%s\",\"tid\":%u", (unsigned long long)ev->index,
		       ev_type_name(ev->type), ev->tid);
	else
		printf("%6llu  %-6u %-13s ", (unsigned long long)ev->index, ev->tid,
		       ev_type_name(ev->type));
	dump_body(stdout, ev, d->json);
	printf(d->json ? "}\n" : "\n");
}

static void dump_header(const struct ev_header *h, int json)
{
	char mode[32];
	if (json) {
		printf("{\"event\":0,\"type\":\"header\",\"version\":%d,\"cpu\":%u,"
		       "\"timeslice_us\":%llu,\"argc\":%d,", TRACE_VERSION, h->cpu,
		       (unsigned long long)h->timeslice_us, h->argc);
		if (h->chaos_mode)
			printf("\"chaos\":{\"seed\":%llu,\"mode\":\"%s\",\"depth\":%u,"
			       "\"steps\":%u},", (unsigned long long)h->chaos_seed,
			       chaos_mode_name(h->chaos_mode, mode, sizeof mode), h->chaos_depth, h->chaos_steps);
		printf("\"exe\":");
		json_str(stdout, h->exe);
		printf("}\n");
		return;
	}
	printf("# heisen trace, format %d: ", TRACE_VERSION);
	cli_put_safe(stdout, h->exe, 1);
	for (int i = 1; i < h->argc; i++) {
		putchar(' ');
		cli_put_safe(stdout, h->argv[i], 1);
	}
	printf("\n# cpu %u, timeslice %llu us, cpuid by %s\n", h->cpu,
	       (unsigned long long)h->timeslice_us,
	       h->cpuid_mode == CPUID_MODE_PATCHING ? "patching" : "faulting");
	if (h->chaos_mode)
		printf("# chaos: seed %llu, mode %s, %u change points in %u syscalls\n",
		       (unsigned long long)h->chaos_seed, chaos_mode_name(h->chaos_mode, mode, sizeof mode),
		       h->chaos_depth, h->chaos_steps);
}

static void header_cb(void *ctx, const struct ev_header *h)
{
	dump_header(h, ((struct dump *)ctx)->json);
}

static void event_cb(void *ctx, const struct event *ev)
{
	dump_event(ctx, ev);
}

int cmd_dump(int argc, char **argv)
{
	struct dump d = {.last_tid = -1};
	const char *trace = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(dump_usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--json")) {
			d.json = 1;
		} else if (cli_trace_arg("dump", argv[i], &trace)) {
			return EXIT_HEISEN_ERROR;
		}
	}
	char dir[PATH_MAX];
	if (resolve_trace("dump", trace, dir, sizeof dir) < 0)
		return EXIT_HEISEN_ERROR;
	return cli_walk_trace("dump", dir, header_cb, event_cb, &d);
}
