/* Unit test of patching/: cpuid discovery, vDSO patching and cpuid
 * patching on a real ptraced child. Exit status 0 = pass.
 *
 * (a) cpuid_find on hand-made code: real cpuid instructions are found, the
 *     bytes 0f a2 inside another instruction's immediate are not.
 * (b) a stopped child's vDSO is patched; its clock_gettime, gettimeofday,
 *     time, clock_getres and getcpu must then reach the tracer as syscalls
 *     made from the vDSO.
 * (c) cpuid is patched in the child's executable mappings; the child's
 *     cpuid must trap with SIGILL at a patched site, and the values the
 *     tracer emulates must be those the child sees.
 * It also prints how long cpuid_find takes on the real libc and ld.so. */
#define _GNU_SOURCE
#include "patching/cpuid.h"
#include "patching/vdso.h"

#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tests/unit/check.h"

/* A child body: runs after the tracer has seized and prepared the child,
 * may send results through out_fd, returns the child's exit status. */
typedef int (*child_body)(int out_fd);

/* Options for every child; EXITKILL so a failing test leaves no child. */
#define SEIZE_OPTS (PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int wait_stop(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		CHECK(errno == EINTR, "waitpid: %s", strerror(errno));
	return st;
}

/* ---- (a) cpuid_find on hand-made code ---- */

static void find_exact(const uint8_t *code, size_t len, uint64_t base,
		       const uint64_t *want, size_t nwant, const char *what)
{
	uint64_t *out;
	size_t n;
	struct err e;
	CHECK(cpuid_find(code, len, base, &out, &n, &e) == 0, "%s: %s", what,
	      e.msg);
	CHECK(n == nwant, "%s: found %zu cpuid, want %zu", what, n, nwant);
	for (size_t i = 0; i < n; i++)
		CHECK(out[i] == want[i], "%s: cpuid %zu at 0x%" PRIx64
		      ", want 0x%" PRIx64, what, i, out[i], want[i]);
	CHECK(n || !out, "%s: empty answer not NULL", what);
	free(out);
}

static void test_find_handmade(void)
{
	static const uint8_t code[] = {
		0x0f, 0xa2,                   /* 0: cpuid */
		0xb8, 0x0f, 0xa2, 0x00, 0x00, /* 2: mov eax, 0xa20f */
		0x0f, 0xa2,                   /* 7: cpuid */
		0x48, 0xb8, 0x0f, 0xa2, 0x0f, 0xa2,
		0x0f, 0xa2, 0x0f, 0xa2,       /* 9: movabs rax, imm64 */
		0xc3,                         /* 19: ret */
	};
	const uint64_t base = 0x400000;
	find_exact(code, sizeof code, base,
		   (const uint64_t[]){ base, base + 7 }, 2, "hand-made");
	/* The same bytes again (answered from the cache) at another
	 * address. */
	find_exact(code, sizeof code, 0x1000,
		   (const uint64_t[]){ 0x1000, 0x1007 }, 2, "rebased");

	static const uint8_t imm_only[] = { 0xb8, 0x0f, 0xa2, 0x00, 0x00, 0xc3 };
	find_exact(imm_only, sizeof imm_only, base, NULL, 0, "immediate");
	static const uint8_t none[] = { 0x90, 0x90, 0xc3 };
	find_exact(none, sizeof none, base, NULL, 0, "no candidate");

	/* An undecodable byte (06 is invalid in 64-bit mode) is skipped and
	 * decoding resynchronises: a cpuid well after it is found... */
	uint8_t resync[3 + 100 + 2];
	memset(resync, 0x90, sizeof resync);
	resync[0] = 0x06;
	resync[1] = 0xb8; /* mov eax, imm32 swallowing 06's neighbours */
	resync[sizeof resync - 2] = 0x0f;
	resync[sizeof resync - 1] = 0xa2;
	find_exact(resync, sizeof resync, base,
		   (const uint64_t[]){ base + sizeof resync - 2 }, 1,
		   "resync");
	/* ...but one right next to undecodable bytes or port I/O is data
	 * (a constant table in .text), and must be left alone. */
	static const uint8_t data_like[] = { 0x90, 0x06, 0x0f, 0xa2, 0x90 };
	find_exact(data_like, sizeof data_like, base, NULL, 0, "after bad");
	static const uint8_t io_after[] = { 0x90, 0x0f, 0xa2, 0xee, 0x90 };
	find_exact(io_after, sizeof io_after, base, NULL, 0, "before out");
	/* More distinct regions than the cache holds, twice: answers stay
	 * right through evictions. */
	for (int round = 0; round < 2; round++) {
		for (size_t k = 0; k < 20; k++) {
			uint8_t buf[40];
			memset(buf, 0x90, sizeof buf);
			buf[k] = 0x0f;
			buf[k + 1] = 0xa2;
			find_exact(buf, sizeof buf, base,
				   (const uint64_t[]){ base + k }, 1, "evict");
		}
	}
	printf("ok   (a) cpuid_find on hand-made code\n");
}

static void test_sites_set(void)
{
	struct cpuid_sites s = { 0 };
	CHECK(!cpuid_sites_contains(&s, 1), "empty set contains 1");
	cpuid_sites_free(&s);
	CHECK(s.n == 0 && !s.addr, "free did not reset the set");
}

/* ---- cpuid_find speed on the real libc and ld.so ---- */

/* Path of the first mapping in our own maps whose path contains key. */
static int own_mapping_path(const char *key, char *path, size_t size)
{
	FILE *f = fopen("/proc/self/maps", "re");
	char line[4096];
	int found = 0;
	CHECK(f, "open /proc/self/maps");
	while (!found && fgets(line, sizeof line, f)) {
		char *p = strchr(line, '/');
		if (!p || !strstr(p, key))
			continue;
		p[strcspn(p, "\n")] = 0;
		snprintf(path, size, "%s", p);
		found = 1;
	}
	fclose(f);
	return found;
}

/* Time cpuid_find on the executable PT_LOAD segments of a file: the first
 * call decodes, the second is served from the cache. Returns the sites. */
static size_t measure_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0, "open %s", path);
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	size_t nph, total = 0;
	CHECK(elf && elf_getphdrnum(elf, &nph) == 0, "%s: %s", path,
	      elf_errmsg(-1));
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD ||
		    !(ph.p_flags & PF_X))
			continue;
		uint8_t *buf = malloc(ph.p_filesz);
		CHECK(buf && pread(fd, buf, ph.p_filesz, (off_t)ph.p_offset) ==
				     (ssize_t)ph.p_filesz, "read %s", path);
		uint64_t *out;
		size_t n, n2;
		struct err e;
		double t0 = now_ms();
		CHECK(cpuid_find(buf, ph.p_filesz, ph.p_vaddr, &out, &n, &e) ==
			      0, "%s", e.msg);
		double t1 = now_ms();
		free(out);
		CHECK(cpuid_find(buf, ph.p_filesz, ph.p_vaddr, &out, &n2, &e) ==
			      0 && n2 == n, "cached answer differs");
		double t2 = now_ms();
		free(out);
		printf("info cpuid_find %s: %" PRIu64 " bytes, %zu sites, "
		       "%.3f ms (cached %.3f ms)\n", path, (uint64_t)ph.p_filesz,
		       n, t1 - t0, t2 - t1);
		total += n;
		free(buf);
	}
	elf_end(elf);
	close(fd);
	return total;
}

static void measure_libs(void)
{
	char libc[4096], ld[4096];
	CHECK(own_mapping_path("libc.so", libc, sizeof libc), "no libc mapped");
	CHECK(own_mapping_path("ld-linux", ld, sizeof ld), "no ld.so mapped");
	measure_file(libc);
	/* glibc's ld.so probes the CPU with cpuid at start-up. */
	CHECK(measure_file(ld) > 0, "no cpuid found in %s", ld);
}

/* ---- a stopped, seized child ---- */

struct child {
	pid_t pid;
	int memfd;  /* /proc/pid/mem, O_RDWR */
	int out_fd; /* read end of the child's result pipe */
};

/* Fork a child running body, seize it and leave it stopped (in the
 * signal-delivery-stop of its own SIGSTOP) before body starts. */
static struct child spawn_stopped(child_body body)
{
	int go[2], out[2];
	CHECK(pipe(go) == 0 && pipe(out) == 0, "pipe");
	pid_t pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		char c;
		close(go[1]);
		close(out[0]);
		/* Wait until the tracer has seized us: only then is the
		 * SIGSTOP below a ptrace stop the tracer can work in. */
		if (read(go[0], &c, 1) != 1)
			_exit(100);
		raise(SIGSTOP);
		_exit(body(out[1]));
	}
	close(go[0]);
	close(out[1]);
	CHECK(ptrace(PTRACE_SEIZE, pid, 0, SEIZE_OPTS) == 0, "seize: %s",
	      strerror(errno));
	CHECK(write(go[1], "g", 1) == 1, "wake child");
	close(go[1]);
	int st = wait_stop(pid);
	CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "child not stopped: "
	      "status 0x%x", st);
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/mem", (int)pid);
	int memfd = open(path, O_RDWR | O_CLOEXEC);
	CHECK(memfd >= 0, "open %s: %s", path, strerror(errno));
	return (struct child){ pid, memfd, out[0] };
}

/* Restart after a stop, passing on a genuine signal but not the SIGSTOP
 * used for set-up nor a group-stop. */
static int signal_to_pass(int st)
{
	int sig = WSTOPSIG(st);
	if (sig == (SIGTRAP | 0x80) || sig == SIGSTOP || (st >> 16) != 0)
		return 0;
	return sig;
}

static int child_exit_status(int st)
{
	CHECK(WIFEXITED(st), "child killed by signal %d",
	      WIFSIGNALED(st) ? WTERMSIG(st) : -1);
	return WEXITSTATUS(st);
}

/* ---- (b) vDSO patching ---- */

/* Address of a vDSO function in our own process; a forked child has the
 * same vDSO at the same address. */
static void *own_vdso_symbol(const char *want)
{
	uint64_t base, len;
	struct err e;
	void *found = NULL;
	CHECK(vdso_find(getpid(), &base, &len, &e) == 0, "%s", e.msg);
	CHECK(base == getauxval(AT_SYSINFO_EHDR), "vdso_find disagrees "
	      "with AT_SYSINFO_EHDR");
	char *copy = malloc(len);
	CHECK(copy, "malloc");
	memcpy(copy, (void *)(uintptr_t)base, len);
	Elf *elf = elf_memory(copy, len);
	CHECK(elf, "vDSO: %s", elf_errmsg(-1));
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(elf, scn));) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNSYM)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		for (size_t i = 0; d && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym s;
			const char *name;
			if (gelf_getsym(d, (int)i, &s) &&
			    (name = elf_strptr(elf, sh.sh_link, s.st_name)) &&
			    !strcmp(name, want))
				found = (void *)(uintptr_t)(base + s.st_value);
		}
	}
	elf_end(elf);
	free(copy);
	return found;
}

typedef long (*getcpu_fn)(unsigned *cpu, unsigned *node, void *cache);
typedef long (*getrandom_fn)(void *buf, size_t len, unsigned flags,
			     void *state, size_t state_len);
static getcpu_fn vdso_getcpu_fn;
static getrandom_fn vdso_getrandom_fn;

/* The child: each call goes through the vDSO (glibc binds time and
 * gettimeofday to it by IFUNC, clock_gettime and clock_getres through its
 * vDSO pointers; getcpu is called directly). Results must stay sane. */
static int body_time(int out_fd)
{
	struct timespec ts, res;
	struct timeval tv;
	unsigned cpu = ~0u, node = ~0u;
	(void)out_fd;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0 || ts.tv_sec < 1000000000)
		return 10;
	if (gettimeofday(&tv, NULL) != 0 || tv.tv_sec < ts.tv_sec ||
	    tv.tv_sec > ts.tv_sec + 5)
		return 11;
	/* The time syscall reads the tick-updated coarse clock, which may
	 * still show the previous second. */
	time_t t = time(NULL);
	if (t < ts.tv_sec - 1 || t > ts.tv_sec + 5)
		return 12;
	if (clock_getres(CLOCK_MONOTONIC, &res) != 0 ||
	    (res.tv_sec == 0 && res.tv_nsec == 0))
		return 13;
	if (vdso_getcpu_fn && (vdso_getcpu_fn(&cpu, &node, NULL) != 0 ||
			       cpu >= 4096))
		return 14;
	/* The patched getrandom must refuse, so libc uses the syscall. */
	char buf[16];
	if (vdso_getrandom_fn &&
	    vdso_getrandom_fn(buf, sizeof buf, 0, NULL, 0) != -ENOSYS)
		return 15;
	return 0;
}

static const struct {
	long nr;
	const char *name;
} time_syscalls[] = {
	{ SYS_clock_gettime, "clock_gettime" },
	{ SYS_gettimeofday, "gettimeofday" },
	{ SYS_time, "time" },
	{ SYS_clock_getres, "clock_getres" },
	{ SYS_getcpu, "getcpu" },
};
#define N_TIME_SYSCALLS (sizeof time_syscalls / sizeof time_syscalls[0])

/* Run the child under PTRACE_SYSCALL; for each time syscall, note whether
 * it was entered from a `syscall` in the vDSO, and whether clock_gettime
 * was entered from the gadget. Returns the child's exit status. */
static int trace_time_syscalls(struct child *c, uint64_t vbase, uint64_t vlen,
			       uint64_t gadget, int seen[N_TIME_SYSCALLS],
			       int *via_gadget)
{
	int sig = 0;
	for (;;) {
		CHECK(ptrace(PTRACE_SYSCALL, c->pid, 0, sig) == 0, "resume");
		int st = wait_stop(c->pid);
		if (!WIFSTOPPED(st))
			return child_exit_status(st);
		sig = signal_to_pass(st);
		if (WSTOPSIG(st) != (SIGTRAP | 0x80))
			continue;
		struct __ptrace_syscall_info info;
		CHECK(ptrace(PTRACE_GET_SYSCALL_INFO, c->pid, sizeof info,
			     &info) > 0, "syscall info: %s", strerror(errno));
		if (info.op != PTRACE_SYSCALL_INFO_ENTRY)
			continue;
		/* At entry, ip is just past the 2-byte syscall. */
		uint64_t insn = info.instruction_pointer - 2;
		for (size_t i = 0; i < N_TIME_SYSCALLS; i++) {
			if ((long)info.entry.nr != time_syscalls[i].nr)
				continue;
			if (insn >= vbase && insn < vbase + vlen)
				seen[i] = 1;
			if (i == 0 && insn == gadget)
				*via_gadget = 1;
		}
	}
}

/* Without patching, count the time functions that reached the kernel:
 * shows whether this kernel's vDSO bypasses ptrace at all (information). */
static int unpatched_time_syscalls(void)
{
	struct child c = spawn_stopped(body_time);
	int seen[N_TIME_SYSCALLS] = { 0 }, gadget_hit = 0, count = 0;
	uint64_t base, len;
	struct err e;
	CHECK(vdso_find(c.pid, &base, &len, &e) == 0, "%s", e.msg);
	int rc = trace_time_syscalls(&c, base, len, 0, seen, &gadget_hit);
	CHECK(rc == 0, "unpatched child failed with status %d", rc);
	for (size_t i = 0; i < N_TIME_SYSCALLS; i++)
		count += seen[i];
	close(c.memfd);
	close(c.out_fd);
	return count;
}

static void test_vdso(void)
{
	vdso_getcpu_fn = (getcpu_fn)own_vdso_symbol("__vdso_getcpu");
	vdso_getrandom_fn = (getrandom_fn)own_vdso_symbol("__vdso_getrandom");
	struct child c = spawn_stopped(body_time);
	uint64_t base, len, gadget = 0;
	struct err e;
	CHECK(vdso_find(c.pid, &base, &len, &e) == 0, "%s", e.msg);
	CHECK(vdso_patch(c.memfd, base, len, &gadget, &e) == 0, "%s", e.msg);
	uint8_t insn[2];
	CHECK(pread(c.memfd, insn, 2, (off_t)gadget) == 2 && insn[0] == 0x0f &&
		      insn[1] == 0x05, "gadget 0x%" PRIx64 " is not a syscall",
	      gadget);
	int seen[N_TIME_SYSCALLS] = { 0 }, via_gadget = 0;
	int rc = trace_time_syscalls(&c, base, len, gadget, seen, &via_gadget);
	CHECK(rc == 0, "child's time results wrong (status %d)", rc);
	for (size_t i = 0; i < N_TIME_SYSCALLS; i++) {
		if (i == N_TIME_SYSCALLS - 1 && !vdso_getcpu_fn)
			continue; /* this vDSO has no getcpu */
		CHECK(seen[i], "no %s syscall from the vDSO",
		      time_syscalls[i].name);
	}
	CHECK(via_gadget, "clock_gettime did not enter at the gadget");
	close(c.memfd);
	close(c.out_fd);
	/* The unpatched run calls getrandom's real vDSO code, which only
	 * answers the (NULL, 0) probe: skip it there. */
	vdso_getrandom_fn = NULL;
	printf("ok   (b) vDSO patched: time functions seen as syscalls "
	       "(unpatched: %d of %zu)\n", unpatched_time_syscalls(),
	       N_TIME_SYSCALLS);
}

/* ---- (c) cpuid patching ---- */

/* The leaves the child asks for, in order, and their subleaf; -1: __cpuid
 * leaves ecx unset, the leaf ignores it. */
static const int64_t leaves[][2] = { { 0, -1 }, { 1, -1 }, { 7, 0 } };
#define N_LEAVES (sizeof leaves / sizeof leaves[0])

/* The child executes cpuid from its own code (patched into ud2) and
 * reports what it saw. */
static int body_cpuid(int out_fd)
{
	uint32_t r[N_LEAVES][4];
	__cpuid(0, r[0][0], r[0][1], r[0][2], r[0][3]);
	__cpuid(1, r[1][0], r[1][1], r[1][2], r[1][3]);
	__cpuid_count(7, 0, r[2][0], r[2][1], r[2][2], r[2][3]);
	return write(out_fd, r, sizeof r) == (ssize_t)sizeof r ? 0 : 20;
}

/* Patch every executable file mapping of the child (its own code, libc,
 * ld.so). Returns how many sites lie in the test program itself. */
static size_t patch_child_code(struct child *c, struct cpuid_sites *sites)
{
	char maps[64], line[4096], exe[4096];
	size_t own = 0;
	ssize_t l = readlink("/proc/self/exe", exe, sizeof exe - 1);
	CHECK(l > 0, "readlink /proc/self/exe");
	exe[l] = 0;
	snprintf(maps, sizeof maps, "/proc/%d/maps", (int)c->pid);
	FILE *f = fopen(maps, "re");
	CHECK(f, "open %s", maps);
	while (fgets(line, sizeof line, f)) {
		uint64_t lo, hi;
		char perms[8];
		char *path = strchr(line, '/');
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s", &lo, &hi,
			   perms) != 3 || perms[2] != 'x' || !path)
			continue;
		path[strcspn(path, "\n")] = 0;
		size_t before = sites->n;
		struct err e;
		CHECK(cpuid_patch_range(c->memfd, lo, hi, sites, &e) == 0, "%s",
		      e.msg);
		if (!strcmp(path, exe))
			own += sites->n - before;
	}
	fclose(f);
	return own;
}

struct emulated {
	uint32_t in[2];
	uint32_t out[4];
};

/* Emulate the trapped cpuid at regs->rip: registers as cpuid would leave
 * them (upper halves zeroed), rip past the 2-byte instruction. */
static void emulate_at(struct user_regs_struct *regs, struct emulated *log)
{
	log->in[0] = (uint32_t)regs->rax;
	log->in[1] = (uint32_t)regs->rcx;
	cpuid_emulate(log->in[0], log->in[1], log->out);
	regs->rax = log->out[0];
	regs->rbx = log->out[1];
	regs->rcx = log->out[2];
	regs->rdx = log->out[3];
	regs->rip += 2;
}

/* Run the child under PTRACE_CONT, emulating each patched cpuid. */
static int trace_cpuid(struct child *c, const struct cpuid_sites *sites,
		       struct emulated *log, size_t cap, size_t *n)
{
	int sig = 0;
	for (;;) {
		CHECK(ptrace(PTRACE_CONT, c->pid, 0, sig) == 0, "resume");
		int st = wait_stop(c->pid);
		if (!WIFSTOPPED(st))
			return child_exit_status(st);
		sig = signal_to_pass(st);
		if (WSTOPSIG(st) != SIGILL || (st >> 16) != 0)
			continue;
		struct user_regs_struct regs;
		CHECK(ptrace(PTRACE_GETREGS, c->pid, 0, &regs) == 0, "regs");
		uint8_t insn[2];
		CHECK(cpuid_sites_contains(sites, regs.rip), "SIGILL at "
		      "unpatched 0x%llx", regs.rip);
		CHECK(pread(c->memfd, insn, 2, (off_t)regs.rip) == 2 &&
			      insn[0] == 0x0f && insn[1] == 0x0b,
		      "no ud2 at 0x%llx", regs.rip);
		CHECK(*n < cap, "too many cpuid traps");
		emulate_at(&regs, &log[(*n)++]);
		CHECK(ptrace(PTRACE_SETREGS, c->pid, 0, &regs) == 0, "setregs");
		sig = 0;
	}
}

/* The last emulation of a leaf: what the child must have seen. */
static const struct emulated *find_emulated(const struct emulated *log,
					    size_t n, const int64_t leaf[2])
{
	const struct emulated *found = NULL;
	for (size_t i = 0; i < n; i++)
		if (log[i].in[0] == leaf[0] &&
		    (leaf[1] < 0 || log[i].in[1] == leaf[1]))
			found = &log[i];
	return found;
}

static void test_cpuid(void)
{
	struct child c = spawn_stopped(body_cpuid);
	struct cpuid_sites sites = { 0 };
	size_t own = patch_child_code(&c, &sites);
	CHECK(own >= N_LEAVES, "only %zu cpuid patched in the test program",
	      own);
	struct emulated log[64];
	size_t n = 0;
	int rc = trace_cpuid(&c, &sites, log, 64, &n);
	CHECK(rc == 0, "cpuid child failed with status %d", rc);
	uint32_t seen[N_LEAVES][4];
	CHECK(read(c.out_fd, seen, sizeof seen) == (ssize_t)sizeof seen,
	      "child sent no cpuid values");
	for (size_t i = 0; i < N_LEAVES; i++) {
		const struct emulated *em = find_emulated(log, n, leaves[i]);
		CHECK(em, "leaf %u never trapped", (unsigned)leaves[i][0]);
		CHECK(!memcmp(em->out, seen[i], sizeof seen[i]),
		      "leaf %u: child saw %08x %08x %08x %08x, tracer gave "
		      "%08x %08x %08x %08x", (unsigned)leaves[i][0], seen[i][0],
		      seen[i][1], seen[i][2], seen[i][3], em->out[0],
		      em->out[1], em->out[2], em->out[3]);
	}
	CHECK(!(seen[1][2] & (1u << 30)), "RDRAND visible to the child");
	CHECK(!(seen[2][1] & ((1u << 4) | (1u << 11) | (1u << 18))),
	      "RDSEED/HLE/RTM visible to the child");
	close(c.memfd);
	close(c.out_fd);
	printf("ok   (c) cpuid patched at %zu sites (%zu in the test), %zu "
	       "traps emulated\n", sites.n, own, n);
	cpuid_sites_free(&sites);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	CHECK(elf_version(EV_CURRENT) != EV_NONE, "libelf");
	test_find_handmade();
	test_sites_set();
	measure_libs();
	printf("info cpuid faulting available: %s\n",
	       cpuid_faulting_available() ? "yes" : "no");
	test_vdso();
	test_cpuid();
	printf("PASS test_patching\n");
	return 0;
}
