/* Yield sites (patching/yield.h): finding them, building their stubs and
 * installing them. */
#define _GNU_SOURCE
#include "patching/yield.h"

#include <capstone/capstone.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "core/ptrace_util.h"
#include "patching/exe_code.h"
#include "patching/inject.h"
#include "patching/reloc.h"

#define PAGE 4096ull
#define STUB_MAX 192        /* bytes of one stub, at most */
#define RED_ZONE_SKIP 256   /* rsp moves down this far around the save */

/* A stub's layout (emit_stub): its bookkeeping, from the stub's start ... */
enum {
	BK_SUB_RSP = 0,   /* lea rsp,[rsp-256]  (rsp is the stub's from 8) */
	BK_SAVE = 8,      /* mov [rsp],rcx      (rcx is the stub's from 12) */
	BK_LOAD = 12,     /* mov rcx,[YIELD_COUNTER] */
	BK_DEC = 20,      /* lea rcx,[rcx-1] */
	BK_STORE = 24,    /* mov [YIELD_COUNTER],rcx */
	BK_JRCXZ = 32,    /* jrcxz stop */
	BK_RESTORE = 34,  /* mov rcx,[rsp]      (rcx the program's from 38) */
	BK_ADD_RSP = 38,  /* lea rsp,[rsp+256]  (rsp the program's from 46) */
	BK_LEN = 46,      /* then the relocated copy, and a jmp back */
};
/* ... and its stopping path, from `hit`: */
enum {
	STOP_RESTORE = 0,  /* mov rcx,[rsp] */
	STOP_ADD_RSP = 4,  /* lea rsp,[rsp+256] */
	STOP_INT3 = 12,    /* int3, then (the trap address) jmp to the copy */
};

/* ---------------------------------------------------------- the scan */

struct scan {
	csh cs;
	uint64_t text_lo, text_hi;
	const uint8_t *text;      /* .text's bytes (the file's) */
	uint64_t *targets;        /* direct branch targets, then sorted */
	size_t ntargets, cap_targets;
	uint64_t *cand;           /* candidate sites, ascending */
	size_t ncand, cap_cand;
	struct yield_access *cand_access; /* what each touches (cap_cand of them) */
	uint64_t *indirect;       /* addresses of indirect jmps */
	size_t nindirect, cap_indirect;
};

static int push(uint64_t **v, size_t *n, size_t *cap, uint64_t x)
{
	if (*n == *cap) {
		size_t c = *cap ? 2 * *cap : 1024;
		uint64_t *p = realloc(*v, c * sizeof *p);
		if (!p)
			return -1;
		*v = p;
		*cap = c;
	}
	(*v)[(*n)++] = x;
	return 0;
}

/* A candidate site and what it touches (a site less if memory is short). */
static void push_candidate(struct scan *s, uint64_t addr, const struct yield_access *acc)
{
	size_t cap = s->cap_cand;
	if (push(&s->cand, &s->ncand, &s->cap_cand, addr) < 0)
		return;
	if (s->cap_cand != cap) {
		void *v = realloc(s->cand_access, s->cap_cand * sizeof *acc);
		if (!v) {
			s->ncand--;
			return;
		}
		s->cand_access = v;
	}
	s->cand_access[s->ncand - 1] = *acc;
}

static int is_stack_reg(x86_reg r)
{
	return r == X86_REG_RSP || r == X86_REG_RBP || r == X86_REG_ESP || r == X86_REG_EBP;
}

/* Does the instruction touch memory that another thread may share? If so,
 * and acc, what it touches. */
static int shared_access(const cs_insn *in, struct yield_access *acc)
{
	const cs_x86 *x = &in->detail->x86;
	switch (in->id) {
	case X86_INS_LEA: case X86_INS_NOP: case X86_INS_PREFETCH: case X86_INS_PREFETCHW:
	case X86_INS_PREFETCHT0: case X86_INS_PREFETCHT1: case X86_INS_PREFETCHT2:
	case X86_INS_PREFETCHNTA: case X86_INS_CLFLUSH:
		return 0;
	default:
		break;
	}
	for (int i = 0; i < x->op_count; i++) {
		const cs_x86_op *op = &x->operands[i];
		if (op->type != X86_OP_MEM || op->mem.segment == X86_REG_FS ||
		    op->mem.segment == X86_REG_GS || is_stack_reg(op->mem.base))
			continue;
		if (acc) {
			point_mem_operand(op, in->address + in->size, &acc->op);
			acc->known = 1;
			acc->writes = (op->access & CS_AC_WRITE) != 0;
		}
		return 1;
	}
	return 0;
}

static int is_branch(csh cs, const cs_insn *in)
{
	return cs_insn_group(cs, in, X86_GRP_JUMP) || cs_insn_group(cs, in, X86_GRP_CALL) ||
	       cs_insn_group(cs, in, X86_GRP_RET);
}

/* A rep-prefixed string instruction: a signal may stop it midway, and the
 * point must then be found where it was. cpuid, rdtsc and rdtscp: the
 * tracer finds and emulates them where they are. None of these moves. */
static int stays_put(const cs_insn *in)
{
	uint8_t p = in->detail->x86.prefix[0];
	if (p == X86_PREFIX_REP || p == X86_PREFIX_REPNE) {
		switch (in->id) {
		case X86_INS_MOVSB: case X86_INS_MOVSW: case X86_INS_MOVSD: case X86_INS_MOVSQ:
		case X86_INS_STOSB: case X86_INS_STOSW: case X86_INS_STOSD: case X86_INS_STOSQ:
		case X86_INS_LODSB: case X86_INS_LODSW: case X86_INS_LODSD: case X86_INS_LODSQ:
		case X86_INS_CMPSB: case X86_INS_CMPSW: case X86_INS_CMPSD: case X86_INS_CMPSQ:
		case X86_INS_SCASB: case X86_INS_SCASW: case X86_INS_SCASD: case X86_INS_SCASQ:
		case X86_INS_INSB: case X86_INS_INSW: case X86_INS_INSD:
		case X86_INS_OUTSB: case X86_INS_OUTSW: case X86_INS_OUTSD:
			return 1;
		default:
			break;
		}
	}
	return in->id == X86_INS_CPUID || in->id == X86_INS_RDTSC || in->id == X86_INS_RDTSCP;
}

static void scan_text(struct scan *s)
{
	cs_insn *in = cs_malloc(s->cs);
	const uint8_t *c = s->text;
	size_t left = (size_t)(s->text_hi - s->text_lo);
	uint64_t a = s->text_lo, after_call_out = 0;
	while (in && left) {
		if (!cs_disasm_iter(s->cs, &c, &left, &a, in)) {
			c++; /* data or padding: one byte on */
			left--;
			a++;
			continue;
		}
		uint64_t tgt;
		const cs_x86 *x = &in->detail->x86;
		int imm = x->op_count == 1 && x->operands[0].type == X86_OP_IMM;
		if (reloc_rel_target(in, &tgt))
			push(&s->targets, &s->ntargets, &s->cap_targets, tgt);
		if (in->id == X86_INS_JMP && !imm)
			push(&s->indirect, &s->nindirect, &s->cap_indirect, in->address);
		/* a call out of .text: into the PLT (lock, unlock, wait...),
		 * and the instruction it returns to: the lock paths' entries
		 * and returns */
		int call_out = in->id == X86_INS_CALL && imm && in->size == 5 &&
			       ((uint64_t)x->operands[0].imm < s->text_lo ||
				(uint64_t)x->operands[0].imm >= s->text_hi);
		struct yield_access acc = {0};
		int access = !is_branch(s->cs, in) && shared_access(in, &acc);
		if (!stays_put(in) && (call_out || access || in->address == after_call_out))
			push_candidate(s, in->address, &acc);
		after_call_out = call_out ? in->address + in->size : 0;
	}
	if (in)
		cs_free(in, 1);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static int sorted_has(const uint64_t *v, size_t n, uint64_t x)
{
	return bsearch(&x, v, n, sizeof *v, cmp_u64) != NULL;
}

/* Is there an indirect jmp (a jump table's) in the function holding a?
 * Without symbols: anywhere in .text. */
static int near_indirect(const struct scan *s, const struct exe_funcs *f, uint64_t a)
{
	if (!s->nindirect)
		return 0;
	if (!f->n)
		return 1;
	size_t lo = 0, hi = f->n;
	while (lo < hi) { /* the last function starting at or before a */
		size_t mid = (lo + hi) / 2;
		if (f->start[mid] <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || a >= f->start[lo - 1] + f->size[lo - 1])
		return 1; /* outside every known function: assume the worst */
	uint64_t fs = f->start[lo - 1], fe = fs + f->size[lo - 1];
	for (size_t i = 0; i < s->nindirect; i++)
		if (s->indirect[i] >= fs && s->indirect[i] < fe)
			return 1;
	return 0;
}

/* Does the displaced instruction d stay put (stays_put)? */
static int displaced_stays_put(csh cs, const struct dinsn *d)
{
	cs_insn *in = NULL;
	int stays = cs_disasm(cs, d->bytes, d->len, d->addr, 1, &in) != 1 || stays_put(in);
	if (in)
		cs_free(in, 1);
	return stays;
}

/* Can the instructions at a be displaced? Only the first may be a branch
 * target (the jmp starts there); with a jump table nearby, whose targets
 * the scan cannot see, only a site that is one instruction long. */
static int plan_site(struct scan *s, const struct exe_funcs *f, uint64_t a,
		     struct reloc_plan *p)
{
	char why[128];
	if (reloc_decode(s->cs, p, s->text, s->text_lo, (size_t)(s->text_hi - s->text_lo), a,
			 why, sizeof why))
		return -1;
	for (int i = 1; i < p->n; i++)
		if (sorted_has(s->targets, s->ntargets, p->ins[i].addr))
			return -1;
	if (p->n > 1 && near_indirect(s, f, a))
		return -1;
	for (int i = 1; i < p->n; i++) /* (the first one: scan_text) */
		if (displaced_stays_put(s->cs, &p->ins[i]))
			return -1;
	return 0;
}

/* ---------------------------------------------------------- the stubs */

struct build {
	struct code c;
	uint8_t *patches;   /* n * RELOC_MAX_DISPLACED * 16: each site's new bytes */
	uint8_t *plen;
};

struct map_ctx {
	struct yield_map *m;
	int n;
};

static void add_map(void *ctx, uint64_t at, uint64_t orig, int64_t rsp_adj)
{
	struct map_ctx *mc = ctx;
	if (mc->n < YIELD_MAP_MAX)
		mc->m[mc->n++] = (struct yield_map){at, orig, rsp_adj};
}

/* One site's stub at code_here(c); slot: its call's return address. */
static int emit_stub(struct build *b, struct yield_image *im, size_t k,
		     const struct reloc_plan *p, uint64_t slot)
{
	static const uint8_t sub_rsp[] = {0x48, 0x8d, 0xa4, 0x24, 0x00, 0xff, 0xff, 0xff};
	static const uint8_t add_rsp[] = {0x48, 0x8d, 0xa4, 0x24, 0x00, 0x01, 0x00, 0x00};
	static const uint8_t save_rcx[] = {0x48, 0x89, 0x0c, 0x24};
	static const uint8_t load_rcx[] = {0x48, 0x8b, 0x0c, 0x24};
	/* the counter by its absolute address (disp32, no base): one counter
	 * for the stubs of every image in the process */
	static const uint8_t ld_counter[] = {0x48, 0x8b, 0x0c, 0x25};
	static const uint8_t st_counter[] = {0x48, 0x89, 0x0c, 0x25};
	const uint32_t counter = (uint32_t)YIELD_COUNTER;
	static const uint8_t dec_rcx[] = {0x48, 0x8d, 0x49, 0xff};
	struct code *c = &b->c;
	size_t start = c->n;
	im->stub[k] = code_here(c);
	code_put(c, sub_rsp, sizeof sub_rsp);
	code_put(c, save_rcx, sizeof save_rcx);
	code_put(c, ld_counter, sizeof ld_counter);
	code_put(c, &counter, sizeof counter);
	code_put(c, dec_rcx, sizeof dec_rcx);
	code_put(c, st_counter, sizeof st_counter);
	code_put(c, &counter, sizeof counter);
	code_put1(c, 0xe3); /* jrcxz hit */
	size_t jrcxz_at = c->n;
	code_put1(c, 0);
	code_put(c, load_rcx, sizeof load_rcx);
	code_put(c, add_rsp, sizeof add_rsp);
	im->reloc[k] = code_here(c);
	if (im->reloc[k] - im->stub[k] != BK_LEN || jrcxz_at - 1 - start != BK_JRCXZ)
		return -1; /* (the layout the enums above describe) */
	struct map_ctx mc = {im->map + k * YIELD_MAP_MAX, 0};
	for (int i = 0; i < p->n; i++)
		reloc_put(c, &p->ins[i], slot, add_map, &mc);
	add_map(&mc, code_here(c), p->end, 0); /* the jmp back */
	code_put_jmp(c, p->end);
	im->hit[k] = code_here(c);
	size_t rel = c->n - (jrcxz_at + 1);
	if (rel > 127 || c->bad)
		return -1;
	c->b[jrcxz_at] = (uint8_t)rel;
	code_put(c, load_rcx, sizeof load_rcx);
	code_put(c, add_rsp, sizeof add_rsp);
	code_put1(c, 0xcc);
	im->trap[k] = code_here(c);
	if (im->trap[k] - im->hit[k] != STOP_INT3 + 1)
		return -1;
	code_put_jmp(c, im->reloc[k]);
	return c->bad || c->n - start > STUB_MAX ? -1 : 0;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

/* ---------------------------------------------------------- install */

struct text_find {
	struct scan *s;
	uint8_t *copy;
};

static void find_text(void *ctx, const struct exe_section *sec)
{
	struct text_find *f = ctx;
	if (strcmp(sec->name, ".text") || f->copy)
		return;
	f->copy = malloc(sec->len ? sec->len : 1);
	if (!f->copy)
		return;
	memcpy(f->copy, sec->code, sec->len);
	f->s->text = f->copy;
	f->s->text_lo = sec->addr;
	f->s->text_hi = sec->addr + sec->len;
}

static int alloc_image(struct yield_image *im, size_t n)
{
	im->site = calloc(n, sizeof *im->site);
	im->trap = calloc(n, sizeof *im->trap);
	im->stub = calloc(n, sizeof *im->stub);
	im->reloc = calloc(n, sizeof *im->reloc);
	im->hit = calloc(n, sizeof *im->hit);
	im->orig = calloc(n, YIELD_ORIG_MAX);
	im->map = calloc(n * YIELD_MAP_MAX, sizeof *im->map);
	im->access = calloc(n, sizeof *im->access);
	return im->site && im->trap && im->stub && im->reloc && im->hit && im->orig && im->map &&
	       im->access ? 0 : -1;
}

/* Build every stub for a region at `region`: fills im and b. */
static int build(struct scan *s, const struct exe_funcs *f, uint64_t region,
		 struct yield_image *im, struct build *b)
{
	size_t n = s->ncand < YIELD_MAX_SITES ? s->ncand : YIELD_MAX_SITES;
	size_t code_off = 8 * n;
	b->c.limit = code_off + n * STUB_MAX;
	b->c.b = calloc(1, b->c.limit);
	b->patches = calloc(n ? n : 1, RELOC_MAX_DISPLACED * 16);
	b->plen = calloc(n ? n : 1, 1);
	if (!b->c.b || !b->patches || !b->plen || alloc_image(im, n ? n : 1) < 0)
		return -1;
	b->c.base = region;
	b->c.n = code_off;
	uint64_t last_end = 0;
	for (size_t i = 0; i < n; i++) {
		struct reloc_plan p;
		uint64_t a = s->cand[i];
		if (a < last_end || plan_site(s, f, a, &p) < 0) {
			im->skipped++;
			continue;
		}
		size_t k = im->n, at = b->c.n;
		uint64_t slot = region + 8 * k;
		const struct dinsn *lastd = &p.ins[p.n - 1];
		uint64_t ret = lastd->addr + lastd->len;
		memcpy(b->c.b + 8 * k, &ret, 8);
		if (emit_stub(b, im, k, &p, slot) < 0) {
			b->c.n = at;
			b->c.bad = 0;
			im->skipped++;
			continue;
		}
		uint8_t *patch = b->patches + k * RELOC_MAX_DISPLACED * 16;
		size_t len = (size_t)(p.end - a);
		memset(patch, 0xcc, len);
		patch[0] = 0xe9;
		int32_t r = code_rel32(&b->c, a + RELOC_JMP_LEN, im->stub[k]);
		memcpy(patch + 1, &r, 4);
		if (b->c.bad)
			return -1;
		b->plen[k] = (uint8_t)len;
		memcpy(im->orig + k * YIELD_ORIG_MAX, p.orig, len);
		im->access[k] = s->cand_access[i];
		im->site[k] = a;
		im->n++;
		last_end = p.end;
	}
	return 0;
}

static int scan_image(struct scan *s, struct exe_funcs *f, pid_t tid, uint64_t addr,
		      uint64_t *base, uint8_t **copy)
{
	char path[PATH_MAX];
	struct text_find tf = {s, NULL};
	if (exe_find_at(tid, addr, path, sizeof path, base, NULL, 0) < 0 ||
	    exe_code_sections(path, *base, YIELD_MAX_CODE, find_text, &tf) != 0 || !tf.copy)
		return -1;
	*copy = tf.copy;
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &s->cs) != CS_ERR_OK)
		return -1;
	cs_option(s->cs, CS_OPT_DETAIL, CS_OPT_ON);
	scan_text(s);
	qsort(s->targets, s->ntargets, sizeof *s->targets, cmp_u64);
	if (exe_functions(path, *base, f) < 0)
		memset(f, 0, sizeof *f);
	return 0;
}

int yield_key_of(pid_t tid, uint64_t addr, struct yield_key *k)
{
	char path[PATH_MAX];
	struct stat st;
	memset(k, 0, sizeof *k);
	if (exe_find_at(tid, addr, path, sizeof path, &k->base, NULL, 0) < 0 ||
	    stat(path, &st) < 0)
		return -1;
	k->dev = st.st_dev;
	k->ino = st.st_ino;
	k->size = (uint64_t)st.st_size;
	k->mtime_ns = (uint64_t)st.st_mtim.tv_sec * 1000000000ull + (uint64_t)st.st_mtim.tv_nsec;
	return 0;
}

/* Where the stubs go: the highest free range below the file's first
 * mapping, within REACH of its .text (a rel32 jmp reaches 2 GiB: the
 * rest is for the file's data, which relocated instructions address). */
#define REACH (1ull << 30)
#define LOWEST_MAP 0x10000ull /* the kernel's usual vm.mmap_min_addr */
static int place_region(pid_t tid, uint64_t base, const struct scan *s, uint64_t len,
			uint64_t *region)
{
	uint64_t lowest = s->text_hi > REACH + LOWEST_MAP ? s->text_hi - REACH : LOWEST_MAP;
	return exe_free_below(tid, base, len, lowest, region);
}

int yield_build(struct yield_image *im, pid_t tid, uint64_t addr, uint64_t at,
		struct err *e)
{
	struct scan s = {0};
	struct exe_funcs f = {0};
	struct build b = {0};
	uint8_t *copy = NULL;
	uint64_t base = 0, region = at;
	int rc = 0;
	memset(im, 0, sizeof *im);
	if (scan_image(&s, &f, tid, addr, &base, &copy) < 0 || !s.ncand)
		goto out; /* nothing to patch: no sites */
	size_t n = s.ncand < YIELD_MAX_SITES ? s.ncand : YIELD_MAX_SITES;
	uint64_t len = (8 * n + n * STUB_MAX + PAGE - 1) & ~(PAGE - 1);
	if (!region && place_region(tid, base, &s, len, &region) < 0)
		goto out; /* no room in reach: no sites */
	if (region + len > s.text_lo || s.text_hi - region > REACH) {
		rc = err_set(e, "the yield sites' region %#llx is out of reach of the code at "
			     "%#llx", (unsigned long long)region, (unsigned long long)s.text_lo);
		goto out;
	}
	if (build(&s, &f, region, im, &b) < 0) {
		rc = err_set(e, "building the yield sites of the code at %#llx in thread %d",
			     (unsigned long long)addr, tid);
		goto out;
	}
	if (!im->n)
		goto out;
	uint64_t h = fnv(0xcbf29ce484222325ull, b.c.b, b.c.n);
	for (size_t k = 0; k < im->n; k++) {
		h = fnv(h, &im->site[k], 8);
		h = fnv(h, b.patches + k * RELOC_MAX_DISPLACED * 16, b.plen[k]);
	}
	im->region = region;
	im->region_len = len;
	im->digest = h;
	im->code = b.c.b;
	im->code_len = b.c.n;
	im->patches = b.patches;
	im->plen = b.plen;
	b.c.b = b.patches = b.plen = NULL; /* the image's now */
out:
	if (rc < 0 || !im->region)
		yield_image_free(im);
	if (s.cs)
		cs_close(&s.cs);
	free(s.targets);
	free(s.cand);
	free(s.cand_access);
	free(s.indirect);
	free(copy);
	exe_funcs_free(&f);
	free(b.c.b);
	free(b.patches);
	free(b.plen);
	return rc;
}

/* An anonymous mapping at exactly addr, made by tid itself. */
static int map_at(pid_t tid, uint64_t gadget, uint64_t addr, uint64_t len, int prot,
		  const char *what, struct err *e)
{
	uint64_t args[6] = {addr, len, (uint64_t)prot,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, (uint64_t)-1, 0};
	int64_t got;
	if (inject_syscall(tid, INJECT_AT_USER, gadget, SYS_mmap, args, &got, e) < 0)
		return -1;
	if (got != (int64_t)addr)
		return err_set(e, "cannot map %s at %#llx (mmap gave %lld)", what,
			       (unsigned long long)addr, (long long)got);
	return 0;
}

int yield_map_counter(pid_t tid, uint64_t gadget, struct err *e)
{
	if (map_at(tid, gadget, YIELD_COUNTER, PAGE, PROT_READ | PROT_WRITE,
		   "the yield sites' counter", e) < 0)
		return -1;
	return yield_arm(tid, YIELD_IDLE, e);
}

int yield_apply(const struct yield_image *im, pid_t tid, int memfd, uint64_t gadget,
		struct err *e)
{
	if (map_at(tid, gadget, im->region, im->region_len, PROT_READ | PROT_WRITE | PROT_EXEC,
		   "the yield sites' stubs", e) < 0)
		return -1;
	if (tracee_write(memfd, im->region, im->code, im->code_len, e) < 0)
		return -1;
	for (size_t k = 0; k < im->n; k++)
		if (tracee_write(memfd, im->site[k], im->patches + k * RELOC_MAX_DISPLACED * 16,
				 im->plen[k], e) < 0)
			return -1;
	return 0;
}

/* The site whose stub holds rip, or -1. Stubs are laid out in site
 * order: the last one starting at or before rip. */
/* How many of the ascending v[0..n) are <= x. */
static size_t count_at_or_below(const uint64_t *v, size_t n, uint64_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static long stub_of(const struct yield_image *im, uint64_t rip)
{
	if (!im->region || rip < im->region || rip >= im->region + im->region_len)
		return -1;
	return (long)count_at_or_below(im->stub, im->n, rip) - 1;
}

int yield_site_access(const struct yield_image *im, long k, const struct user_regs_struct *r,
		      uint64_t *addr, int *writes)
{
	const struct yield_access *a = &im->access[k];
	if (!a->known)
		return -1;
	*addr = point_operand_addr(r, &a->op);
	*writes = a->writes;
	return 0;
}

int yield_is_site(const struct yield_image *im, uint64_t addr)
{
	return sorted_has(im->site, im->n, addr);
}

long yield_trap_site(const struct yield_image *im, uint64_t rip)
{
	long k = stub_of(im, rip);
	return k >= 0 && im->trap[k] == rip ? k : -1;
}

int yield_in_bookkeeping(const struct yield_image *im, uint64_t rip)
{
	long k = stub_of(im, rip);
	if (k < 0)
		return 0;
	return rip < im->reloc[k] || (rip >= im->hit[k] && rip < im->hit[k] + STOP_INT3);
}

/* r at a stub's bookkeeping or stopping path gets the program's rcx and
 * rsp back (rcx from where the stub saved it). */
static void program_regs(const struct yield_image *im, long k, pid_t tid,
			 struct user_regs_struct *r)
{
	struct err ignored;
	int stack_is_stubs, rcx_is_stubs;
	if (r->rip < im->reloc[k]) {
		uint64_t off = r->rip - im->stub[k];
		stack_is_stubs = off >= BK_SAVE;
		rcx_is_stubs = off >= BK_LOAD && off < BK_ADD_RSP;
	} else {
		uint64_t off = r->rip - im->hit[k];
		stack_is_stubs = off < STOP_INT3;
		rcx_is_stubs = off == STOP_RESTORE;
	}
	if (rcx_is_stubs)
		mem_read(tid, r->rsp, &r->rcx, sizeof r->rcx, &ignored);
	if (stack_is_stubs)
		r->rsp += RED_ZONE_SKIP;
}

int yield_skip_stop(const struct yield_image *im, pid_t tid, struct user_regs_struct *r)
{
	long k = stub_of(im, r->rip);
	if (k < 0)
		return 0;
	if (r->rip >= im->hit[k] && r->rip < im->hit[k] + STOP_INT3) {
		program_regs(im, k, tid, r);
		r->rip = im->reloc[k]; /* where the stop would resume it */
		return 1;
	}
	if (r->rip == im->stub[k] + BK_JRCXZ && r->rcx == 0) {
		r->rcx = 1; /* the stub's scratch: the program's comes back next */
		return 1;
	}
	return 0;
}

int yield_program_view(const struct yield_image *im, pid_t tid, struct user_regs_struct *r)
{
	long k = stub_of(im, r->rip);
	if (k < 0)
		return 0;
	if (r->rip < im->reloc[k] || r->rip >= im->hit[k]) {
		/* bookkeeping or stopping path: the site's instruction is next */
		program_regs(im, k, tid, r);
		r->rip = im->site[k];
		return 1;
	}
	/* the relocated copy: the last copied instruction starting at or
	 * before rip */
	const struct yield_map *m = im->map + k * YIELD_MAP_MAX, *best = NULL;
	for (int i = 0; i < YIELD_MAP_MAX && m[i].at; i++)
		if (m[i].at <= r->rip)
			best = &m[i];
	r->rip = best ? best->orig : im->site[k];
	if (best)
		r->rsp += (uint64_t)best->rsp_adj;
	return 1;
}

uint64_t yield_breakpoint_address(const struct yield_image *im, uint64_t addr)
{
	/* the last site at or before addr */
	size_t k = count_at_or_below(im->site, im->n, addr);
	if (k-- == 0)
		return addr;
	if (addr == im->site[k] || addr >= im->site[k] + im->plen[k])
		return addr; /* (an int3 over the jmp's first byte traps there) */
	const struct yield_map *m = im->map + k * YIELD_MAP_MAX;
	for (int i = 0; i < YIELD_MAP_MAX && m[i].at; i++)
		if (m[i].orig == addr)
			return m[i].at;
	return 0; /* inside an instruction the patch covers */
}

void yield_original_bytes(const struct yield_image *im, uint64_t addr, uint8_t *buf,
			  size_t len)
{
	for (size_t k = 0; k < im->n; k++) {
		uint64_t lo = im->site[k], hi = lo + im->plen[k];
		if (hi <= addr || lo >= addr + len)
			continue;
		for (uint64_t a = lo > addr ? lo : addr; a < hi && a < addr + len; a++)
			buf[a - addr] = im->orig[k * YIELD_ORIG_MAX + (a - lo)];
	}
}

int yield_arm(pid_t tid, uint64_t k, struct err *e)
{
	return mem_write(tid, YIELD_COUNTER, &k, sizeof k, e);
}

int yield_read(pid_t tid, uint64_t *v, struct err *e)
{
	return mem_read(tid, YIELD_COUNTER, v, sizeof *v, e);
}

void yield_image_free(struct yield_image *im)
{
	free(im->site);
	free(im->trap);
	free(im->stub);
	free(im->reloc);
	free(im->hit);
	free(im->orig);
	free(im->map);
	free(im->access);
	free(im->code);
	free(im->patches);
	free(im->plen);
	memset(im, 0, sizeof *im);
}
