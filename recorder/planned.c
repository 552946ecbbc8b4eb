/* Planned preemption points for the chaos scheduler, watched with debug
 * registers DR1-DR3 in every thread of a process that has two threads or
 * more. At each hit the chaos scheduler may preempt the thread, recording
 * an ordinary preemption point that the replay finds like any other.
 *
 * DR1: just after a thread released a mutex, where "published outside the
 * lock" races live: the first `ret` of glibc's mutex unlock (every fast
 * path of __pthread_mutex_unlock_usercnt returns through it, after the
 * store or xchg that releases the lock), found with libelf (the exported
 * pthread_mutex_unlock, whose first jump leads there) and capstone.
 *
 * DR2 and DR3: one site each, drawn by the chaos generator from the
 * program's own code (its executable's and its own libraries', outside the
 * system's library directories, decoded with capstone): DR2 just
 * after a lock-prefixed instruction or an xchg with memory (a hand-made
 * lock, a flag, a reference count), DR3 just before or just after a store
 * to memory not on the stack (a global, or through a pointer). Each run
 * draws others, so a hunt's runs spread over the program's sites.
 *
 * A site in a hot loop would trap at every iteration (about 20 us each):
 * after PLANNED_MAX_HITS hits a thread stops watching it. (The preemption
 * after a futex wake is taken at the syscall's exit: rec_chaos.c.) */
#define _GNU_SOURCE
#include "record.h"

#include <capstone/capstone.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <unistd.h>

#include "core/ptrace_util.h"
#include "patching/exe_code.h"

#define PLANNED_SCAN 256          /* bytes of unlock code decoded */
#define PLANNED_NEVER 1000        /* planned_tries: never look for the unlock */
#define PLANNED_MAX_HITS 512      /* per thread and site, then unwatched */
#define PLANNED_CODE_MAX (1u << 20) /* bytes of code: a larger executable
					       (an interpreter) gets no code sites */

/* The offset of a dynamic symbol's code in the file at path. */
static int symbol_offset(const char *path, const char *name, uint64_t *off)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), found = 0;
	if (fd < 0)
		return -1;
	elf_version(EV_CURRENT);
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	Elf_Scn *scn = NULL;
	while (elf && !found && (scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNSYM)
			continue;
		Elf_Data *data = elf_getdata(scn, NULL);
		for (size_t i = 0; data && sh.sh_entsize && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			const char *n;
			if (gelf_getsym(data, (int)i, &sym) && sym.st_value &&
			    (n = elf_strptr(elf, sh.sh_link, sym.st_name)) && !strcmp(n, name)) {
				*off = sym.st_value; /* vaddr == offset in glibc's text */
				found = 1;
				break;
			}
		}
	}
	if (elf)
		elf_end(elf);
	close(fd);
	return found ? 0 : -1;
}

static int find_libc(pid_t tid, char *path, size_t len, uint64_t *base)
{
	return exe_find_mapped(tid, "/libc.so.6", 0, path, len, base);
}

/* From pthread_mutex_unlock: follow its first direct jmp, then the first
 * ret. */
static uint64_t find_site(pid_t tid, uint64_t entry)
{
	csh cs;
	uint64_t site = 0, pc = entry;
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
		return 0;
	cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
	cs_insn *insn = cs_malloc(cs);
	for (int hop = 0; hop < 2 && !site && insn; hop++) {
		uint8_t code[PLANNED_SCAN];
		struct err ignored;
		if (mem_read(tid, pc, code, sizeof code, &ignored) < 0)
			break;
		const uint8_t *p = code;
		size_t left = sizeof code;
		uint64_t a = pc, next = 0;
		while (cs_disasm_iter(cs, &p, &left, &a, insn)) {
			if (insn->id == X86_INS_RET) {
				site = insn->address;
				break;
			}
			if (insn->id == X86_INS_JMP && insn->detail->x86.op_count == 1 &&
			    insn->detail->x86.operands[0].type == X86_OP_IMM) {
				next = (uint64_t)insn->detail->x86.operands[0].imm;
				break;
			}
		}
		if (!next)
			break;
		pc = next;
	}
	if (insn)
		cs_free(insn, 1);
	cs_close(&cs);
	return site;
}

/* ---- the program's own sites ---- */

struct sites {
	uint64_t *addr;
	uint8_t *size;
	size_t n, cap;
};

static void sites_push(struct sites *l, uint64_t addr, uint8_t size)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 256;
		uint64_t *a = realloc(l->addr, cap * sizeof *a);
		if (a)
			l->addr = a;
		uint8_t *z = realloc(l->size, cap);
		if (z)
			l->size = z;
		if (!a || !z)
			return;
		l->cap = cap;
	}
	l->addr[l->n] = addr;
	l->size[l->n++] = size;
}

static void sites_free(struct sites *l)
{
	free(l->addr);
	free(l->size);
}

static int writes_shared_memory(const cs_x86 *x)
{
	for (int i = 0; i < x->op_count; i++) {
		const cs_x86_op *op = &x->operands[i];
		if (op->type == X86_OP_MEM && (op->access & CS_AC_WRITE) &&
		    op->mem.base != X86_REG_RSP && op->mem.base != X86_REG_RBP)
			return 1;
	}
	return 0;
}

static int has_memory_operand(const cs_x86 *x)
{
	for (int i = 0; i < x->op_count; i++)
		if (x->operands[i].type == X86_OP_MEM)
			return 1;
	return 0;
}

/* Sort one section's instructions into the two kinds of sites. */
static void scan_code(csh cs, cs_insn *insn, const uint8_t *code, size_t len,
		      uint64_t addr, struct sites *locked, struct sites *stores)
{
	while (len && cs_disasm_iter(cs, &code, &len, &addr, insn)) {
		const cs_x86 *x = &insn->detail->x86;
		if (x->prefix[0] == X86_PREFIX_LOCK ||
		    (insn->id == X86_INS_XCHG && has_memory_operand(x)))
			sites_push(locked, insn->address, (uint8_t)insn->size);
		else if (writes_shared_memory(x))
			sites_push(stores, insn->address, (uint8_t)insn->size);
	}
}

struct scan_ctx {
	csh cs;
	cs_insn *insn;
	struct sites *locked, *stores;
};

static void scan_section(void *ctx, const struct exe_section *sec)
{
	struct scan_ctx *c = ctx;
	scan_code(c->cs, c->insn, sec->code, sec->len, sec->addr, c->locked, c->stores);
}

/* The executable's code sections, decoded; bias: what to add to their
 * addresses (a position-independent executable's load address). Returns 1
 * for an executable with more than PLANNED_CODE_MAX bytes of code. */
static int scan_executable(const char *path, uint64_t bias, struct sites *locked,
			   struct sites *stores)
{
	struct scan_ctx c = {.locked = locked, .stores = stores};
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &c.cs) != CS_ERR_OK)
		return -1;
	cs_option(c.cs, CS_OPT_DETAIL, CS_OPT_ON);
	c.insn = cs_malloc(c.cs);
	int rc = c.insn ? exe_code_sections(path, bias, PLANNED_CODE_MAX, scan_section, &c) : -1;
	if (c.insn)
		cs_free(c.insn, 1);
	cs_close(&c.cs);
	return rc;
}

/* A planned point is its process's: every thread of it watches it. Setting
 * a code site (DR2, DR3) also marks them chosen for the process. */
static void set_process_site(struct rec_session *s, pid_t tgid, int slot,
			     uint64_t site, int kind)
{
	for (size_t i = 0; i < s->tasks.n; i++)
		if (s->tasks.v[i].tgid == tgid) {
			s->tasks.v[i].planned_site[slot] = site;
			s->tasks.v[i].planned_kind[slot] = (uint8_t)kind;
			if (slot > 0)
				s->tasks.v[i].planned_chosen = 1;
		}
}

struct library_scan {
	uint64_t exe_base;
	struct sites *locked, *stores;
};

/* The program's own libraries' code joins its executable's (the system's
 * libraries do not: patch_library_wanted). */
static void scan_library(void *ctx, const char *path, const char *name, uint64_t base)
{
	struct library_scan *l = ctx;
	if (base != l->exe_base && patch_library_wanted(name))
		scan_executable(path, base, l->locked, l->stores);
}

/* Draw DR2's and DR3's sites for t's process from its executable's code
 * and its own libraries', and note them (if this run plans those kinds:
 * chaos_init). */
static void choose_code_sites(struct rec_session *s, struct task *t)
{
	char path[PATH_MAX];
	uint64_t base;
	struct sites locked = {0}, stores = {0};
	set_process_site(s, t->tgid, 1, 0, 0); /* chosen, even if none is */
	int rc = exe_find(t->tid, path, sizeof path, &base) < 0 ? -1 :
		 scan_executable(path, base, &locked, &stores);
	struct library_scan libs = {base, &locked, &stores};
	if (rc == 0)
		exe_code_files(t->tid, scan_library, &libs);
	if (rc == 1) {
		/* An interpreter (the test's Python driver): its mutex unlock is
		 * its global lock's, hit all the time; preempting there only
		 * slows the driver down, which hides the races of the program it
		 * drives. Nothing is watched in it. */
		set_process_site(s, t->tgid, 0, 0, PLANNED_UNLOCK);
		for (size_t i = 0; i < s->tasks.n; i++)
			if (s->tasks.v[i].tgid == t->tgid)
				s->tasks.v[i].planned_tries = PLANNED_NEVER;
	}
	if (rc != 0)
		goto out;
	if (locked.n && chaos_plans(&s->chaos, PLANNED_LOCKED)) {
		size_t k = chaos_random(&s->chaos) % locked.n;
		uint64_t site = locked.addr[k] + locked.size[k];
		set_process_site(s, t->tgid, 1, site, PLANNED_LOCKED);
		rec_chaos_site(s, t, site, PLANNED_LOCKED);
	}
	if (stores.n && chaos_plans(&s->chaos, PLANNED_STORE_BEFORE)) {
		size_t k = chaos_random(&s->chaos) % stores.n;
		int after = (int)(chaos_random(&s->chaos) & 1);
		uint64_t site = stores.addr[k] + (after ? stores.size[k] : 0);
		int kind = after ? PLANNED_STORE_AFTER : PLANNED_STORE_BEFORE;
		set_process_site(s, t->tgid, 2, site, kind);
		rec_chaos_site(s, t, site, kind);
	}
out:
	sites_free(&locked);
	sites_free(&stores);
}

/* ---- watching them ---- */

/* Each process has its own unlock site (its libc may be mapped elsewhere):
 * found at its first executable mapping after libc's, forgotten at an
 * exec. */
void rec_planned_find(struct rec_session *s, struct task *t)
{
	char path[PATH_MAX];
	uint64_t base, off, site;
	if (!(s->opt->chaos.mode & CHAOS_PLAN) || t->planned_site[0] || t->planned_tries > 8)
		return;
	if (find_libc(t->tid, path, sizeof path, &base) < 0)
		return; /* not mapped yet: try at the next executable mapping */
	t->planned_tries++;
	if (symbol_offset(path, "pthread_mutex_unlock", &off) < 0 ||
	    !(site = find_site(t->tid, base + off)))
		return;
	set_process_site(s, t->tgid, 0, site, PLANNED_UNLOCK);
	rec_planned_arm(s, t);
}

/* Each watched slot: execute (R/W = LEN = 0), locally enabled. A thread
 * asleep in a syscall is not in a ptrace stop, so its debug registers
 * cannot be written now: that is done at its return (rec_planned_arm_due),
 * before it runs user code again, so that whether it was still asleep or
 * already back (timing) does not decide which hits it has. */
static void arm_thread(struct task *t)
{
	uint64_t dr7;
	struct err ignored;
	/* (the creator of a new thread may be between its clone event and
	 * its return, not in a stop either) */
	if (t->state == T_NEW || t->state == T_IN_SYSCALL ||
	    pt_dr_get(t->tid, 7, &dr7, &ignored) < 0) {
		t->planned_arm_due = 1;
		return;
	}
	t->planned_arm_due = 0;
	for (int i = 0; i < PLANNED_SLOTS; i++) {
		int slot = i + 1;
		dr7 &= ~DR7_SLOT_BITS(slot);
		if (t->planned_site[i] && t->planned_hits[i] < PLANNED_MAX_HITS &&
		    pt_dr_set(t->tid, slot, t->planned_site[i], &ignored) == 0)
			dr7 |= 1ull << (2 * slot);
	}
	pt_dr_set(t->tid, 7, dr7, &ignored);
}

void rec_planned_arm_due(struct task *t)
{
	if (t->planned_arm_due)
		arm_thread(t);
}

/* Whether t's process has its code sites (a thread that met the process
 * before its creator's clone event did takes them now). */
static int process_chose(struct rec_session *s, struct task *t)
{
	for (size_t i = 0; i < s->tasks.n; i++) {
		const struct task *x = &s->tasks.v[i];
		if (x->tgid == t->tgid && x->planned_chosen) {
			memcpy(t->planned_site, x->planned_site, sizeof t->planned_site);
			memcpy(t->planned_kind, x->planned_kind, sizeof t->planned_kind);
			t->planned_chosen = 1;
			return 1;
		}
	}
	return 0;
}

/* Only a process with two threads or more: a release matters to another
 * thread (a single-threaded process, such as a test's driver script, would
 * only be slowed down, and starved for nothing). */
void rec_planned_arm(struct rec_session *s, struct task *t)
{
	if (!(s->opt->chaos.mode & CHAOS_PLAN) ||
	    task_count_process(&s->tasks, t->tgid, t->tid) == 0)
		return;
	if (!process_chose(s, t))
		choose_code_sites(s, t);
	for (size_t i = 0; i < s->tasks.n; i++)
		if (s->tasks.v[i].tgid == t->tgid)
			arm_thread(&s->tasks.v[i]);
}

int rec_planned_hit(struct rec_session *s, struct task *t, struct err *e)
{
	uint64_t dr6 = pt_dr6(t->tid);
	int i = dr6 & 2 ? 0 : dr6 & 4 ? 1 : dr6 & 8 ? 2 : -1;
	if (i < 0 || !t->planned_site[i])
		return 0;
	pt_clear_dr6(t->tid);
	if (++t->planned_hits[i] == PLANNED_MAX_HITS)
		arm_thread(t); /* a hot loop: enough */
	/* even with no other thread ready: starved, this one waits while the
	 * others wake up from their syscalls */
	if (rec_chaos_planned(s, t, t->planned_site[i], t->planned_kind[i]))
		return rec_preempt_here(s, t, e) < 0 ? -1 : 1;
	return pt_syscall(t->tid, 0, e) < 0 ? -1 : 1;
}
