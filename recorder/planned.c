/* Planned preemption points for the chaos scheduler: the moment just after
 * a thread released a mutex, which is where "published outside the lock"
 * races live. The site is the first `ret` of glibc's mutex unlock (every
 * fast path of __pthread_mutex_unlock_usercnt returns through it, after the
 * store or xchg that releases the lock), found with libelf (the exported
 * pthread_mutex_unlock, whose first jump leads there) and capstone. It is
 * watched with debug register DR1 in every thread; at each hit the chaos
 * scheduler may preempt the thread, recording an ordinary preemption point
 * that the replay finds like any other. */
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
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <unistd.h>

#include "core/ptrace_util.h"

#define PLANNED_SCAN 256 /* bytes of unlock code decoded */

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

/* libc's path and load base (the address of its offset 0), from maps. */
static int find_libc(pid_t tid, char *path, size_t len, uint64_t *base)
{
	char maps[64], line[PATH_MAX + 128];
	snprintf(maps, sizeof maps, "/proc/%d/maps", tid);
	FILE *f = fopen(maps, "re");
	int found = 0;
	while (f && !found && fgets(line, sizeof line, f)) {
		unsigned long long s, end, off;
		char perms[8];
		char *p = strchr(line, '/');
		if (!p || !strstr(p, "/libc.so.6") ||
		    sscanf(line, "%llx-%llx %7s %llx", &s, &end, perms, &off) != 4 || off != 0)
			continue;
		p[strcspn(p, "\n")] = 0;
		snprintf(path, len, "%s", p);
		*base = s;
		found = 1;
	}
	if (f)
		fclose(f);
	return found ? 0 : -1;
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

/* Each process has its own site (its libc may be mapped elsewhere): found
 * at its first executable mapping after libc's, forgotten at an exec. */
void rec_planned_find(struct rec_session *s, struct task *t)
{
	char path[PATH_MAX];
	uint64_t base, off, site;
	if (!s->opt->chaos.mode || t->planned_site || t->planned_tries > 8)
		return;
	if (find_libc(t->tid, path, sizeof path, &base) < 0)
		return; /* not mapped yet: try at the next executable mapping */
	t->planned_tries++;
	if (symbol_offset(path, "pthread_mutex_unlock", &off) < 0 ||
	    !(site = find_site(t->tid, base + off)))
		return;
	for (size_t i = 0; i < s->tasks.n; i++)
		if (s->tasks.v[i].tgid == t->tgid)
			s->tasks.v[i].planned_site = site;
	rec_planned_arm(s, t);
}

/* DR1: execute (R/W1 = LEN1 = 0), locally enabled (L1, bit 2). */
static void arm_thread(struct task *t)
{
	uint64_t dr7;
	struct err ignored;
	if (!t->planned_site || t->state == T_NEW ||
	    pt_dr_get(t->tid, 7, &dr7, &ignored) < 0)
		return;
	dr7 &= ~DR7_SLOT_BITS(1);
	if (pt_dr_set(t->tid, 7, dr7, &ignored) == 0 &&
	    pt_dr_set(t->tid, 1, t->planned_site, &ignored) == 0)
		pt_dr_set(t->tid, 7, dr7 | 4, &ignored);
}

/* Only a process with two threads or more: a release matters to another
 * thread (a single-threaded process, such as a test's driver script, would
 * only be slowed down, and starved for nothing). */
void rec_planned_arm(struct rec_session *s, struct task *t)
{
	if (!t->planned_site || task_count_process(&s->tasks, t->tgid, t->tid) == 0)
		return;
	for (size_t i = 0; i < s->tasks.n; i++)
		if (s->tasks.v[i].tgid == t->tgid)
			arm_thread(&s->tasks.v[i]);
}

int rec_planned_hit(struct rec_session *s, struct task *t, struct err *e)
{
	uint64_t dr6 = pt_dr6(t->tid);
	if (!t->planned_site || !(dr6 & 2))
		return 0;
	pt_clear_dr6(t->tid);
	/* even with no other thread ready: starved, this one waits while the
	 * others wake up from their syscalls */
	if (rec_chaos_planned(s, t))
		return rec_preempt_here(s, t, e) < 0 ? -1 : 1;
	return pt_syscall(t->tid, 0, e) < 0 ? -1 : 1;
}
