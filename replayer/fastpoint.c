/* The point finder: stop a replayed thread exactly at a recorded point.
 *
 * A point is a rip plus the 16 general-purpose registers and the arithmetic
 * flags + DF, saved by the recorder when it preempted the thread at an
 * arbitrary instruction, plus the memory that instruction reads (struct
 * point_mem: up to two operands, 8 bytes each). Without a performance
 * counter the only way to know that the replay is at "the same moment" is
 * to compare that state each time the rip is about to execute, and the first
 * full match is the point (the recorder keeps points where that is so). The
 * memory matters in loops whose progress lives only in memory: there every
 * register can be equal at every iteration, and a registers-only search
 * would stop at each one. The difficulty is cost: a trap to the tracer
 * costs about 20 us, and a point in a hot loop may be preceded by millions
 * of executions of its rip.
 *
 * Two mechanisms, cheapest first:
 *
 * 1. Hardware breakpoint. DR0 = rip, DR7 = local enable, execute. Each hit
 *    is a SIGTRAP signal-delivery-stop (DR6.B0 tells it from the program's
 *    own SIGTRAPs); compare the registers, then (only if they all match)
 *    read and compare the memory operands, and resume (the kernel sets RF
 *    so the instruction runs). Exact, needs no code change, ~20 us per hit.
 *    Most points are reached within a few hits, so this is always tried
 *    first.
 *
 * 2. In-tracee trampoline. After hw_hit_limit (usually 16) hits without a match,
 *    the comparison moves into the tracee: a page of code is mapped within
 *    rel32 reach of rip (mmap injected through the thread itself, at a free
 *    gap found in /proc/tid/maps, MAP_FIXED_NOREPLACE) and the instruction(s)
 *    at rip are replaced by `jmp rel32` to it. The page holds
 *
 *      entry:  mov [S_RAX],rax ; lahf ; seto al ; mov [S_FL],ax   save
 *              mov rax,[S_RAX]                                    rax back
 *              cmp reg,[T_reg] ; jne miss      x16, most-often-different
 *              cmp word [S_FL],T_FL ; jne miss   register first
 *              mov rax,[abs] ; cmp rax,[T_M] ; jne miss   per memory
 *                 (or eax/ax/al with an immediate)        operand
 *      match:  restore flags and rax ; int3          -> the tracer
 *      miss:   restore flags and rax
 *      reloc:  the displaced instructions, relocated
 *              jmp rip+len
 *      data:   S_RAX, S_FL, call return slot, T_* (the target's values),
 *              T_M (expected 8-byte operands)
 *
 *    The trampoline's own memory operands are rip-relative into the page
 *    itself, so it never writes to the program's stack or memory: the
 *    program's memory (including dead stack below rsp) stays exactly what
 *    its own execution makes it. The one program memory it touches is the
 *    point's operands, read only, and only once every register matches:
 *    the addresses were computed at record time from those very registers
 *    (and segment bases, which a thread does not change in a loop), so at
 *    that moment the instruction at rip is about to read the same bytes
 *    itself. They are read with the moffs64 forms of mov (absolute address
 *    into al/ax/eax/rax), which need no register but rax, and in pieces of
 *    8, 4, 2 and 1 bytes so that exactly the operand's bytes are read.
 *
 *    Flags are saved with lahf/seto and restored with `add al,0x7f ; sahf`
 *    (OF from al, the rest from ah), which needs no stack either. DF is not
 *    compared in the tracee (lahf does not see it and nothing here changes
 *    it); the tracer checks the full mask, and the memory once more, at the
 *    int3 and, on the rare DF-only false positive, resumes at `reloc`.
 *    A miss costs ~20 instructions in the tracee instead of a 20 us trap.
 *
 *    Displacing code is only done when it is safe (otherwise the hardware
 *    breakpoint simply keeps going; st->patch_unsafe says so):
 *    - capstone decodes from rip until >= 5 bytes are covered; every
 *      displaced instruction must fall through to the next one (nothing
 *      after a jmp/ret is displaced: it can only be reached by a jump), and a
 *      call may only be the last one (its return address must be outside
 *      the patch);
 *    - syscall/int/ud2/hlt/iret/far transfers/loop/jrcxz/xbegin are never
 *      relocated;
 *    - the point's memory operands must not overlap the displaced bytes
 *      (the compare would read the jmp, not the code the program reads);
 *    - no relative jump or call may land strictly inside the displaced
 *      range. rel32 forms (e8, e9, 0f 8x) are looked for at every byte
 *      offset of the +-64 KiB around rip in the same mapping: no
 *      instruction boundaries are needed, and a false alarm needs a random
 *      4-byte value to hit a ~10-byte range. rel8 forms reach only 128
 *      bytes, so capstone sweeps from 256 bytes before to 160 after the
 *      range see every one that can: sweeps from successive start bytes are
 *      tried until one lands exactly on rip (in step with the real
 *      instruction stream), the branches of every sweep tried count, and a
 *      sweep from rip covers the rest. Verdicts are remembered per range
 *      and window contents (hash), as points come back to the same rip.
 *    Relocation: rip-relative operands get a new disp32 (at
 *    encoding.disp_offset); jcc/jmp become rel32 forms to the same target;
 *    a call becomes `push qword [slot] ; jmp target` with the original return
 *    address in the slot, so the callee returns straight to the original
 *    code and the stack holds exactly what the real call would have pushed.
 *    The remaining displaced bytes after the 5-byte jmp are int3: if the
 *    program jumps there anyway (an indirect jump the scan could not see)
 *    the trap is recognised, the patch is removed and the hardware
 *    breakpoint takes over from that exact spot.
 *
 * Leaving. On a match the thread is put at rip with the matching registers,
 * the original bytes are written back and the page is unmapped (injected
 * munmap); resuming from the munmap's exit stop with SIGTRAP then puts the
 * thread in the same kind of stop a hardware hit leaves it in (a SIGTRAP
 * signal-delivery-stop), before it runs anything. On any other stop the
 * program's own state is reconstructed first if the thread stopped inside
 * the trampoline (an asynchronous signal or a fault in a relocated
 * instruction): the save area gives back rax and the flags, rip maps back to
 * the original instruction (and a relocated call stopped between its push
 * and its jmp gets rsp back). Then the page is unmapped with the injection
 * that fits the stop:
 *    - syscall-entry stop: INJECT_AT_SYSCALL_ENTRY, which leaves the thread
 *      at that same entry stop;
 *    - signal-delivery-stop: the injection consumes the signal, so it is
 *      queued again by resuming from the injected syscall's exit stop with
 *      it, and its siginfo is put back at the new signal-delivery-stop;
 *    - PTRACE_EVENT_STOP (group stop/interrupt): PTRACE_INTERRUPT makes a new
 *      event stop; *status is that new stop's status (SIGTRAP for an
 *      interrupt, whatever the original was);
 *    - other event stops: the thread is left in the syscall-exit-stop of
 *      the munmap with its registers (they cannot happen before a syscall
 *      entry, which stops first; after an exec there is nothing to undo);
 *    - exit or PTRACE_EVENT_EXIT: nothing can run any more; the bytes are
 *      restored if the memory is still there and the page goes with the
 *      process.
 *
 * Costs measured (2-CPU VM, tracer and tracee pinned to one CPU): a hardware
 * hit ~20 us; installing and removing the trampoline ~0.3-0.6 ms (maps,
 * capstone, two injected syscalls), so 16 hits is about the break-even; a
 * miss in the trampoline a few ns.
 *
 * Limits: a relative branch into the displaced range from more than 64 KiB
 * away, or an indirect jump (jump table, computed goto) into the middle of
 * the 5-byte jmp itself, is not detected (with a single displaced
 * instruction, the common case, neither can happen). Code reading its own
 * patched bytes would see the jmp. The program's own debug registers are
 * not kept (DR7 is ours). Only `tid` may run while the code is patched.
 * Capstone handles and the verdict memo are process-wide (not
 * thread-safe). */
#define _GNU_SOURCE
#include "replayer/fastpoint.h"
#include "patching/reloc.h"
#include "patching/inject.h"
#include "core/ptrace_util.h"
#include "core/tsc.h"

#include <capstone/capstone.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>

#define PAGE 4096ULL
#define SYSCALL_STOP (SIGTRAP | 0x80)
#define SCAN_RADIUS 65536        /* rel32 byte scan: bytes each side of rip */
/* Instruction sweeps for rel8 branches: a rel8 lands at most 128 bytes
 * after the end of its instruction (<= 15 bytes long) and 127 before it,
 * so these windows see every one that can reach the displaced range; the
 * extra bytes before give the sweep room to fall into step. */
#define SWEEP_BEFORE 256
#define SWEEP_AFTER 160
#define SCAN_STARTS 16           /* sweep start offsets tried */
#define DATA_OFF 2048            /* data area inside the page */
#define D_SRAX 0
#define D_SFL 8
#define D_RET 16
#define D_T 24                   /* 16 target registers */
#define D_M (D_T + 16 * 8)       /* expected operands, 8 bytes each */
/* jne miss fixups: 16 registers, the flags, and at most 3 pieces (4+2+1)
 * per memory operand */
#define MAX_FIX (17 + 3 * POINT_MAX_MEM)
#define MIN_MAP_ADDR 0x100000ULL
#define USER_TOP 0x7ffffffff000ULL
#define STACK_MARGIN (256ULL << 20) /* room for the main stack to grow */
/* rel32 reach, less a margin so any byte of the page is in reach */
#define REACH ((1LL << 31) - 2 * (long long)PAGE)

/* ---------------------------------------------------------------- registers */

struct gpr {
	size_t off;  /* in struct user_regs_struct */
	uint8_t enc; /* x86 register number */
};

#define GPR(n, e) { offsetof(struct user_regs_struct, n), e }
static const struct gpr gprs[16] = {
	GPR(rax, 0), GPR(rcx, 1), GPR(rdx, 2),  GPR(rbx, 3),
	GPR(rsp, 4), GPR(rbp, 5), GPR(rsi, 6),  GPR(rdi, 7),
	GPR(r8, 8),  GPR(r9, 9),  GPR(r10, 10), GPR(r11, 11),
	GPR(r12, 12), GPR(r13, 13), GPR(r14, 14), GPR(r15, 15),
};
#define FLAGS_IDX 16 /* pseudo-register index for the flags compare */

static uint64_t gpr_get(const struct user_regs_struct *r, int i)
{
	uint64_t v;
	memcpy(&v, (const char *)r + gprs[i].off, sizeof v);
	return v;
}

static int regs_match(const struct user_regs_struct *a,
		      const struct user_regs_struct *t)
{
	if (a->rip != t->rip || ((a->eflags ^ t->eflags) & FASTPOINT_FLAGS_MASK))
		return 0;
	for (int i = 0; i < 16; i++)
		if (gpr_get(a, i) != gpr_get(t, i))
			return 0;
	return 1;
}

/* ------------------------------------------------------------------- state */

/* Where the program's state is when the thread stops at a trampoline
 * address: how to translate a trampoline rip back to the original code. */
struct tmap {
	uint64_t tramp, orig;
	int64_t rsp_adj; /* undo a push done by a relocated call */
};

struct tramp {
	uint64_t page;
	uint64_t entry, after_save_rax, after_save_fl, int3_at, miss, reloc;
	int nmap;
	struct tmap map[2 * RELOC_MAX_DISPLACED + 1];
};

struct fp {
	pid_t tid;
	int memfd;
	const struct user_regs_struct *t;
	const struct point_mem *mem; /* NULL: registers alone */
	uint64_t gadget;
	uint64_t hw_hit_limit;  /* hits before the trampoline (fastpoint.h) */
	struct fastpoint_stats *st;
	uint64_t hits;          /* hardware hits since the last (re)arm */
	uint32_t diff[17];      /* per register: hits where it differed */
	int no_patch;           /* patching judged unsafe: hardware only */
	int installed;
	struct reloc_plan plan;
	struct tramp tr;
};

enum { DONE = 0, CONTINUE = 1 };

/* ------------------------------------------------------------ ptrace bits */


static int wait_tid(pid_t tid, int *status, struct err *e)
{
	for (;;) {
		pid_t r = waitpid(tid, status, __WALL);
		if (r == tid)
			return 0;
		if (r < 0 && errno != EINTR)
			return err_sys(e, "waitpid(%d)", tid);
	}
}

static int resume_wait(pid_t tid, int sig, int *status, struct err *e)
{
	if (ptrace(PTRACE_SYSCALL, tid, 0, (long)sig) < 0)
		return err_sys(e, "PTRACE_SYSCALL(%d)", tid);
	return wait_tid(tid, status, e);
}

/* DR7's bits for DR1-DR3 belong to others (planned points, a debugger's
 * watchpoints) and are kept. */
#define DR7_SLOT0 DR7_SLOT_BITS(0)

/* DR7 bit 0: local enable of DR0; R/W0 = LEN0 = 0: execute, 1 byte. DR7 is
 * cleared first because the kernel validates each write against the others. */
static int hw_arm(struct fp *f, struct err *e)
{
	uint64_t dr7 = 0;
	f->hits = 0;
	if (pt_dr_get(f->tid, 7, &dr7, e) < 0)
		return -1;
	dr7 &= ~DR7_SLOT0;
	if (pt_dr_set(f->tid, 7, 0, e) < 0 || pt_dr_set(f->tid, 0, f->t->rip, e) < 0 ||
	    pt_dr_set(f->tid, 6, 0, e) < 0 || pt_dr_set(f->tid, 7, dr7 | 1, e) < 0)
		return -1;
	return 0;
}

static int hw_disarm(pid_t tid, struct err *e)
{
	uint64_t dr7 = 0;
	if (pt_dr_get(tid, 7, &dr7, e) < 0 || pt_dr_set(tid, 7, dr7 & ~DR7_SLOT0, e) < 0 ||
	    pt_dr_set(tid, 0, 0, e) < 0)
		return -1;
	return 0;
}

/* Do the point's operands hold the recorded bytes now? Only meaningful
 * once the registers match, since the addresses were computed from them. An
 * operand that cannot be read is no match: the program's own read of it
 * would fault, which is not the recorded point either. */
static int mem_matches(int memfd, const struct point_mem *mem)
{
	for (int i = 0; mem && i < mem->n; i++) {
		uint8_t got[8];
		struct err ignore;
		size_t len = mem->op[i].len;
		if (tracee_read(memfd, mem->op[i].addr, got, len,
				&ignore) < 0 ||
		    memcmp(got, mem->op[i].bytes, len) != 0)
			return 0;
	}
	return 1;
}

static int is_signal_stop(int status, int sig)
{
	return WIFSTOPPED(status) && WSTOPSIG(status) == sig && !(status >> 16);
}

static int thread_gone(int status)
{
	return !WIFSTOPPED(status) || (status >> 16) == PTRACE_EVENT_EXIT;
}

/* ------------------------------------------------------- maps and capstone */

struct vma {
	uint64_t lo, hi;
	int exec, stack;
};

static int read_maps(pid_t tid, struct vma **out, size_t *n, struct err *e)
{
	char path[64], *line = NULL;
	size_t cap = 0, len = 0, lcap = 0;
	struct vma *v = NULL;

	snprintf(path, sizeof path, "/proc/%d/maps", tid);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return err_sys(e, "opening %s", path);
	while (getline(&line, &lcap, fp) > 0) {
		uint64_t lo, hi;
		char perms[8];
		/* [vsyscall] and anything else above user space is no gap's
		 * boundary */
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s", &lo, &hi, perms) != 3 ||
		    lo >= USER_TOP)
			continue;
		if (len == cap) {
			cap = cap ? 2 * cap : 64;
			struct vma *nv = realloc(v, cap * sizeof *v);
			if (!nv) {
				free(v);
				free(line);
				fclose(fp);
				return err_set(e, "out of memory reading %s", path);
			}
			v = nv;
		}
		v[len++] = (struct vma){ lo, hi, perms[2] == 'x',
					 strstr(line, "[stack]") != NULL };
	}
	free(line);
	fclose(fp);
	*out = v;
	*n = len;
	return 0;
}

static csh cs_full, cs_fast; /* with and without instruction details */

static int cs_init(struct err *e)
{
	static int ready;
	if (ready)
		return 0;
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs_full) != CS_ERR_OK ||
	    cs_open(CS_ARCH_X86, CS_MODE_64, &cs_fast) != CS_ERR_OK)
		return err_set(e, "capstone: cannot open an x86-64 handle");
	cs_option(cs_full, CS_OPT_DETAIL, CS_OPT_ON);
	ready = 1;
	return 0;
}

/* lahf/sahf in 64-bit mode are optional (CPUID 0x80000001 ECX bit 0). */
static int have_lahf(void)
{
	uint32_t max[4], ext[4];
	cpuid_native(0x80000000, 0, max);
	if (max[0] < 0x80000001)
		return 0;
	cpuid_native(0x80000001, 0, ext);
	return ext[2] & 1;
}

/* ------------------------------------------------------------ the plan */

/* One linear sweep of the window from `from` until `stop`. Undecodable
 * bytes are skipped one at a time. `seen` marks instruction starts of the
 * earlier sweeps: reaching one means this sweep has merged with an earlier
 * one and would repeat it, so it ends there (not landed). Returns 1 when a
 * relative branch lands strictly inside (a, b), its address in *src;
 * *landed: the sweep reached `stop` exactly on an instruction boundary. */
struct sweep {
	const uint8_t *code;
	uint64_t base;
	size_t size;
	uint8_t *seen; /* bitmap, one bit per window byte */
	cs_insn *in;
};

static int seen_test_set(uint8_t *seen, size_t i)
{
	int was = seen[i / 8] >> (i % 8) & 1;
	seen[i / 8] |= (uint8_t)(1u << (i % 8));
	return was;
}

static int sweep(struct sweep *w, uint64_t from, uint64_t stop, uint64_t a,
		 uint64_t b, uint64_t *src, int *landed)
{
	const uint8_t *c = w->code + (from - w->base);
	size_t sz = w->size - (size_t)(from - w->base);
	uint64_t addr = from;

	*landed = 0;
	while (addr < stop) {
		if (seen_test_set(w->seen, (size_t)(addr - w->base)))
			return 0;
		if (!cs_disasm_iter(cs_fast, &c, &sz, &addr, w->in)) {
			c++;
			sz--;
			addr++;
			continue;
		}
		uint64_t t;
		if (reloc_rel_target(w->in, &t) && t > a && t < b) {
			*src = w->in->address;
			return 1;
		}
	}
	*landed = addr == stop;
	return 0;
}

/* Every byte offset of the window that could start a rel32 jmp, call or jcc
 * (e8/e9/0f 8x) landing strictly inside (a, b). Looking at all offsets, not
 * just decoded instruction starts, needs no synchronisation and can only
 * err on the safe side: a random 4-byte value lands in a ~10-byte range
 * with probability ~2^-29. */
static int scan_rel32(const uint8_t *code, uint64_t base, size_t size,
		      uint64_t a, uint64_t b, uint64_t *src)
{
	for (size_t i = 0; i + 5 <= size; i++) {
		size_t o;
		if (code[i] == 0xe8 || code[i] == 0xe9)
			o = i + 1;
		else if (code[i] == 0x0f && (code[i + 1] & 0xf0) == 0x80)
			o = i + 2;
		else
			continue;
		if (o + 4 > size)
			continue;
		int32_t rel;
		memcpy(&rel, code + o, 4);
		uint64_t t = base + o + 4 + (uint64_t)(int64_t)rel;
		if (t > a && t < b) {
			*src = base + i;
			return 1;
		}
	}
	return 0;
}

/* Does any relative branch land strictly inside the displaced range?
 * rel32 forms: the byte scan of the whole window (+-64 KiB). rel8 forms
 * (jcc, jmp short) reach only 128 bytes, so instruction sweeps from 256
 * bytes before to 160 after the range see all that can: sweeps start at
 * successive bytes until one lands exactly on rip, i.e. follows the real
 * instruction stream (every sweep tried counts), then one sweep from rip,
 * in step by definition, covers the rest. Returns 1 (why set) on such a
 * branch. */
static int scan_window(const struct reloc_plan *p, const uint8_t *code,
		       uint64_t base, size_t size, char *wb, size_t wl)
{
	uint64_t src = 0;
	if (scan_rel32(code, base, size, p->start, p->end, &src))
		return reloc_why(wb, wl, "the branch at %#" PRIx64 " jumps into the "
			   "instructions to displace", src);

	uint64_t lo = p->start - base > SWEEP_BEFORE ? p->start - SWEEP_BEFORE : base;
	uint64_t hi = base + size - p->end > SWEEP_AFTER ? p->end + SWEEP_AFTER
							 : base + size;
	struct sweep w = { code + (lo - base), lo, (size_t)(hi - lo),
			   calloc((size_t)(hi - lo) / 8 + 1, 1), cs_malloc(cs_fast) };
	int landed = 0, hit = 0;

	if (!w.seen || !w.in) {
		free(w.seen);
		if (w.in)
			cs_free(w.in, 1);
		return reloc_why(wb, wl, "out of memory scanning the code");
	}
	for (uint64_t k = 0; k < SCAN_STARTS && lo + k < p->start && !landed; k++)
		if ((hit = sweep(&w, lo + k, p->start, p->start, p->end, &src,
				 &landed)))
			break;
	if (!hit) {
		memset(w.seen, 0, w.size / 8 + 1);
		hit = sweep(&w, p->start, hi, p->start, p->end, &src, &landed);
	}
	free(w.seen);
	cs_free(w.in, 1);
	if (hit)
		return reloc_why(wb, wl, "the branch at %#" PRIx64 " jumps into the "
			   "instructions to displace", src);
	return 0;
}

/* Scan verdicts by displaced range and window contents: points in a hot
 * loop come back to the same rip again and again, and the sweeps are most
 * of the cost of installing a trampoline. */
struct scan_memo {
	uint64_t start, end, base, hash;
	size_t size;
	int verdict;
	char why[sizeof ((struct fastpoint_stats *)0)->why_no_trampoline];
};

static struct scan_memo memo[32];
static unsigned memo_next;

static uint64_t hash_bytes(const uint8_t *b, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, b + i, 8);
		h = (h ^ v) * 0x100000001b3ULL;
	}
	for (; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

static int plan_scan(const struct reloc_plan *p, const uint8_t *code, uint64_t base,
		     size_t size, char *wb, size_t wl)
{
	uint64_t h = hash_bytes(code, size);
	for (unsigned i = 0; i < sizeof memo / sizeof memo[0]; i++) {
		const struct scan_memo *m = &memo[i];
		if (m->start == p->start && m->end == p->end && m->base == base &&
		    m->size == size && m->hash == h && m->start) {
			snprintf(wb, wl, "%s", m->why);
			return m->verdict;
		}
	}
	int v = scan_window(p, code, base, size, wb, wl);
	struct scan_memo *m = &memo[memo_next++ % (sizeof memo / sizeof memo[0])];
	*m = (struct scan_memo){ p->start, p->end, base, h, size, v, "" };
	if (v)
		snprintf(m->why, sizeof m->why, "%s", wb);
	return v;
}

/* An operand that reads the displaced bytes themselves (code reading its
 * own instructions) would see the jmp in the trampoline's compare and never
 * match: such a point is left to the hardware breakpoint. Returns 1 (why
 * set) on an overlap. */
static int plan_mem_apart(const struct reloc_plan *p, const struct point_mem *mem,
			  char *wb, size_t wl)
{
	for (int i = 0; mem && i < mem->n; i++) {
		uint64_t a = mem->op[i].addr, len = mem->op[i].len;
		if (len && a < p->end && a + len > p->start)
			return reloc_why(wb, wl, "the instruction at %#" PRIx64
				   " reads the code to be displaced", p->start);
	}
	return 0;
}

/* ------------------------------------------------------ trampoline page */

/* Absolute addresses the trampoline must reach with rel32. */
static size_t plan_targets(const struct reloc_plan *p, uint64_t *t)
{
	size_t n = 0;
	t[n++] = p->start;
	t[n++] = p->end;
	for (int i = 0; i < p->n; i++) {
		if (p->ins[i].riprel)
			t[n++] = p->ins[i].mem_target;
		if (p->ins[i].kind == I_JCC || p->ins[i].kind == I_JMP ||
		    p->ins[i].kind == I_CALL_REL)
			t[n++] = p->ins[i].br_target;
	}
	return n;
}

/* A free page-aligned address within rel32 reach of every target, as close
 * to rip as possible, and not where the main stack may grow. 0: none. */
static uint64_t pick_page(const struct vma *v, size_t nv, uint64_t rip,
			  const uint64_t *tg, size_t nt)
{
	int64_t lo = (int64_t)MIN_MAP_ADDR, hi = (int64_t)(USER_TOP - PAGE);
	for (size_t i = 0; i < nt; i++) {
		if ((int64_t)tg[i] - REACH > lo)
			lo = (int64_t)tg[i] - REACH;
		if ((int64_t)tg[i] + REACH - (int64_t)PAGE < hi)
			hi = (int64_t)tg[i] + REACH - (int64_t)PAGE;
	}
	uint64_t best = 0, bestd = UINT64_MAX;
	for (size_t i = 0; i <= nv; i++) {
		int64_t g0 = i ? (int64_t)v[i - 1].hi : (int64_t)MIN_MAP_ADDR;
		int64_t g1 = i < nv ? (int64_t)v[i].lo : (int64_t)USER_TOP;
		if (i < nv && v[i].stack)
			g1 -= (int64_t)STACK_MARGIN;
		int64_t a = g0 > lo ? g0 : lo;
		int64_t b = g1 - (int64_t)PAGE < hi ? g1 - (int64_t)PAGE : hi;
		a = (a + (int64_t)PAGE - 1) & ~(int64_t)(PAGE - 1);
		b &= ~(int64_t)(PAGE - 1);
		if (a > b)
			continue;
		int64_t c = (int64_t)rip < a ? a : (int64_t)rip > b ? b : (int64_t)rip;
		c &= ~(int64_t)(PAGE - 1);
		if (c < a)
			c = a;
		uint64_t d = (uint64_t)(c > (int64_t)rip ? c - (int64_t)rip
							 : (int64_t)rip - c);
		if (d < bestd) {
			bestd = d;
			best = (uint64_t)c;
		}
	}
	return best;
}

/* A tiny code buffer for the page. */
/* mov ax,[S_FL] ; add al,0x7f ; sahf ; mov rax,[S_RAX]: OF comes back from
 * al (1 + 0x7f overflows, 0 + 0x7f does not), SF ZF AF PF CF from ah. */
static void put_restore(struct code *c, uint64_t data)
{
	static const uint8_t ld_ax[] = { 0x66, 0x8b, 0x05 };
	static const uint8_t ld_rax[] = { 0x48, 0x8b, 0x05 };
	static const uint8_t fix[] = { 0x04, 0x7f, 0x9e };
	code_put_riprel(c, ld_ax, sizeof ld_ax, data + D_SFL, 0);
	code_put(c, fix, sizeof fix);
	code_put_riprel(c, ld_rax, sizeof ld_rax, data + D_SRAX, 0);
}

static void add_map(struct tramp *t, uint64_t tramp, uint64_t orig, int64_t adj)
{
	t->map[t->nmap++] = (struct tmap){ tramp, orig, adj };
}

static void tramp_map(void *ctx, uint64_t tramp, uint64_t orig, int64_t adj)
{
	add_map(ctx, tramp, orig, adj);
}

/* Which compare first: the registers that differed most often at the
 * hardware hits, so that a miss usually leaves after one compare. */
static void compare_order(const struct fp *f, int order[17])
{
	for (int i = 0; i < 17; i++)
		order[i] = i;
	for (int i = 1; i < 17; i++)
		for (int j = i; j > 0 && f->diff[order[j]] > f->diff[order[j - 1]];
		     j--) {
			int x = order[j];
			order[j] = order[j - 1];
			order[j - 1] = x;
		}
}

/* The jne rel32 of a failed compare, to be pointed at `miss` once known. */
static void put_jne_miss(struct code *c, size_t *fix, int *nfix)
{
	static const uint8_t jne32[] = { 0x0f, 0x85 };
	code_put(c, jne32, sizeof jne32);
	fix[(*nfix)++] = c->n;
	code_put32(c, 0);
}

/* mov al/ax/eax/rax, [abs64]: the moffs64 forms load from an absolute
 * address without needing a register to hold it. */
static void put_load_abs(struct code *c, unsigned size, uint64_t addr)
{
	static const uint8_t op[9][2] = { [1] = { 0xa0 }, [2] = { 0x66, 0xa1 },
					  [4] = { 0xa1 }, [8] = { 0x48, 0xa1 } };
	code_put(c, op[size], size == 2 || size == 8 ? 2 : 1);
	code_put(c, &addr, 8);
}

/* Compare the len (1..8) bytes at addr with want, a jne miss after each
 * piece. 8 bytes: one load, compared with the data slot (cmp rax has no
 * imm64 form). Fewer: pieces of 4, 2 and 1 bytes compared with immediates,
 * so no byte past the operand is read (it may be on an unmapped page). */
static void put_mem_cmp(struct code *c, uint64_t addr, const uint8_t *want,
			unsigned len, uint64_t slot, size_t *fix, int *nfix)
{
	static const uint8_t cmp_rax_slot[] = { 0x48, 0x3b, 0x05 };
	static const uint8_t cmp_w[] = { 0x66, 0x3d };
	unsigned off = 0;

	while (off < len) {
		unsigned left = len - off;
		unsigned piece = left >= 8 ? 8 : left >= 4 ? 4 :
				 left >= 2 ? 2 : 1;
		put_load_abs(c, piece, addr + off);
		if (piece == 8)
			code_put_riprel(c, cmp_rax_slot, sizeof cmp_rax_slot, slot, 0);
		else if (piece == 4)
			code_put1(c, 0x3d);                 /* cmp eax, imm32 */
		else if (piece == 2)
			code_put(c, cmp_w, sizeof cmp_w);   /* cmp ax, imm16 */
		else
			code_put1(c, 0x3c);                 /* cmp al, imm8 */
		if (piece < 8)
			code_put(c, want + off, piece);
		put_jne_miss(c, fix, nfix);
		off += piece;
	}
}

static uint16_t flags_word(uint64_t eflags)
{
	/* what `lahf ; seto al` leave in ax: ah = SF ZF 0 AF 0 PF 1 CF */
	return (uint16_t)((((eflags & 0xd5) | 0x02) << 8) | ((eflags >> 11) & 1));
}

/* Generate the page (code and data) for page address t->page. Returns 0, or
 * 1 when something is out of reach. */
static int emit_tramp(struct fp *f, struct code *c, struct tramp *t)
{
	static const uint8_t st_rax[] = { 0x48, 0x89, 0x05 };
	static const uint8_t lahf_seto[] = { 0x9f, 0x0f, 0x90, 0xc0 };
	static const uint8_t st_ax[] = { 0x66, 0x89, 0x05 };
	static const uint8_t ld_rax[] = { 0x48, 0x8b, 0x05 };
	static const uint8_t cmp_fl[] = { 0x66, 0x81, 0x3d };
	uint64_t data = t->page + DATA_OFF;
	size_t fix[MAX_FIX];
	int order[17], nfix = 0;

	memset(c->b, 0, PAGE);
	c->n = 0;
	c->bad = 0;
	c->limit = DATA_OFF;
	c->base = t->page;
	t->nmap = 0;
	t->entry = code_here(c);
	code_put_riprel(c, st_rax, sizeof st_rax, data + D_SRAX, 0);
	t->after_save_rax = code_here(c);
	code_put(c, lahf_seto, sizeof lahf_seto);
	code_put_riprel(c, st_ax, sizeof st_ax, data + D_SFL, 0);
	t->after_save_fl = code_here(c);
	code_put_riprel(c, ld_rax, sizeof ld_rax, data + D_SRAX, 0);

	compare_order(f, order);
	for (int k = 0; k < 17; k++) {
		int i = order[k];
		if (i == FLAGS_IDX) {
			uint16_t w = flags_word(f->t->eflags);
			code_put_riprel(c, cmp_fl, sizeof cmp_fl, data + D_SFL, 2);
			code_put(c, &w, 2);
		} else {
			uint8_t op[3] = { (uint8_t)(0x48 | (gprs[i].enc >= 8 ? 4 : 0)),
					  0x3b,
					  (uint8_t)(0x05 | (gprs[i].enc & 7) << 3) };
			code_put_riprel(c, op, sizeof op, data + D_T + 8 * (uint64_t)i, 0);
		}
		put_jne_miss(c, fix, &nfix);
	}
	/* Memory last: its addresses only mean something once every register
	 * matches. */
	for (int k = 0; f->mem && k < f->mem->n; k++)
		put_mem_cmp(c, f->mem->op[k].addr, f->mem->op[k].bytes,
			    f->mem->op[k].len, data + D_M + 8 * (uint64_t)k, fix,
			    &nfix);
	put_restore(c, data);
	t->int3_at = code_here(c);
	code_put1(c, 0xcc);
	t->miss = code_here(c);
	for (int k = 0; k < nfix && !c->bad; k++) {
		int32_t r = code_rel32(c, c->base + fix[k] + 4, t->miss);
		memcpy(c->b + fix[k], &r, 4);
	}
	put_restore(c, data);
	t->reloc = code_here(c);
	for (int i = 0; i < f->plan.n; i++)
		reloc_put(c, &f->plan.ins[i], data + D_RET, tramp_map, t);
	add_map(t, code_here(c), f->plan.end, 0);
	code_put_jmp(c, f->plan.end);
	if (c->bad)
		return 1;

	/* data: save area zeroed by memset; the call slot; the target */
	uint8_t *d = c->b + DATA_OFF;
	const struct dinsn *last = &f->plan.ins[f->plan.n - 1];
	uint64_t ret = last->addr + last->len;
	memcpy(d + D_RET, &ret, 8);
	for (int i = 0; i < 16; i++) {
		uint64_t v = gpr_get(f->t, i);
		memcpy(d + D_T + 8 * i, &v, 8);
	}
	for (int k = 0; f->mem && k < f->mem->n; k++)
		memcpy(d + D_M + 8 * k, f->mem->op[k].bytes, f->mem->op[k].len);
	return 0;
}

static int inject_mmap(struct fp *f, uint64_t page, int64_t *res,
		       struct err *e)
{
	const uint64_t a[6] = { page, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
				(uint64_t)-1, 0 };
	return inject_syscall(f->tid, INJECT_AT_USER, f->gadget, SYS_mmap, a,
			      res, e);
}

static int inject_munmap(struct fp *f, enum inject_state how, uint64_t page,
			 struct err *e)
{
	const uint64_t a[6] = { page, PAGE, 0, 0, 0, 0 };
	int64_t r;
	if (inject_syscall(f->tid, how, f->gadget, SYS_munmap, a, &r, e) < 0)
		return -1;
	if (r != 0)
		return err_set(e, "munmap of the trampoline page %#" PRIx64
			       " failed: %s", page, strerror((int)-r));
	return 0;
}

/* Read the code around rip (the window the scan looks at). */
static int read_window(struct fp *f, const struct vma *text, uint8_t **code,
		       uint64_t *base, size_t *size, struct err *e)
{
	uint64_t rip = f->t->rip;
	uint64_t lo = rip - text->lo > SCAN_RADIUS ? rip - SCAN_RADIUS : text->lo;
	uint64_t hi = text->hi - rip > SCAN_RADIUS ? rip + SCAN_RADIUS : text->hi;
	*code = malloc(hi - lo);
	if (!*code)
		return err_set(e, "out of memory");
	*base = lo;
	*size = (size_t)(hi - lo);
	if (tracee_read(f->memfd, lo, *code, *size, e) < 0) {
		free(*code);
		return -1;
	}
	return 0;
}

/* Decide, map, write. The thread is at a hardware-hit stop at rip with the
 * breakpoint disarmed. Returns 0 installed, 1 not safe (why set in st),
 * -1 error. */
static int tramp_install_at(struct fp *f, const struct vma *v, size_t nv,
			    char *wb, size_t wl, struct err *e)
{
	uint64_t rip = f->t->rip, base = 0, tg[2 + 2 * RELOC_MAX_DISPLACED];
	const struct vma *text = NULL;
	uint8_t *code = NULL;
	size_t size = 0;
	int rc;

	for (size_t i = 0; i < nv; i++)
		if (v[i].lo <= rip && rip < v[i].hi)
			text = &v[i];
	if (!text || !text->exec)
		return reloc_why(wb, wl, "rip %#" PRIx64 " is not in executable memory", rip);
	if (read_window(f, text, &code, &base, &size, e) < 0)
		return -1;
	rc = reloc_decode(cs_full, &f->plan, code, base, size, rip, wb, wl);
	if (!rc)
		rc = plan_mem_apart(&f->plan, f->mem, wb, wl);
	if (!rc)
		rc = plan_scan(&f->plan, code, base, size, wb, wl);
	free(code);
	if (rc)
		return rc;

	f->tr.page = pick_page(v, nv, rip, tg, plan_targets(&f->plan, tg));
	if (!f->tr.page)
		return reloc_why(wb, wl, "no free page within rel32 reach of %#" PRIx64, rip);
	uint8_t *page = malloc(PAGE);
	struct code code_buf = {.b = page}, *c = &code_buf;
	if (!page)
		return err_set(e, "out of memory");
	if (emit_tramp(f, c, &f->tr)) {
		free(page);
		return reloc_why(wb, wl, "trampoline out of reach of its targets");
	}

	int64_t got;
	if (inject_mmap(f, f->tr.page, &got, e) < 0) {
		free(page);
		return -1;
	}
	if (got != (int64_t)f->tr.page) {
		free(page);
		if (got > 0 && inject_munmap(f, INJECT_AT_USER, (uint64_t)got, e) < 0)
			return -1;
		return reloc_why(wb, wl, "mmap of the trampoline at %#" PRIx64 " gave %" PRId64,
			   f->tr.page, got);
	}
	uint8_t patch[RELOC_MAX_DISPLACED * 16];
	size_t plen = (size_t)(f->plan.end - rip);
	memset(patch, 0xcc, plen);
	patch[0] = 0xe9;
	int32_t r = (int32_t)(f->tr.entry - (rip + RELOC_JMP_LEN)); /* in reach: pick_page */
	memcpy(patch + 1, &r, 4);
	rc = tracee_write(f->memfd, f->tr.page, c->b, PAGE, e);
	free(page);
	if (rc < 0) {
		struct err ignore;
		inject_munmap(f, INJECT_AT_USER, f->tr.page, &ignore);
		return -1;
	}
	/* Code that cannot be written (a special mapping) is just not
	 * patchable. */
	struct err we;
	if (tracee_write(f->memfd, rip, patch, plen, &we) < 0) {
		tracee_write(f->memfd, rip, f->plan.orig, plen, &we);
		if (inject_munmap(f, INJECT_AT_USER, f->tr.page, e) < 0)
			return -1;
		return reloc_why(wb, wl, "cannot write the code at %#" PRIx64, rip);
	}
	f->installed = 1;
	return 0;
}

static int tramp_install(struct fp *f, struct err *e)
{
	struct vma *v = NULL;
	size_t nv = 0;
	char *wb = f->st->why_no_trampoline;
	size_t wl = sizeof f->st->why_no_trampoline;

	if (!have_lahf())
		return reloc_why(wb, wl, "the CPU has no lahf/sahf in 64-bit mode");
	if (cs_init(e) < 0 || read_maps(f->tid, &v, &nv, e) < 0)
		return -1;
	int rc = tramp_install_at(f, v, nv, wb, wl, e);
	free(v);
	return rc;
}

/* Put the original bytes back and unmap the page (when the thread can still
 * run code). */
static int tramp_remove(struct fp *f, enum inject_state how, int can_run,
			struct err *e)
{
	int rc = tracee_write(f->memfd, f->plan.start, f->plan.orig,
			      (size_t)(f->plan.end - f->plan.start), e);
	f->installed = 0;
	if (rc < 0 || !can_run)
		return rc;
	return inject_munmap(f, how, f->tr.page, e);
}

/* ---------------------------------------------- stops inside the trampoline */

/* If the thread stopped inside the trampoline page, turn its registers into
 * the program's own state: rax and flags from the save area while the
 * comparison owns them, rip mapped back to the original instruction.
 * Returns 1 if r changed, 0 if not, -1 if rip cannot be mapped. */
static int tramp_unwind(struct fp *f, struct user_regs_struct *r,
			struct err *e)
{
	const struct tramp *t = &f->tr;
	uint64_t rip = r->rip, data = t->page + DATA_OFF;

	if (rip < t->page || rip >= t->page + PAGE)
		return 0;
	for (int i = 0; i < t->nmap; i++)
		if (t->map[i].tramp == rip) {
			r->rip = t->map[i].orig;
			r->rsp += (uint64_t)t->map[i].rsp_adj;
			return 1;
		}
	int rax_saved = rip >= t->after_save_rax &&
			(rip <= t->int3_at || (rip >= t->miss && rip < t->reloc));
	int fl_saved = rax_saved && rip >= t->after_save_fl;
	if (rip != t->entry && !rax_saved)
		return err_set(e, "thread %d stopped inside the trampoline at "
			       "%#" PRIx64 ", which maps to no program state",
			       f->tid, rip);
	uint64_t srax;
	uint16_t sfl;
	if (tracee_read(f->memfd, data + D_SRAX, &srax, 8, e) < 0 ||
	    tracee_read(f->memfd, data + D_SFL, &sfl, 2, e) < 0)
		return -1;
	if (rax_saved)
		r->rax = srax;
	if (fl_saved)
		r->eflags = (r->eflags & ~0x8d5ULL) | ((sfl >> 8) & 0xd5) |
			    ((uint64_t)(sfl & 1) << 11);
	r->rip = f->plan.start;
	return 1;
}

/* After the page is gone, put a signal-delivery-stop back: the injection
 * resumed the thread without its signal, so it is sent again from the
 * injected syscall's exit stop and its siginfo restored at the new stop. */
static int redeliver(struct fp *f, int sig, const siginfo_t *si, int *status,
		     struct err *e)
{
	char d[96];
	if (resume_wait(f->tid, sig, status, e) < 0)
		return -1;
	if (!is_signal_stop(*status, sig))
		return err_set(e, "thread %d: re-delivering signal %d gave %s",
			       f->tid, sig, inject_status_str(*status, d, sizeof d));
	if (ptrace(PTRACE_SETSIGINFO, f->tid, 0, si) < 0)
		return err_sys(e, "PTRACE_SETSIGINFO(%d)", f->tid);
	return 0;
}

/* The same for a PTRACE_EVENT_STOP: ask for a new one. */
static int reinterrupt(struct fp *f, int *status, struct err *e)
{
	char d[96];
	if (ptrace(PTRACE_INTERRUPT, f->tid, 0, 0) < 0)
		return err_sys(e, "PTRACE_INTERRUPT(%d)", f->tid);
	if (resume_wait(f->tid, 0, status, e) < 0)
		return -1;
	if (!WIFSTOPPED(*status) || (*status >> 16) != PTRACE_EVENT_STOP)
		return err_set(e, "thread %d: expected an event stop, got %s",
			       f->tid, inject_status_str(*status, d, sizeof d));
	return 0;
}

/* The thread stopped before the point with the trampoline installed:
 * restore the program's state, remove everything and leave the thread in
 * the equivalent stop (see the header comment). */
static int leave_other_stop(struct fp *f, int st, int *status, struct err *e)
{
	struct user_regs_struct r;
	char d[96];

	*status = st;
	if ((st >> 16) == PTRACE_EVENT_EXEC) {
		f->installed = 0; /* a new address space: nothing of ours left */
		return 0;
	}
	if (thread_gone(st)) {
		struct err ignore;
		tramp_remove(f, INJECT_AT_USER, 0, &ignore);
		return 0;
	}
	if (pt_getregs(f->tid, &r, e) < 0)
		return -1;
	int changed = tramp_unwind(f, &r, e);
	if (changed < 0)
		return -1;
	if (r.rip > f->plan.start && r.rip < f->plan.end)
		return err_set(e, "thread %d stopped (%s) at %#llx, inside the "
			       "patched instructions", f->tid,
			       inject_status_str(st, d, sizeof d),
			       (unsigned long long)r.rip);
	if (changed && pt_setregs(f->tid, &r, e) < 0)
		return -1;
	f->st->unwound = changed;

	if (WSTOPSIG(st) == SYSCALL_STOP)
		return tramp_remove(f, INJECT_AT_SYSCALL_ENTRY, 1, e);
	if (!(st >> 16)) {
		siginfo_t si;
		if (ptrace(PTRACE_GETSIGINFO, f->tid, 0, &si) < 0)
			return err_sys(e, "PTRACE_GETSIGINFO(%d)", f->tid);
		if (tramp_remove(f, INJECT_AT_USER, 1, e) < 0)
			return -1;
		return redeliver(f, WSTOPSIG(st), &si, status, e);
	}
	if (tramp_remove(f, INJECT_AT_USER, 1, e) < 0)
		return -1;
	if ((st >> 16) == PTRACE_EVENT_STOP)
		return reinterrupt(f, status, e);
	return 0;
}

/* ------------------------------------------------------------ the stops */

static void note_diffs(struct fp *f, const struct user_regs_struct *r)
{
	for (int i = 0; i < 16; i++)
		f->diff[i] += gpr_get(r, i) != gpr_get(f->t, i);
	f->diff[FLAGS_IDX] += ((r->eflags ^ f->t->eflags) & 0x8d5) != 0;
}

/* A stop while only the hardware breakpoint is armed. */
static int on_hw_stop(struct fp *f, int st, enum fp_result *res, int *status,
		      struct err *e)
{
	struct user_regs_struct r;
	uint64_t dr6 = 0;

	if (!is_signal_stop(st, SIGTRAP) || pt_dr_get(f->tid, 6, &dr6, e) < 0 ||
	    !(dr6 & 1)) {
		*res = FP_OTHER_STOP;
		*status = st;
		return DONE;
	}
	f->st->hw_hits++;
	f->hits++;
	/* A debugger's DR1-DR3 may have fired at the same instruction: its
	 * bits stay in DR6 for it to see. */
	int theirs = (dr6 & 0xe) != 0;
	if (pt_dr_set(f->tid, 6, dr6 & ~1ull, e) < 0 || pt_getregs(f->tid, &r, e) < 0)
		return -1;
	if (regs_match(&r, f->t)) {
		if (mem_matches(f->memfd, f->mem)) {
			*res = FP_REACHED;
			*status = st;
			return DONE;
		}
		/* an earlier iteration of a loop that counts in memory: it
		 * counts toward the trampoline like any other miss, since
		 * the trampoline compares the memory too */
		f->st->mem_rejects++;
	} else {
		note_diffs(f, &r);
	}
	if (theirs) { /* not the point, but the debugger's stop */
		*res = FP_OTHER_STOP;
		*status = st;
		return DONE;
	}
	if (f->no_patch || f->hits < f->hw_hit_limit || f->hw_hit_limit == UINT64_MAX)
		return CONTINUE;

	if (hw_disarm(f->tid, e) < 0)
		return -1;
	int rc = tramp_install(f, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		f->st->used_trampoline = 1;
		return CONTINUE;
	}
	f->no_patch = 1;
	f->st->patch_unsafe = 1;
	return hw_arm(f, e) < 0 ? -1 : CONTINUE;
}

/* The trampoline's int3: the tracee found a full match of the GPRs, the
 * flags it can see and the memory operands. */
static int on_match_trap(struct fp *f, struct user_regs_struct *r,
			 enum fp_result *res, int *status, struct err *e)
{
	f->st->tramp_traps++;
	r->rip = f->t->rip;
	if (!regs_match(r, f->t) || !mem_matches(f->memfd, f->mem)) {
		/* DF differs (the memory cannot, nothing ran since the
		 * tracee compared it; checked all the same): not the point,
		 * run the displaced code */
		r->rip = f->tr.reloc;
		return pt_setregs(f->tid, r, e) < 0 ? -1 : CONTINUE;
	}
	/* The munmap leaves the thread in a syscall-exit-stop; resuming from
	 * there with SIGTRAP brings it back to a SIGTRAP signal-delivery-stop
	 * before any user instruction runs, the stop a hardware hit gives, at
	 * which the caller can choose a signal and its siginfo. */
	char d[96];
	if (pt_setregs(f->tid, r, e) < 0 ||
	    tramp_remove(f, INJECT_AT_USER, 1, e) < 0 ||
	    resume_wait(f->tid, SIGTRAP, status, e) < 0)
		return -1;
	if (!is_signal_stop(*status, SIGTRAP))
		return err_set(e, "thread %d: expected SIGTRAP after removing the "
			       "trampoline, got %s", f->tid,
			       inject_status_str(*status, d, sizeof d));
	if (pt_getregs(f->tid, r, e) < 0)
		return -1;
	if (!regs_match(r, f->t))
		return err_set(e, "thread %d: registers changed while removing "
			       "the trampoline", f->tid);
	*res = FP_REACHED;
	return DONE;
}

/* The program landed on the int3 padding after the jmp: some jump the scan
 * did not see goes into the displaced instructions. Nothing ran there yet;
 * undo the patch and let the hardware breakpoint continue from here. */
static int on_pad_trap(struct fp *f, struct user_regs_struct *r,
		       struct err *e)
{
	r->rip -= 1;
	if (pt_setregs(f->tid, r, e) < 0 ||
	    tramp_remove(f, INJECT_AT_USER, 1, e) < 0)
		return -1;
	reloc_why(f->st->why_no_trampoline, sizeof f->st->why_no_trampoline,
	    "a jump landed at %#llx inside the patch", (unsigned long long)r->rip);
	f->no_patch = 1;
	f->st->patch_unsafe = 1;
	return hw_arm(f, e) < 0 ? -1 : CONTINUE;
}

/* A stop while the trampoline is installed. */
static int on_tramp_stop(struct fp *f, int st, enum fp_result *res,
			 int *status, struct err *e)
{
	struct user_regs_struct r;

	if (!thread_gone(st) && is_signal_stop(st, SIGTRAP)) {
		if (pt_getregs(f->tid, &r, e) < 0)
			return -1;
		if (r.rip == f->tr.int3_at + 1)
			return on_match_trap(f, &r, res, status, e);
		if (r.rip > f->plan.start + RELOC_JMP_LEN && r.rip <= f->plan.end)
			return on_pad_trap(f, &r, e);
	}
	if (leave_other_stop(f, st, status, e) < 0)
		return -1;
	*res = FP_OTHER_STOP;
	return DONE;
}

static int run(struct fp *f, enum fp_result *res, int *status, struct err *e)
{
	if (hw_arm(f, e) < 0)
		return -1;
	for (;;) {
		int st, rc;
		if (resume_wait(f->tid, 0, &st, e) < 0)
			return -1;
		if (f->installed)
			rc = on_tramp_stop(f, st, res, status, e);
		else
			rc = on_hw_stop(f, st, res, status, e);
		if (rc != CONTINUE)
			return rc;
	}
}

/* The trampoline's pieces assume at most POINT_MAX_MEM operands of at most
 * 8 bytes, as point_mem_capture makes them. */
static int mem_valid(const struct point_mem *mem, struct err *e)
{
	if (mem->n < 0 || mem->n > POINT_MAX_MEM)
		return err_set(e, "fastpoint: %d memory operands", mem->n);
	for (int i = 0; i < mem->n; i++)
		if (mem->op[i].len > 8)
			return err_set(e, "fastpoint: a %u-byte memory operand",
				       (unsigned)mem->op[i].len);
	return 0;
}

int fastpoint_run(pid_t tid, int memfd, const struct user_regs_struct *target,
		  const struct point_mem *mem, uint64_t gadget, uint64_t hw_hit_limit,
		  enum fp_result *res, int *status, struct fastpoint_stats *st,
		  struct err *e)
{
	struct fastpoint_stats local;
	struct user_regs_struct cur;
	uint64_t t0 = now_ns();

	if (!st)
		st = &local;
	memset(st, 0, sizeof *st);
	if (mem && mem_valid(mem, e) < 0)
		return -1;
	if (mem && !mem->n)
		mem = NULL;
	if (pt_getregs(tid, &cur, e) < 0)
		return err_wrap(e, "fastpoint");
	if (regs_match(&cur, target) && mem_matches(memfd, mem)) {
		*res = FP_REACHED;
		*status = 0;
		return 0;
	}

	struct fp *f = calloc(1, sizeof *f);
	if (!f)
		return err_set(e, "out of memory");
	*f = (struct fp){ .tid = tid, .memfd = memfd, .t = target, .mem = mem,
			  .gadget = gadget, .hw_hit_limit = hw_hit_limit, .st = st };
	int rc = run(f, res, status, e);
	if (rc == 0 && (*res == FP_REACHED || !thread_gone(*status)))
		rc = hw_disarm(tid, e);
	else if (rc < 0) {
		struct err ignore;
		if (f->installed)
			tramp_remove(f, INJECT_AT_USER, 0, &ignore);
		hw_disarm(tid, &ignore);
	}
	free(f);
	st->ns = now_ns() - t0;
	if (rc < 0)
		return err_wrap(e, "reaching %#llx in thread %d",
				(unsigned long long)target->rip, tid);
	return 0;
}
