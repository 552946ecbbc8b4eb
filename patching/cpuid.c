/* cpuid interception: by CPUID faulting where there is one, otherwise by
 * code patching: find every cpuid instruction in the tracee's executable
 * mappings and overwrite it with ud2, which traps. */
#define _GNU_SOURCE
#include "patching/cpuid.h"

#include "core/ptrace_util.h"
#include "core/tsc.h"

#include <asm/prctl.h>
#include <capstone/capstone.h>
#include <cpuid.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const uint8_t CPUID_BYTES[2] = { 0x0f, 0xa2 };
static const uint8_t UD2_BYTES[2] = { 0x0f, 0x0b };

int cpuid_faulting_available(void)
{
	pid_t pid = fork();
	if (pid < 0)
		return 0;
	if (pid == 0) {
		/* Turning faulting on is the real test: some kernels answer
		 * ARCH_GET_CPUID but refuse ARCH_SET_CPUID (ENODEV) when the
		 * CPU lacks the feature. The child exits without running any
		 * more cpuid, so faulting being on does not matter. */
		long get = syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0);
		long set = syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0);
		_exit(get >= 0 && set == 0 ? 0 : 1);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The candidate search looks for the second byte, a2, with memchr: 0f
 * starts every two-byte opcode and is very common in code, a2 is rare, so
 * this is many times faster than memmem on the pair. */

/* Whether code holds a 0f a2 pair anywhere. */
static int cpuid_any_candidate(const uint8_t *code, size_t len)
{
	const uint8_t *p = code + 1, *end = code + len;
	while (p < end && (p = memchr(p, CPUID_BYTES[1], (size_t)(end - p)))) {
		if (p[-1] == CPUID_BYTES[0])
			return 1;
		p++;
	}
	return 0;
}

/* Offset of the last 0f a2 pair in code, or -1: no instruction starting
 * after it can be a cpuid, so decoding stops there. */
static ptrdiff_t cpuid_last_candidate(const uint8_t *code, size_t len)
{
	size_t left = len;
	const uint8_t *p;
	while (left > 1 && (p = memrchr(code + 1, CPUID_BYTES[1], left - 1))) {
		if (p[-1] == CPUID_BYTES[0])
			return p - 1 - code;
		left = (size_t)(p - code);
	}
	return -1;
}

static int cpuid_push(uint64_t **v, size_t *n, size_t *cap, uint64_t x)
{
	if (*n == *cap) {
		size_t ncap = *cap ? 2 * *cap : 16;
		uint64_t *nv = realloc(*v, ncap * sizeof *nv);
		if (!nv)
			return -1;
		*v = nv;
		*cap = ncap;
	}
	(*v)[(*n)++] = x;
	return 0;
}

/* Code and data share executable mappings (OpenSSL keeps its elliptic-
 * curve tables in .text, old binaries map .rodata executable), and a sweep
 * through data "finds" a cpuid wherever the bytes 0f a2 fall on a decoded
 * boundary; writing ud2 there would silently corrupt the data. Decoded
 * data is full of undecodable bytes and of instructions user code never
 * contains (privileged, port I/O, far transfers), compiled code around a
 * cpuid has none: a cpuid with such a "suspect" less than GUARD_BEFORE
 * bytes before it or GUARD_AFTER bytes after it is taken for data and left
 * alone. Missing a real cpuid costs determinism; patching data costs
 * correctness. */
#define CPUID_GUARD_BEFORE 64
#define CPUID_GUARD_AFTER 16

static int cpuid_suspect_insn(unsigned id)
{
	switch (id) {
	case X86_INS_IN: case X86_INS_OUT:
	case X86_INS_INSB: case X86_INS_INSW: case X86_INS_INSD:
	case X86_INS_OUTSB: case X86_INS_OUTSW: case X86_INS_OUTSD:
	case X86_INS_HLT: case X86_INS_CLI: case X86_INS_STI:
	case X86_INS_CLTS: case X86_INS_INVD: case X86_INS_WBINVD:
	case X86_INS_RDMSR: case X86_INS_WRMSR: case X86_INS_SWAPGS:
	case X86_INS_SYSEXIT: case X86_INS_SYSRET: case X86_INS_RSM:
	case X86_INS_LGDT: case X86_INS_LIDT: case X86_INS_LLDT:
	case X86_INS_LTR: case X86_INS_LMSW: case X86_INS_INVLPG:
	case X86_INS_IRET: case X86_INS_IRETD: case X86_INS_IRETQ:
	case X86_INS_RETF: case X86_INS_RETFQ:
	case X86_INS_LCALL: case X86_INS_LJMP:
	case X86_INS_INT: case X86_INS_INT1: case X86_INS_INTO:
	case X86_INS_SALC: case X86_INS_UD0:
		return 1;
	default:
		return 0;
	}
}

/* The state of one linear sweep. */
struct cpuid_sweep_state {
	uint64_t *out;
	size_t n, cap;
	uint64_t suspect_end; /* address just past the last suspect, or 0 */
};

/* A suspect at [at, end): forget the sites it is too close to (the most
 * recent ones, as sites are found in address order) and keep it in mind
 * for the sites to come. */
static void cpuid_note_suspect(struct cpuid_sweep_state *st, uint64_t at,
			       uint64_t end)
{
	while (st->n && st->out[st->n - 1] + 2 + CPUID_GUARD_AFTER > at)
		st->n--;
	st->suspect_end = end;
}

static int cpuid_note_site(struct cpuid_sweep_state *st, uint64_t at)
{
	if (st->suspect_end && st->suspect_end + CPUID_GUARD_BEFORE > at)
		return 0;
	return cpuid_push(&st->out, &st->n, &st->cap, at);
}

/* Linear sweep of the instructions starting in code[0..stop] with capstone;
 * only an exact, unprefixed 2-byte cpuid counts (a prefixed one would trap
 * at a different rip; compilers do not emit it). */
static int cpuid_sweep(csh cs, const uint8_t *code, size_t len, uint64_t addr,
		       size_t stop, uint64_t **out, size_t *n, struct err *e)
{
	struct cpuid_sweep_state st = { NULL, 0, 0, 0 };
	cs_insn *insn = cs_malloc(cs);
	if (!insn)
		return err_set(e, "capstone: out of memory");
	const uint8_t *p = code;
	size_t left = len;
	uint64_t pc = addr;
	int rc = 0;
	while (rc == 0 && (size_t)(p - code) <= stop && left > 0) {
		if (!cs_disasm_iter(cs, &p, &left, &pc, insn)) {
			/* Undecodable byte: skip it and resynchronise on the
			 * next one. */
			cpuid_note_suspect(&st, pc, pc + 1);
			p++;
			left--;
			pc++;
		} else if (cpuid_suspect_insn(insn->id)) {
			cpuid_note_suspect(&st, insn->address, pc);
		} else if (insn->id == X86_INS_CPUID && insn->size == 2 &&
			   !memcmp(insn->bytes, CPUID_BYTES, 2)) {
			rc = cpuid_note_site(&st, insn->address);
		}
	}
	cs_free(insn, 1);
	if (rc < 0 || st.n == 0) {
		/* Sites dropped as data may leave an empty array. */
		free(st.out);
		st.out = NULL;
		st.n = 0;
	}
	*out = st.out;
	*n = st.n;
	if (rc < 0)
		return err_set(e, "out of memory for cpuid sites");
	return 0;
}

/* Results of earlier sweeps, keyed by the exact bytes swept. Every exec
 * maps the same ld.so (and often the same libraries), whose sweep costs
 * milliseconds; comparing the bytes costs microseconds and, being exact,
 * gives the same answer the sweep would. Offsets are kept relative to the
 * region so a cached answer serves any load address. */
#define CPUID_CACHE_SLOTS 8
#define CPUID_CACHE_BUDGET ((size_t)64 << 20) /* bytes kept, all slots */

struct cpuid_cache_slot {
	uint8_t *bytes;
	size_t len;
	uint64_t *off;
	size_t n;
	uint64_t used; /* last use, for least-recently-used eviction */
};

static struct cpuid_cache_slot cpuid_cache[CPUID_CACHE_SLOTS];
static uint64_t cpuid_cache_clock;
static size_t cpuid_cache_bytes;
static pthread_mutex_t cpuid_cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* Copy a cached answer for code, rebased at addr. 1 = hit, 0 = miss,
 * -1 = out of memory. Called with the lock held. */
static int cpuid_cache_get(const uint8_t *code, size_t len, uint64_t addr,
			   uint64_t **out, size_t *n)
{
	for (int i = 0; i < CPUID_CACHE_SLOTS; i++) {
		struct cpuid_cache_slot *c = &cpuid_cache[i];
		if (!c->bytes || c->len != len || memcmp(c->bytes, code, len))
			continue;
		c->used = ++cpuid_cache_clock;
		if (c->n == 0)
			return 1;
		*out = malloc(c->n * sizeof **out);
		if (!*out)
			return -1;
		for (size_t k = 0; k < c->n; k++)
			(*out)[k] = addr + c->off[k];
		*n = c->n;
		return 1;
	}
	return 0;
}

static void cpuid_cache_drop(struct cpuid_cache_slot *c)
{
	cpuid_cache_bytes -= c->len;
	free(c->bytes);
	free(c->off);
	*c = (struct cpuid_cache_slot){ NULL, 0, NULL, 0, 0 };
}

/* The least recently used occupied slot, or NULL when all are free. */
static struct cpuid_cache_slot *cpuid_cache_lru(void)
{
	struct cpuid_cache_slot *lru = NULL;
	for (int i = 0; i < CPUID_CACHE_SLOTS; i++) {
		struct cpuid_cache_slot *c = &cpuid_cache[i];
		if (c->bytes && (!lru || c->used < lru->used))
			lru = c;
	}
	return lru;
}

/* An empty slot with room for len more bytes, evicting as needed. */
static struct cpuid_cache_slot *cpuid_cache_make_room(size_t len)
{
	struct cpuid_cache_slot *lru;
	while (cpuid_cache_bytes + len > CPUID_CACHE_BUDGET &&
	       (lru = cpuid_cache_lru()))
		cpuid_cache_drop(lru);
	for (int i = 0; i < CPUID_CACHE_SLOTS; i++)
		if (!cpuid_cache[i].bytes)
			return &cpuid_cache[i];
	lru = cpuid_cache_lru();
	cpuid_cache_drop(lru);
	return lru;
}

/* Remember a sweep's answer, evicting the least recently used answers to
 * stay within the budget. Failing to allocate only loses the speed-up.
 * Called with the lock held. */
static void cpuid_cache_put(const uint8_t *code, size_t len, uint64_t addr,
			    const uint64_t *found, size_t n)
{
	if (len > CPUID_CACHE_BUDGET)
		return;
	uint8_t *bytes = malloc(len);
	uint64_t *off = n ? malloc(n * sizeof *off) : NULL;
	if (!bytes || (n && !off)) {
		free(bytes);
		free(off);
		return;
	}
	memcpy(bytes, code, len);
	for (size_t k = 0; k < n; k++)
		off[k] = found[k] - addr;
	struct cpuid_cache_slot *slot = cpuid_cache_make_room(len);
	*slot = (struct cpuid_cache_slot){ bytes, len, off, n,
					   ++cpuid_cache_clock };
	cpuid_cache_bytes += len;
}

/* The full linear sweep, for regions that may hold a cpuid. */
static int cpuid_find_decode(const uint8_t *code, size_t len, uint64_t addr,
			     uint64_t **out, size_t *n, struct err *e)
{
	/* Sweep past the last candidate far enough to see a suspect after
	 * it. */
	size_t stop = (size_t)cpuid_last_candidate(code, len) + 2 +
		      CPUID_GUARD_AFTER;
	csh cs;
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
		return err_set(e, "capstone: cannot open x86-64 decoder");
	/* Details (operands, registers) are not needed and cost time. */
	cs_option(cs, CS_OPT_DETAIL, CS_OPT_OFF);
	int rc = cpuid_sweep(cs, code, len, addr, stop, out, n, e);
	cs_close(&cs);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int cpuid_find(const uint8_t *code, size_t len, uint64_t addr,
	       uint64_t **out, size_t *n, struct err *e)
{
	*out = NULL;
	*n = 0;
	/* Most regions hold no 0f a2 at all; searching is far faster than
	 * decoding, and a region without the pair has no cpuid. */
	if (len < 2 || !cpuid_any_candidate(code, len))
		return 0;
	pthread_mutex_lock(&cpuid_cache_lock);
	int rc = cpuid_cache_get(code, len, addr, out, n);
	if (rc == 0) {
		rc = cpuid_find_decode(code, len, addr, out, n, e);
		if (rc == 0)
			cpuid_cache_put(code, len, addr, *out, *n);
	} else if (rc < 0) {
		err_set(e, "out of memory for cpuid sites");
	} else {
		rc = 0;
	}
	pthread_mutex_unlock(&cpuid_cache_lock);
	return rc;
}

int cpuid_sites_contains(const struct cpuid_sites *s, uint64_t addr)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->addr[mid] == addr)
			return 1;
		if (s->addr[mid] < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void cpuid_sites_free(struct cpuid_sites *s)
{
	free(s->addr);
	s->addr = NULL;
	s->n = s->cap = 0;
}

static int cpuid_cmp_addr(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Append the new sites, then sort and drop duplicates to keep the set
 * searchable by bisection. */
static int cpuid_sites_add(struct cpuid_sites *s, const uint64_t *v, size_t n,
			   struct err *e)
{
	if (n == 0)
		return 0;
	if (s->n + n > s->cap) {
		size_t ncap = s->cap ? s->cap : 16;
		while (ncap < s->n + n)
			ncap *= 2;
		uint64_t *na = realloc(s->addr, ncap * sizeof *na);
		if (!na)
			return err_set(e, "out of memory for cpuid sites");
		s->addr = na;
		s->cap = ncap;
	}
	memcpy(s->addr + s->n, v, n * sizeof *v);
	s->n += n;
	qsort(s->addr, s->n, sizeof *s->addr, cpuid_cmp_addr);
	size_t w = 0;
	for (size_t r = 0; r < s->n; r++)
		if (w == 0 || s->addr[w - 1] != s->addr[r])
			s->addr[w++] = s->addr[r];
	s->n = w;
	return 0;
}

/* Read as much of [start, start+len) as the kernel gives: a file mapping
 * may extend past the end of its file, and those pages cannot be read. */
static int cpuid_read(int memfd, uint64_t start, uint8_t *buf, size_t len,
		      size_t *got, struct err *e)
{
	size_t done = 0;
	while (done < len) {
		ssize_t r = pread(memfd, buf + done, len - done,
				  (off_t)(start + done));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && done > 0 && errno == EIO)
			break;
		if (r < 0)
			return err_sys(e, "read tracee code at 0x%" PRIx64,
				       start + done);
		if (r == 0)
			break;
		done += (size_t)r;
	}
	*got = done;
	return 0;
}

int cpuid_patch_range(int memfd, uint64_t start, uint64_t end,
		      struct cpuid_sites *sites, struct err *e)
{
	if (end <= start)
		return 0;
	size_t len = (size_t)(end - start), got = 0;
	uint8_t *buf = malloc(len);
	uint64_t *found = NULL;
	size_t n = 0;
	int rc = -1;
	if (!buf)
		return err_set(e, "out of memory for a %zu-byte mapping", len);
	if (cpuid_read(memfd, start, buf, len, &got, e) < 0 ||
	    cpuid_find(buf, got, start, &found, &n, e) < 0)
		goto out;
	/* Record the sites before writing: a listed site that was never
	 * patched is harmless, a patched one missing from the set would make
	 * its SIGILL look genuine. */
	if (cpuid_sites_add(sites, found, n, e) < 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (tracee_write(memfd, found[i], UD2_BYTES, 2, e) < 0)
			goto out;
	rc = 0;
out:
	free(found);
	free(buf);
	if (rc < 0)
		err_wrap(e, "patch cpuid in 0x%" PRIx64 "-0x%" PRIx64, start,
			 end);
	return rc;
}

int cpuid_at(pid_t tid, uint64_t rip)
{
	errno = 0;
	long w = ptrace(PTRACE_PEEKTEXT, tid, rip, 0);
	return !errno && (w & 0xff) == CPUID_BYTES[0] &&
	       ((w >> 8) & 0xff) == CPUID_BYTES[1];
}

void cpuid_emulate(uint32_t eax, uint32_t ecx, uint32_t out[4])
{
	uint32_t v[4];
	cpuid_native(eax, ecx, v);
	uint32_t a = v[0], b = v[1], c = v[2], d = v[3];
	if (eax == 1)
		c &= ~(1u << 30); /* RDRAND */
	if (eax == 7 && ecx == 0)
		b &= ~((1u << 4) | (1u << 11) | (1u << 18)); /* HLE RTM RDSEED */
	out[0] = a;
	out[1] = b;
	out[2] = c;
	out[3] = d;
}
