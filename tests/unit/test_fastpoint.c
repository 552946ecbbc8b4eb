/* Unit test of replayer/fastpoint and replayer/inject on real ptraced
 * children. Exit status 0 = pass. `test_fastpoint bench` also measures
 * hardware-breakpoint-only against trampoline for points preceded by 100 to
 * 100000 executions of their rip.
 *
 * Every child is forked from this process and starts in fpt_child_entry,
 * which moves to a static stack and sets every register to a fixed value
 * right after a marker getppid(): two children stopped at that syscall's exit
 * are in identical states, so a point taken in one (the "recording") can be
 * reached in the other (the "replay"). Cases:
 *  (a) target = the current state: FP_REACHED without running;
 *  (b) a C hot loop interrupted after ~5 ms (millions of executions of the
 *      rip before the point): reached exactly, through the trampoline; the
 *      child then finishes with the right result;
 *  (c) points at each instruction of an asm loop (rip-relative store, call,
 *      jcc, a jump target that makes patching unsafe, a 1-byte ret ...) after
 *      300 hits;
 *  (d) a target never reached: FP_OTHER_STOP at the exit_group entry stop,
 *      code and mappings back to the original, the child exits normally;
 *  (e) a target equal to a real state but for DF: the trampoline's false
 *      match is passed over;
 *  (f) the unreachable target under a SIGVTALRM storm (ITIMER_VIRTUAL in the
 *      child): each signal gives FP_OTHER_STOP in a signal-delivery-stop with
 *      the program's own state (often reconstructed from inside the
 *      trampoline), the run is resumed from there; the final result must
 *      still be right;
 *  (g) PTRACE_INTERRUPT while the trampoline runs: an event stop, cleaned;
 *  (h) a loop whose progress is only in memory (every register repeats at
 *      every iteration at the point's rip): the 100000th iteration is told
 *      apart by the operand the instruction reads, in the tracee (one trap)
 *      and with the hardware breakpoint alone; a value never reached costs
 *      no trap at all; an operand on the patched code keeps the trampoline
 *      out.
 * After every call the debug registers must be clear; after every case the
 * child's code must be byte-for-byte the original. All children and this
 * tracer are pinned to CPU 0. alarm() turns a hang into a failure. */
#define _GNU_SOURCE
#include "replayer/fastpoint.h"
#include "patching/inject.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/unit/check.h"

#define SYSCALL_STOP (SIGTRAP | 0x80)

/* ------------------------------------------------------------ child code */

uint64_t fpt_sink, fpt_result;
uint64_t fpt_stack[4096] __attribute__((aligned(64)));

/* fpt_child_entry(fn, arg): marker getppid, fixed registers, fn(arg),
 * result to fpt_result, exit_group(result). fpt_loop(n): an asm hot loop
 * whose instructions are the test's points. fpt_gadget: a syscall
 * instruction the child never runs, for injections. */
__asm__(".pushsection fpt_text,\"ax\",@progbits\n"
	".globl fpt_child_entry\n"
	"fpt_child_entry:\n"
	"	lea fpt_stack+32768(%rip), %rsp\n"
	"	mov %rdi, %r12\n"
	"	mov %rsi, %r13\n"
	"	mov $110, %eax\n" /* getppid: the starting point */
	"	syscall\n"
	"	mov %r12, %rax\n"
	"	mov %r13, %rdi\n"
	"	xor %ebx, %ebx\n xor %ecx, %ecx\n xor %edx, %edx\n"
	"	xor %esi, %esi\n xor %ebp, %ebp\n xor %r8d, %r8d\n"
	"	xor %r9d, %r9d\n xor %r10d, %r10d\n xor %r11d, %r11d\n"
	"	xor %r12d, %r12d\n xor %r13d, %r13d\n xor %r14d, %r14d\n"
	"	xor %r15d, %r15d\n"
	"	call *%rax\n"
	"	mov %rax, fpt_result(%rip)\n"
	"	mov %rax, %rdi\n"
	"	mov $231, %eax\n"
	"	syscall\n"
	"	ud2\n"
	".globl fpt_gadget\n"
	"fpt_gadget:\n"
	"	syscall\n"
	"	ud2\n"
	".p2align 4\n"
	".globl fpt_loop\n"
	"fpt_loop:\n"
	"	xor %eax, %eax\n"
	"	xor %edx, %edx\n"
	"	jmp 2f\n"
	"1:\n"
	"fpt_at_add:	add $1, %rax\n"
	"fpt_at_store:	mov %rax, fpt_sink(%rip)\n"
	"fpt_at_call:	call fpt_leaf\n"
	"fpt_at_icall:	call *fpt_leafptr(%rip)\n"
	"fpt_at_lea:	lea (%rdx,%rax,2), %rdx\n" /* next insn: a jump target */
	"2:\n"
	"fpt_at_cmp:	cmp %rdi, %rax\n"
	"fpt_at_jb:	jb 1b\n"
	"	mov %rdx, %rax\n"
	"	ret\n"
	"fpt_leaf:\n"
	"fpt_at_rol:	rol $7, %rdx\n"
	"	xor %rax, %rdx\n"
	"fpt_at_ret:	ret\n"
	/* fpt_memloop(n): counts to n in memory. Before each load of the
	 * counter the (always 0) stop flag is read into eax and tested, as a
	 * C loop on `while (!stop) iter++` with volatiles does: at
	 * fpt_at_mload and fpt_at_mcmp all registers and flags are the same
	 * at every iteration. Returns n. */
	".p2align 4\n"
	".globl fpt_memloop\n"
	"fpt_memloop:\n"
	"	lea fpt_mcount(%rip), %rsi\n"
	"	movq $0, (%rsi)\n"
	"1:\n"
	"	mov fpt_mstop(%rip), %eax\n"
	"	test %eax, %eax\n"
	"	jne 2f\n"
	"fpt_at_mload:	mov (%rsi), %rax\n"           /* 8 bytes via rsi */
	"	mov fpt_mstop(%rip), %eax\n"
	"	test %eax, %eax\n"
	"	jne 2f\n"
	"fpt_at_mcmp:	cmpl $-1, fpt_mcount(%rip)\n" /* 4 bytes, rip-rel */
	"	mov (%rsi), %rax\n"
	"	add $1, %rax\n"
	"	mov %rax, (%rsi)\n"
	"	cmp %rdi, %rax\n"
	"	jb 1b\n"
	"2:\n"
	"	mov (%rsi), %rax\n"
	"	ret\n"
	".popsection\n"
	".pushsection .data.rel,\"aw\"\n"
	".p2align 3\n"
	"fpt_leafptr: .quad fpt_leaf\n"
	"fpt_mcount: .quad 0\n"
	"fpt_mstop: .long 0\n"
	".popsection\n");

extern char fpt_child_entry[], fpt_gadget[], fpt_at_add[], fpt_at_store[],
	fpt_at_call[], fpt_at_icall[], fpt_at_lea[], fpt_at_cmp[], fpt_at_jb[],
	fpt_at_rol[], fpt_at_ret[], fpt_at_mload[], fpt_at_mcmp[], fpt_mcount[],
	fpt_mstop[];
extern char __start_fpt_text[], __stop_fpt_text[];
extern char __start_fpt_ctext[], __stop_fpt_ctext[];
uint64_t fpt_loop(uint64_t n);
uint64_t fpt_memloop(uint64_t n);

volatile uint64_t fpt_csink;

/* The C hot loop: a counter in a register and a volatile store. */
__attribute__((noinline, section("fpt_ctext"))) uint64_t fpt_cloop(uint64_t n)
{
	uint64_t x = 1;
	for (uint64_t i = 0; i < n; i++) {
		x = x * 6364136223846793005ULL + i;
		fpt_csink = x;
	}
	return x;
}

#define ASM_N 20000000ULL
#define C_N 50000000ULL

/* ------------------------------------------------------------ the tracer */

struct child {
	pid_t pid;
	int memfd;
};

static int wait_for(pid_t pid)
{
	int st;
	for (;;) {
		pid_t r = waitpid(pid, &st, __WALL);
		if (r == pid)
			return st;
		CHECK(r >= 0 || errno == EINTR, "waitpid: %s", strerror(errno));
	}
}

static void getregs(pid_t pid, struct user_regs_struct *r)
{
	CHECK(ptrace(PTRACE_GETREGS, pid, 0, r) == 0, "GETREGS: %s",
	      strerror(errno));
}

/* Fork a child that will run fn(arg) and stop it at the exit of its marker
 * getppid. vtalrm_us > 0: the child gets an ITIMER_VIRTUAL first. */
static struct child spawn(uint64_t (*fn)(uint64_t), uint64_t arg, long vtalrm_us)
{
	struct child c;
	pid_t pid = fork();
	CHECK(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		/* Until the tracer holds it, a SIGVTALRM would kill the child
		 * (default action): keep it blocked up to the stop. Once
		 * traced, one pending is just a stop that spawn passes over. */
		sigset_t vt;
		sigemptyset(&vt);
		sigaddset(&vt, SIGVTALRM);
		sigprocmask(SIG_BLOCK, &vt, NULL);
		if (vtalrm_us) {
			struct itimerval it = { { 0, vtalrm_us }, { 0, vtalrm_us } };
			setitimer(ITIMER_VIRTUAL, &it, NULL);
		}
		raise(SIGSTOP);
		sigprocmask(SIG_UNBLOCK, &vt, NULL);
		__asm__ volatile("jmp fpt_child_entry" : : "D"(fn), "S"(arg));
		_exit(99);
	}
	int st;
	CHECK(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st),
	      "child did not stop");
	CHECK(ptrace(PTRACE_SEIZE, pid, 0,
		     PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL) == 0,
	      "PTRACE_SEIZE: %s", strerror(errno));
	st = wait_for(pid);
	CHECK(WIFSTOPPED(st) && (st >> 16) == PTRACE_EVENT_STOP,
	      "expected the seize stop, got %#x", st);
	/* to the exit stop of getppid (110) */
	int seen = 0;
	while (seen < 2) {
		CHECK(ptrace(PTRACE_SYSCALL, pid, 0, 0) == 0, "PTRACE_SYSCALL");
		st = wait_for(pid);
		CHECK(WIFSTOPPED(st), "child died before its start: %#x", st);
		if (WSTOPSIG(st) == SYSCALL_STOP) {
			struct user_regs_struct r;
			getregs(pid, &r);
			seen += r.orig_rax == 110;
		}
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/mem", pid);
	c.pid = pid;
	c.memfd = open(path, O_RDWR | O_CLOEXEC);
	CHECK(c.memfd >= 0, "open %s: %s", path, strerror(errno));
	return c;
}

static void kill_child(struct child *c)
{
	kill(c->pid, SIGKILL);
	int st;
	do
		st = wait_for(c->pid);
	while (!WIFEXITED(st) && !WIFSIGNALED(st));
	close(c->memfd);
}

/* Let the child run to its exit_group (unless it is at its entry stop
 * already) and check its result. */
static void finish_child(struct child *c, uint64_t want)
{
	struct user_regs_struct r;
	int st;
	getregs(c->pid, &r);
	while (r.orig_rax != SYS_exit_group) {
		CHECK(ptrace(PTRACE_SYSCALL, c->pid, 0, 0) == 0, "PTRACE_SYSCALL");
		st = wait_for(c->pid);
		CHECK(WIFSTOPPED(st), "child ended without exit_group: %#x", st);
		if (WSTOPSIG(st) != SYSCALL_STOP)
			continue; /* e.g. a SIGVTALRM: dropped */
		getregs(c->pid, &r);
	}
	uint64_t got;
	struct err e;
	CHECK(tracee_read(c->memfd, (uint64_t)&fpt_result, &got, 8, &e) == 0,
	      "%s", e.msg);
	CHECK(got == want, "child result %#" PRIx64 ", expected %#" PRIx64,
	      got, want);
	CHECK(ptrace(PTRACE_CONT, c->pid, 0, 0) == 0, "PTRACE_CONT");
	st = wait_for(c->pid);
	CHECK(WIFEXITED(st) && (uint64_t)WEXITSTATUS(st) == (want & 0xff),
	      "child exit status %#x", st);
	close(c->memfd);
}

static void regs_equal(const struct user_regs_struct *a,
		       const struct user_regs_struct *b)
{
	const unsigned long long *x = (const void *)a, *y = (const void *)b;
	static const size_t gpr[] = {
		offsetof(struct user_regs_struct, r15), offsetof(struct user_regs_struct, r14),
		offsetof(struct user_regs_struct, r13), offsetof(struct user_regs_struct, r12),
		offsetof(struct user_regs_struct, rbp), offsetof(struct user_regs_struct, rbx),
		offsetof(struct user_regs_struct, r11), offsetof(struct user_regs_struct, r10),
		offsetof(struct user_regs_struct, r9), offsetof(struct user_regs_struct, r8),
		offsetof(struct user_regs_struct, rax), offsetof(struct user_regs_struct, rcx),
		offsetof(struct user_regs_struct, rdx), offsetof(struct user_regs_struct, rsi),
		offsetof(struct user_regs_struct, rdi), offsetof(struct user_regs_struct, rip),
		offsetof(struct user_regs_struct, rsp),
	};
	for (size_t i = 0; i < sizeof gpr / sizeof gpr[0]; i++)
		CHECK(x[gpr[i] / 8] == y[gpr[i] / 8], "register at offset %zu: "
		      "%#llx != %#llx", gpr[i], x[gpr[i] / 8], y[gpr[i] / 8]);
	CHECK(((a->eflags ^ b->eflags) & FASTPOINT_FLAGS_MASK) == 0,
	      "eflags %#llx != %#llx", a->eflags, b->eflags);
}

static int count_maps(pid_t pid)
{
	char path[64], line[512];
	int n = 0;
	snprintf(path, sizeof path, "/proc/%d/maps", pid);
	FILE *f = fopen(path, "r");
	CHECK(f, "open %s", path);
	while (fgets(line, sizeof line, f))
		n++;
	fclose(f);
	return n;
}

/* The child's code must be byte-for-byte ours (same binary, same layout). */
static void check_code_intact(struct child *c)
{
	size_t n = (size_t)(__stop_fpt_text - __start_fpt_text);
	uint8_t buf[4096];
	struct err e;
	CHECK(n <= sizeof buf, "fpt_text too large");
	CHECK(tracee_read(c->memfd, (uint64_t)__start_fpt_text, buf, n, &e) == 0,
	      "%s", e.msg);
	CHECK(memcmp(buf, __start_fpt_text, n) == 0, "child code still patched");
	n = (size_t)(__stop_fpt_ctext - __start_fpt_ctext);
	CHECK(n <= sizeof buf, "fpt_ctext too large");
	CHECK(tracee_read(c->memfd, (uint64_t)__start_fpt_ctext, buf, n, &e) == 0,
	      "%s", e.msg);
	CHECK(memcmp(buf, __start_fpt_ctext, n) == 0, "child C code still patched");
}

static int in_code(uint64_t rip)
{
	return (rip >= (uint64_t)__start_fpt_text && rip < (uint64_t)__stop_fpt_text) ||
	       (rip >= (uint64_t)__start_fpt_ctext && rip < (uint64_t)__stop_fpt_ctext);
}

static double ms(uint64_t ns)
{
	return (double)ns / 1e6;
}

/* The hardware-hit limit the cases below run fastpoint with. */
static uint64_t hw_hit_limit = FASTPOINT_HW_HITS;

static void run_fp_mem(struct child *c, const struct user_regs_struct *t,
		       const struct point_mem *mem, enum fp_result *res, int *st,
		       struct fastpoint_stats *s)
{
	struct err e;
	CHECK(fastpoint_run(c->pid, c->memfd, t, mem, (uint64_t)fpt_gadget, hw_hit_limit,
			    res, st, s, &e) == 0, "fastpoint_run: %s", e.msg);
	if (*res == FP_OTHER_STOP && (!WIFSTOPPED(*st) ||
				      (*st >> 16) == PTRACE_EVENT_EXIT))
		return;
	long dr = (long)offsetof(struct user, u_debugreg);
	errno = 0;
	long dr7 = ptrace(PTRACE_PEEKUSER, c->pid, dr + 7 * 8, 0);
	long dr0 = ptrace(PTRACE_PEEKUSER, c->pid, dr, 0);
	CHECK(errno == 0 && dr7 == 0 && dr0 == 0,
	      "debug registers left set: DR0 %#lx DR7 %#lx", dr0, dr7);
}

static void run_fp(struct child *c, const struct user_regs_struct *t,
		   enum fp_result *res, int *st, struct fastpoint_stats *s)
{
	run_fp_mem(c, t, NULL, res, st, s);
}

/* Regs at the k-th execution of addr, counted with a hardware breakpoint
 * (the reference the point finder is checked against). */
static void regs_at_hit(struct child *c, uint64_t addr, uint64_t k,
			struct user_regs_struct *r)
{
	long dr = (long)offsetof(struct user, u_debugreg);
	CHECK(ptrace(PTRACE_POKEUSER, c->pid, dr, addr) == 0, "DR0");
	CHECK(ptrace(PTRACE_POKEUSER, c->pid, dr + 7 * 8, 1) == 0, "DR7");
	for (uint64_t i = 0; i < k; i++) {
		CHECK(ptrace(PTRACE_SYSCALL, c->pid, 0, 0) == 0, "PTRACE_SYSCALL");
		int st = wait_for(c->pid);
		CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP,
		      "hit %" PRIu64 " of %#" PRIx64 ": status %#x", i, addr, st);
	}
	getregs(c->pid, r);
	CHECK(r->rip == addr, "stopped at %#llx", r->rip);
}

/* ------------------------------------------------------------ the cases */

static void case_here(void)
{
	struct child c = spawn(fpt_loop, ASM_N, 0);
	struct user_regs_struct now, after;
	struct fastpoint_stats s;
	enum fp_result res;
	int st = -1;

	getregs(c.pid, &now);
	run_fp(&c, &now, &res, &st, &s);
	getregs(c.pid, &after);
	CHECK(res == FP_REACHED && st == 0 && s.hw_hits == 0 && !s.used_trampoline,
	      "already-there: res %d hits %" PRIu64, res, s.hw_hits);
	regs_equal(&after, &now);
	printf("here:      reached in %.3f ms without running\n", ms(s.ns));
	finish_child(&c, fpt_loop(ASM_N));
}

/* (b) the recording: run ~delay, interrupt; retried until it stops in the
 * loop. */
static int record_point(uint64_t delay_us, struct user_regs_struct *t)
{
	struct child a = spawn(fpt_cloop, C_N, 0);
	CHECK(ptrace(PTRACE_SYSCALL, a.pid, 0, 0) == 0, "PTRACE_SYSCALL");
	usleep((useconds_t)delay_us);
	CHECK(ptrace(PTRACE_INTERRUPT, a.pid, 0, 0) == 0, "PTRACE_INTERRUPT");
	int st = wait_for(a.pid);
	int ok = WIFSTOPPED(st) && (st >> 16) == PTRACE_EVENT_STOP;
	if (ok) {
		getregs(a.pid, t);
		ok = t->rip >= (uint64_t)__start_fpt_ctext &&
		     t->rip < (uint64_t)__stop_fpt_ctext;
	}
	kill_child(&a);
	return ok;
}

static void case_cloop(void)
{
	struct user_regs_struct t, r;
	struct fastpoint_stats s;
	enum fp_result res;
	int st, tries = 0;

	while (!record_point(5000, &t))
		CHECK(++tries < 20, "could not interrupt the child in its loop");
	struct child b = spawn(fpt_cloop, C_N, 0);
	run_fp(&b, &t, &res, &st, &s);
	CHECK(res == FP_REACHED && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP &&
	      !(st >> 16), "C loop: not reached in a SIGTRAP stop, status %#x", st);
	getregs(b.pid, &r);
	regs_equal(&r, &t);
	CHECK(s.used_trampoline, "C loop: trampoline not used (%s)",
	      s.why_no_trampoline);
	check_code_intact(&b);
	printf("C loop:    rip %#llx reached in %.2f ms (%" PRIu64 " hw hits, %"
	       PRIu64 " trampoline traps, trampoline %d)\n", t.rip, ms(s.ns),
	       s.hw_hits, s.tramp_traps, s.used_trampoline);
	finish_child(&b, fpt_cloop(C_N));
}

struct asm_point {
	const char *name;
	char *addr;
	int patchable;
};

static const struct asm_point asm_points[] = {
	{ "add", fpt_at_add, 1 },     { "store(rip-rel)", fpt_at_store, 1 },
	{ "call", fpt_at_call, 1 },   { "call*(rip-rel)", fpt_at_icall, 1 },
	{ "lea(unsafe)", fpt_at_lea, 0 },
	{ "cmp+jb", fpt_at_cmp, 1 },  { "jb+mov", fpt_at_jb, 1 },
	{ "rol", fpt_at_rol, 1 },     { "ret(unsafe)", fpt_at_ret, 0 },
};

static void case_asm_points(uint64_t k)
{
	for (size_t i = 0; i < sizeof asm_points / sizeof asm_points[0]; i++) {
		const struct asm_point *p = &asm_points[i];
		struct user_regs_struct t, r;
		struct fastpoint_stats s;
		enum fp_result res;
		int st;

		struct child a = spawn(fpt_loop, ASM_N, 0);
		regs_at_hit(&a, (uint64_t)p->addr, k, &t);
		kill_child(&a);

		struct child b = spawn(fpt_loop, ASM_N, 0);
		run_fp(&b, &t, &res, &st, &s);
		CHECK(res == FP_REACHED && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP &&
		      !(st >> 16), "%s: not reached in a SIGTRAP stop, status %#x",
		      p->name, st);
		getregs(b.pid, &r);
		regs_equal(&r, &t);
		CHECK(s.used_trampoline == p->patchable &&
		      s.patch_unsafe == !p->patchable,
		      "%s: trampoline %d unsafe %d (%s)", p->name,
		      s.used_trampoline, s.patch_unsafe, s.why_no_trampoline);
		check_code_intact(&b);
		printf("asm %-15s hit %" PRIu64 ": %6.2f ms, %3" PRIu64 " hw hits, "
		       "trampoline %d%s%s\n", p->name, k, ms(s.ns), s.hw_hits,
		       s.used_trampoline, s.patch_unsafe ? ", unsafe: " : "",
		       s.why_no_trampoline);
		finish_child(&b, fpt_loop(ASM_N));
	}
}

/* A target at jb (flags live: they come from the cmp) that never happens:
 * rsi is always 0 in the child. */
static void unreachable_target(struct user_regs_struct *t)
{
	struct child a = spawn(fpt_loop, ASM_N, 0);
	regs_at_hit(&a, (uint64_t)fpt_at_jb, 5, t);
	kill_child(&a);
	t->rsi = 0x5eed;
}

static void case_never(void)
{
	struct user_regs_struct t, r;
	struct fastpoint_stats s;
	enum fp_result res;
	int st;

	unreachable_target(&t);
	struct child b = spawn(fpt_loop, ASM_N, 0);
	int maps = count_maps(b.pid);
	run_fp(&b, &t, &res, &st, &s);
	CHECK(res == FP_OTHER_STOP && WIFSTOPPED(st) && WSTOPSIG(st) == SYSCALL_STOP,
	      "never: res %d status %#x", res, st);
	getregs(b.pid, &r);
	CHECK(r.orig_rax == SYS_exit_group, "never: stopped at syscall %lld",
	      r.orig_rax);
	CHECK(s.used_trampoline, "never: trampoline not used (%s)",
	      s.why_no_trampoline);
	CHECK(count_maps(b.pid) == maps, "never: the trampoline page is still mapped");
	check_code_intact(&b);
	printf("never:     %llu iterations, other stop after %.2f ms (%" PRIu64
	       " hw hits)\n", (unsigned long long)ASM_N, ms(s.ns), s.hw_hits);
	uint64_t want = fpt_loop(ASM_N);
	uint64_t got;
	struct err e;
	CHECK(tracee_read(b.memfd, (uint64_t)&fpt_result, &got, 8, &e) == 0, "%s",
	      e.msg);
	CHECK(got == want, "never: result %#" PRIx64 " != %#" PRIx64, got, want);
	CHECK(ptrace(PTRACE_CONT, b.pid, 0, 0) == 0, "PTRACE_CONT");
	st = wait_for(b.pid);
	CHECK(WIFEXITED(st) && (uint64_t)WEXITSTATUS(st) == (want & 0xff),
	      "never: exit status %#x", st);
	close(b.memfd);
}

static void case_signals(void)
{
	struct user_regs_struct t, r;
	struct fastpoint_stats s;
	enum fp_result res;
	int st, signals = 0, unwound = 0;
	uint64_t total = 0;

	unreachable_target(&t);
	struct child b = spawn(fpt_loop, ASM_N, 2000);
	int maps = count_maps(b.pid);
	for (;;) {
		run_fp(&b, &t, &res, &st, &s);
		total += s.ns;
		CHECK(res == FP_OTHER_STOP, "signals: reached an unreachable point");
		unwound += s.unwound;
		if (WSTOPSIG(st) == SYSCALL_STOP)
			break;
		CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGVTALRM && !(st >> 16),
		      "signals: status %#x", st);
		siginfo_t si;
		CHECK(ptrace(PTRACE_GETSIGINFO, b.pid, 0, &si) == 0, "GETSIGINFO");
		CHECK(si.si_signo == SIGVTALRM, "signals: siginfo signo %d",
		      si.si_signo);
		getregs(b.pid, &r);
		CHECK(in_code(r.rip), "signals: left at rip %#llx", r.rip);
		CHECK(count_maps(b.pid) == maps, "signals: page still mapped");
		check_code_intact(&b);
		signals++;
	}
	getregs(b.pid, &r);
	CHECK(r.orig_rax == SYS_exit_group, "signals: stopped at syscall %lld",
	      r.orig_rax);
	printf("signals:   %d SIGVTALRM stops (%d inside the trampoline), "
	       "%.2f ms\n", signals, unwound, ms(total));
	uint64_t want = fpt_loop(ASM_N), got;
	struct err e;
	CHECK(tracee_read(b.memfd, (uint64_t)&fpt_result, &got, 8, &e) == 0, "%s",
	      e.msg);
	CHECK(got == want, "signals: result %#" PRIx64 " != %#" PRIx64, got, want);
	kill_child(&b);
}

/* A target equal to a real state except DF: the trampoline's compare
 * (which cannot see DF) matches, the tracer must notice and go on. */
static void case_df(void)
{
	struct user_regs_struct t;
	struct fastpoint_stats s;
	enum fp_result res;
	int st;

	struct child a = spawn(fpt_loop, ASM_N, 0);
	regs_at_hit(&a, (uint64_t)fpt_at_store, 1000, &t);
	kill_child(&a);
	t.eflags ^= 0x400;
	struct child b = spawn(fpt_loop, ASM_N, 0);
	run_fp(&b, &t, &res, &st, &s);
	CHECK(res == FP_OTHER_STOP && WSTOPSIG(st) == SYSCALL_STOP,
	      "df: res %d status %#x", res, st);
	CHECK(s.used_trampoline && s.tramp_traps == 1,
	      "df: trampoline %d traps %" PRIu64, s.used_trampoline, s.tramp_traps);
	check_code_intact(&b);
	printf("df:        the DF-only false match was passed over (%" PRIu64
	       " trap)\n", s.tramp_traps);
	finish_child(&b, fpt_loop(ASM_N));
}

#define MEM_N 1000000ULL /* iterations of fpt_memloop */
#define MEM_AT 100000ULL /* the point's iteration, from 1 */

/* A point at `addr` in fpt_memloop's iteration k: the registers of any
 * iteration (they repeat; taken at the third) and the operand as the
 * recorder captures it, which must be the counter (2 at the third
 * iteration), then given the counter's value at iteration k. */
static void memloop_point(uint64_t addr, uint64_t k,
			  struct user_regs_struct *t, struct point_mem *m)
{
	struct child a = spawn(fpt_memloop, MEM_N, 0);
	regs_at_hit(&a, addr, 3, t);
	point_mem_capture(a.pid, t, m);
	kill_child(&a);
	uint64_t v = 2;
	CHECK(m->n == 1 && m->op[0].addr == (uint64_t)fpt_mcount &&
	      m->op[0].len >= 4 && memcmp(m->op[0].bytes, &v, m->op[0].len) == 0,
	      "memloop: captured %d operands, the first %u bytes at %#" PRIx64,
	      m->n, m->op[0].len, m->op[0].addr);
	v = k - 1;
	memcpy(m->op[0].bytes, &v, m->op[0].len);
}

/* Reach the point and check where the child is: the k-th iteration. */
static void memloop_reach(const char *name, const struct user_regs_struct *t,
			  const struct point_mem *m, uint64_t k,
			  struct fastpoint_stats *s)
{
	struct user_regs_struct r;
	enum fp_result res;
	int st;
	struct child b = spawn(fpt_memloop, MEM_N, 0);
	run_fp_mem(&b, t, m, &res, &st, s);
	CHECK(res == FP_REACHED && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTRAP &&
	      !(st >> 16), "%s: not reached in a SIGTRAP stop, status %#x", name,
	      st);
	getregs(b.pid, &r);
	regs_equal(&r, t);
	uint64_t count;
	struct err e;
	CHECK(tracee_read(b.memfd, (uint64_t)fpt_mcount, &count, 8, &e) == 0,
	      "%s", e.msg);
	CHECK(count == k - 1, "%s: stopped at iteration %" PRIu64 ", not %"
	      PRIu64, name, count + 1, k);
	/* every hardware hit is a register match; all are turned down for
	 * their memory but the point itself, if a hit found it */
	uint64_t hw_found = s->tramp_traps == 0;
	CHECK(s->mem_rejects == s->hw_hits - hw_found,
	      "%s: %" PRIu64 " hw hits, %" PRIu64 " rejected for memory", name,
	      s->hw_hits, s->mem_rejects);
	check_code_intact(&b);
	finish_child(&b, MEM_N);
}

struct mem_variant {
	const char *name;
	char *addr;
	unsigned len;   /* bytes of the counter compared */
	int with_flag;  /* also compare the stop flag (a second operand) */
};

/* 8 and 4 bytes as captured; 7 and 3 (pieces 4+2+1 and 2+1, still unique
 * below 2^24 iterations) to cover every load size; two operands. */
static const struct mem_variant mem_variants[] = {
	{ "mov (rsi) 8B", fpt_at_mload, 8, 0 },
	{ "cmpl rip 4B", fpt_at_mcmp, 4, 0 },
	{ "7 of 8B", fpt_at_mload, 7, 0 },
	{ "3 of 8B", fpt_at_mload, 3, 0 },
	{ "8B + flag", fpt_at_mload, 8, 1 },
};

static void case_mem_loop(void)
{
	for (size_t i = 0; i < sizeof mem_variants / sizeof mem_variants[0]; i++) {
		const struct mem_variant *v = &mem_variants[i];
		struct user_regs_struct t;
		struct point_mem m;
		struct fastpoint_stats s;

		memloop_point((uint64_t)v->addr, MEM_AT, &t, &m);
		m.op[0].len = (uint8_t)v->len;
		if (v->with_flag) {
			m.n = 2;
			m.op[1].addr = (uint64_t)fpt_mstop;
			m.op[1].len = 4;
			memset(m.op[1].bytes, 0, sizeof m.op[1].bytes);
		}
		memloop_reach(v->name, &t, &m, MEM_AT, &s);
		CHECK(s.used_trampoline && s.tramp_traps == 1,
		      "%s: trampoline %d (%s), %" PRIu64 " traps", v->name,
		      s.used_trampoline, s.why_no_trampoline, s.tramp_traps);
		printf("memory %-13s iteration %llu: %6.2f ms, %" PRIu64 " hw hits "
		       "(%" PRIu64 " rejected for memory), %" PRIu64 " trap\n",
		       v->name, (unsigned long long)MEM_AT, ms(s.ns), s.hw_hits,
		       s.mem_rejects, s.tramp_traps);
	}
}

/* The same with the hardware breakpoint alone: each earlier iteration is a
 * register match that the tracer turns down for its memory. */
static void case_mem_loop_hw(void)
{
	struct user_regs_struct t;
	struct point_mem m;
	struct fastpoint_stats s;

	memloop_point((uint64_t)fpt_at_mload, 300, &t, &m);
	hw_hit_limit = UINT64_MAX;
	memloop_reach("memory hw", &t, &m, 300, &s);
	hw_hit_limit = FASTPOINT_HW_HITS;
	CHECK(s.hw_hits == 300 && !s.used_trampoline,
	      "memory hw: %" PRIu64 " hits, trampoline %d", s.hw_hits,
	      s.used_trampoline);
	printf("memory hw only     iteration 300: %6.2f ms, %" PRIu64 " hw hits "
	       "(%" PRIu64 " rejected for memory)\n", ms(s.ns), s.hw_hits,
	       s.mem_rejects);
}

/* A point whose memory includes the bytes of its own instruction: the
 * trampoline's jmp would replace them, so it must not be installed, and
 * the hardware breakpoint finds the point alone. */
static void case_mem_self_read(void)
{
	struct user_regs_struct t;
	struct point_mem m;
	struct fastpoint_stats s;

	memloop_point((uint64_t)fpt_at_mload, 40, &t, &m);
	m.n = 2;
	m.op[1].addr = (uint64_t)fpt_at_mload;
	m.op[1].len = 3;
	memcpy(m.op[1].bytes, fpt_at_mload, 3);
	memloop_reach("memory self-read", &t, &m, 40, &s);
	CHECK(!s.used_trampoline && s.patch_unsafe && s.hw_hits == 40 &&
	      strstr(s.why_no_trampoline, "reads the code"),
	      "memory self-read: trampoline %d unsafe %d (%s), %" PRIu64 " hits",
	      s.used_trampoline, s.patch_unsafe, s.why_no_trampoline, s.hw_hits);
	printf("memory self-read   iteration 40: %6.2f ms, %" PRIu64 " hw hits, "
	       "unsafe: %s\n", ms(s.ns), s.hw_hits, s.why_no_trampoline);
}

/* A counter value the loop never has: every register match is turned down
 * inside the tracee, without a single trap, until the exit_group. */
static void case_mem_never(void)
{
	struct user_regs_struct t, r;
	struct point_mem m;
	struct fastpoint_stats s;
	enum fp_result res;
	int st;

	memloop_point((uint64_t)fpt_at_mload, MEM_N + 7, &t, &m);
	struct child b = spawn(fpt_memloop, MEM_N, 0);
	int maps = count_maps(b.pid);
	run_fp_mem(&b, &t, &m, &res, &st, &s);
	CHECK(res == FP_OTHER_STOP && WIFSTOPPED(st) && WSTOPSIG(st) == SYSCALL_STOP,
	      "memory never: res %d status %#x", res, st);
	getregs(b.pid, &r);
	CHECK(r.orig_rax == SYS_exit_group, "memory never: stopped at syscall "
	      "%lld", r.orig_rax);
	CHECK(s.used_trampoline && s.tramp_traps == 0, "memory never: trampoline "
	      "%d (%s), %" PRIu64 " traps", s.used_trampoline, s.why_no_trampoline,
	      s.tramp_traps);
	CHECK(count_maps(b.pid) == maps, "memory never: the page is still mapped");
	check_code_intact(&b);
	printf("memory never:      %llu register matches, other stop after %.2f ms, "
	       "%" PRIu64 " traps\n", (unsigned long long)MEM_N, ms(s.ns),
	       s.tramp_traps);
	finish_child(&b, MEM_N);
}

static pid_t interrupt_pid;

static void on_interrupt_timer(int sig)
{
	(void)sig;
	ptrace(PTRACE_INTERRUPT, interrupt_pid, 0, 0);
}

/* PTRACE_INTERRUPT from the tracer while the trampoline runs: the thread
 * must be left in a PTRACE_EVENT_STOP with the program's own state. The
 * interrupt comes from a timer in this process, 15 ms into a run of about
 * 45 ms; if the machine is so slow that it comes before the trampoline is
 * in, the injection sees it and fails, so that run is simply retried. */
static void case_interrupt(void)
{
	struct user_regs_struct t, r;
	struct fastpoint_stats s;
	enum fp_result res;
	int st;
	struct sigaction sa = { .sa_handler = on_interrupt_timer };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	timer_t tm;
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	CHECK(timer_create(CLOCK_MONOTONIC, &sev, &tm) == 0, "timer_create");

	unreachable_target(&t);
	for (int tries = 0;; tries++) {
		CHECK(tries < 5, "interrupt: no event stop in 5 tries");
		struct child b = spawn(fpt_loop, ASM_N, 0);
		int maps = count_maps(b.pid);
		struct itimerspec its = { { 0, 0 }, { 0, 15000000 } };
		struct err e;
		interrupt_pid = b.pid;
		CHECK(timer_settime(tm, 0, &its, NULL) == 0, "timer_settime");
		int rc = fastpoint_run(b.pid, b.memfd, &t, NULL, (uint64_t)fpt_gadget,
				       FASTPOINT_HW_HITS, &res, &st, &s, &e);
		if (rc < 0 || res != FP_OTHER_STOP || (st >> 16) != PTRACE_EVENT_STOP) {
			printf("interrupt: retry (%s)\n", rc < 0 ? e.msg : "too late");
			kill_child(&b);
			continue;
		}
		getregs(b.pid, &r);
		CHECK(in_code(r.rip), "interrupt: left at rip %#llx", r.rip);
		CHECK(count_maps(b.pid) == maps, "interrupt: page still mapped");
		check_code_intact(&b);
		printf("interrupt: event stop after %.2f ms (inside trampoline: %d)\n",
		       ms(s.ns), s.unwound);
		finish_child(&b, fpt_loop(ASM_N));
		break;
	}
	timer_delete(tm);
}

/* ------------------------------------------------------------ benchmark */

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The never-reached case, timed against the loop run natively: the cost of
 * the trampoline per execution of the rip. */
static void bench_overhead(void)
{
	struct user_regs_struct t;
	struct fastpoint_stats s;
	enum fp_result res;
	int st;

	uint64_t t0 = now_ns();
	uint64_t want = fpt_loop(ASM_N);
	uint64_t native = now_ns() - t0;
	unreachable_target(&t);
	struct child b = spawn(fpt_loop, ASM_N, 0);
	run_fp(&b, &t, &res, &st, &s);
	CHECK(res == FP_OTHER_STOP, "bench: reached an unreachable point");
	printf("bench: %llu iterations (2 calls each): native %.2f ms, with the "
	       "trampoline at jb %.2f ms (%.2f ns per miss)\n",
	       (unsigned long long)ASM_N, ms(native), ms(s.ns),
	       (double)(s.ns - native) / (double)ASM_N);
	finish_child(&b, want);
}

static void bench(void)
{
	static const uint64_t ks[] = { 16, 100, 1000, 10000, 100000 };
	bench_overhead();
	for (size_t i = 0; i < sizeof ks / sizeof ks[0]; i++) {
		struct user_regs_struct t;
		struct child a = spawn(fpt_loop, ASM_N, 0);
		regs_at_hit(&a, (uint64_t)fpt_at_store, ks[i], &t);
		kill_child(&a);
		for (int mode = 0; mode < 2; mode++) {
			struct fastpoint_stats s;
			enum fp_result res;
			int st;
			hw_hit_limit = mode ? FASTPOINT_HW_HITS : UINT64_MAX;
			struct child b = spawn(fpt_loop, ASM_N, 0);
			run_fp(&b, &t, &res, &st, &s);
			CHECK(res == FP_REACHED, "bench: not reached");
			printf("bench: point after %6" PRIu64 " hits: %-10s %9.2f ms "
			       "(%" PRIu64 " hw hits)\n", ks[i],
			       mode ? "trampoline" : "hw only", ms(s.ns), s.hw_hits);
			kill_child(&b);
		}
	}
	hw_hit_limit = FASTPOINT_HW_HITS;
	struct user_regs_struct t;
	while (!record_point(20000, &t))
		;
	struct child b = spawn(fpt_cloop, C_N, 0);
	struct fastpoint_stats s;
	enum fp_result res;
	int st;
	run_fp(&b, &t, &res, &st, &s);
	CHECK(res == FP_REACHED, "bench: C loop not reached");
	uint64_t t0 = now_ns();
	fpt_cloop(C_N);
	printf("bench: C loop point after 20 ms of loop: trampoline %.2f ms "
	       "(whole loop natively: %.2f ms)\n", ms(s.ns), ms(now_ns() - t0));
	kill_child(&b);
}

int main(int argc, char **argv)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	/* tracer and tracee on one CPU, as the replayer runs them */
	CHECK(sched_setaffinity(0, sizeof set, &set) == 0, "sched_setaffinity");
	setvbuf(stdout, NULL, _IOLBF, 0);
	alarm(argc > 1 ? 600 : 100); /* a hang is a failure */

	if (argc > 1 && strcmp(argv[1], "bench") == 0) {
		bench();
		return 0;
	}
	case_here();
	case_cloop();
	case_asm_points(300);
	case_never();
	case_df();
	case_signals();
	case_interrupt();
	case_mem_loop();
	case_mem_loop_hw();
	case_mem_self_read();
	case_mem_never();
	printf("test_fastpoint: ok\n");
	return 0;
}
