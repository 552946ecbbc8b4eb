/* vDSO patching: each time function of the vDSO is overwritten, in the
 * stopped tracee, with a stub that makes the equivalent real syscall, so the
 * recorder sees (and records) every clock read. */
#include "patching/vdso.h"

#include "core/ptrace_util.h"

#include <errno.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define VDSO_STUB_LEN 8

/* What one exported vDSO function becomes. nr >= 0: a syscall stub for that
 * syscall; nr < 0: "return -ENOSYS", which makes libc fall back to the real
 * syscall (getrandom keeps per-thread state the kernel cannot see). The
 * kernel's syscalls take the same arguments in the same registers as the
 * vDSO functions (rdi, rsi, rdx), so the stub need not move any. */
struct vdso_target {
	const char *name;
	const char *alias;
	int nr;
};

static const struct vdso_target vdso_targets[] = {
	{ "__vdso_clock_gettime", "clock_gettime", SYS_clock_gettime },
	{ "__vdso_gettimeofday", "gettimeofday", SYS_gettimeofday },
	{ "__vdso_time", "time", SYS_time },
	{ "__vdso_clock_getres", "clock_getres", SYS_clock_getres },
	{ "__vdso_getcpu", "getcpu", SYS_getcpu },
	{ "__vdso_getrandom", "getrandom", -1 },
};
#define VDSO_NTARGETS (sizeof vdso_targets / sizeof vdso_targets[0])

/* One function to overwrite, at a tracee address. */
struct vdso_site {
	uint64_t addr;
	uint64_t size;
	int target; /* index in vdso_targets */
};

/* Everything found in the vDSO image that the patching needs. */
struct vdso_scan {
	struct vdso_site sites[2 * VDSO_NTARGETS];
	size_t n;
};

static int vdso_target_index(const char *name)
{
	for (size_t i = 0; i < VDSO_NTARGETS; i++)
		if (!strcmp(name, vdso_targets[i].name) ||
		    !strcmp(name, vdso_targets[i].alias))
			return (int)i;
	return -1;
}

/* The link-time address the mapping's first byte corresponds to: symbol
 * values are link-time addresses, the mapping starts at the lowest PT_LOAD
 * (rounded down to its page). */
static int vdso_link_base(Elf *elf, uint64_t *link_base, struct err *e)
{
	size_t nph;
	int found = 0;
	if (elf_getphdrnum(elf, &nph) != 0)
		return err_set(e, "vDSO program headers: %s", elf_errmsg(-1));
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		uint64_t v = ph.p_vaddr & ~(uint64_t)0xfff;
		if (!found || v < *link_base)
			*link_base = v;
		found = 1;
	}
	if (!found)
		return err_set(e, "vDSO has no PT_LOAD segment");
	return 0;
}

/* Add the symbol to the scan unless an alias at the same address is there
 * already (clock_gettime and __vdso_clock_gettime are one function). */
static int vdso_add_site(struct vdso_scan *s, uint64_t addr, uint64_t size,
			 int target, const char *name, struct err *e)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->sites[i].addr != addr)
			continue;
		if (s->sites[i].target != target)
			return err_set(e, "vDSO symbol %s shares its address "
				       "with %s", name,
				       vdso_targets[s->sites[i].target].name);
		return 0;
	}
	if (s->n == sizeof s->sites / sizeof s->sites[0])
		return err_set(e, "too many vDSO symbols to patch");
	if (size < VDSO_STUB_LEN)
		return err_set(e, "vDSO function %s is %" PRIu64 " bytes, "
			       "too short for a %d-byte stub", name, size,
			       VDSO_STUB_LEN);
	s->sites[s->n++] = (struct vdso_site){ addr, size, target };
	return 0;
}

/* Walk one dynamic symbol table, collecting the functions to patch. */
static int vdso_scan_symtab(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh,
			    uint64_t base, uint64_t len, uint64_t link_base,
			    struct vdso_scan *s, struct err *e)
{
	Elf_Data *data = elf_getdata(scn, NULL);
	if (!data || sh->sh_entsize == 0)
		return err_set(e, "vDSO .dynsym unreadable: %s",
			       elf_errmsg(-1));
	size_t count = sh->sh_size / sh->sh_entsize;
	for (size_t i = 0; i < count; i++) {
		GElf_Sym sym;
		if (!gelf_getsym(data, (int)i, &sym))
			return err_set(e, "vDSO symbol %zu: %s", i,
				       elf_errmsg(-1));
		if (GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF)
			continue;
		const char *name = elf_strptr(elf, sh->sh_link, sym.st_name);
		int t = name ? vdso_target_index(name) : -1;
		if (t < 0)
			continue;
		if (sym.st_value < link_base ||
		    sym.st_value - link_base + sym.st_size > len)
			return err_set(e, "vDSO symbol %s lies outside the "
				       "mapping", name);
		if (vdso_add_site(s, base + sym.st_value - link_base,
				  sym.st_size, t, name, e) < 0)
			return -1;
	}
	return 0;
}

/* Parse the vDSO image (a copy of the tracee's mapping) and list the
 * functions to patch. */
static int vdso_scan_image(char *image, uint64_t base, uint64_t len,
			   struct vdso_scan *s, struct err *e)
{
	int rc = -1, saw_dynsym = 0;
	uint64_t link_base = 0;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return err_set(e, "libelf: %s", elf_errmsg(-1));
	Elf *elf = elf_memory(image, len);
	if (!elf)
		return err_set(e, "vDSO is not ELF: %s", elf_errmsg(-1));
	/* A 32-bit (ia32/x32) vDSO has other syscall numbers and calling
	 * conventions; the stubs below are for x86-64 only. */
	GElf_Ehdr eh;
	if (!gelf_getehdr(elf, &eh) || gelf_getclass(elf) != ELFCLASS64 ||
	    eh.e_machine != EM_X86_64) {
		err_set(e, "vDSO is not an x86-64 ELF");
		goto out;
	}
	if (vdso_link_base(elf, &link_base, e) < 0)
		goto out;
	for (Elf_Scn *scn = elf_nextscn(elf, NULL); scn;
	     scn = elf_nextscn(elf, scn)) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNSYM)
			continue;
		saw_dynsym = 1;
		if (vdso_scan_symtab(elf, scn, &sh, base, len, link_base, s,
				     e) < 0)
			goto out;
	}
	if (!saw_dynsym)
		err_set(e, "vDSO has no .dynsym section");
	else if (s->n == 0)
		err_set(e, "vDSO exports none of the time functions");
	else
		rc = 0;
out:
	elf_end(elf);
	return rc;
}

/* The stub's bytes for a target; returns the offset of its `syscall`
 * instruction, or -1 when the stub has none. */
static int vdso_stub(const struct vdso_target *t, uint8_t stub[VDSO_STUB_LEN])
{
	if (t->nr >= 0) {
		/* mov eax, nr (zero-extends into rax); syscall; ret */
		uint32_t nr = (uint32_t)t->nr;
		stub[0] = 0xb8;
		memcpy(stub + 1, &nr, 4);
		stub[5] = 0x0f;
		stub[6] = 0x05;
		stub[7] = 0xc3;
		return 5;
	}
	/* mov rax, -ENOSYS (imm32 sign-extended); ret */
	int32_t v = -ENOSYS;
	stub[0] = 0x48;
	stub[1] = 0xc7;
	stub[2] = 0xc0;
	memcpy(stub + 3, &v, 4);
	stub[7] = 0xc3;
	return -1;
}

int vdso_patch(int memfd, uint64_t base, uint64_t len, uint64_t *gadget,
	       struct err *e)
{
	struct vdso_scan s = { .n = 0 };
	uint64_t syscall_at = 0;
	if (len == 0 || len > (64u << 20))
		return err_set(e, "implausible vDSO size %" PRIu64, len);
	char *image = malloc(len);
	if (!image)
		return err_set(e, "out of memory for vDSO copy");
	int rc = tracee_read(memfd, base, image, len, e);
	if (rc == 0)
		rc = vdso_scan_image(image, base, len, &s, e);
	free(image);
	if (rc < 0)
		return err_wrap(e, "patch vDSO");
	for (size_t i = 0; i < s.n; i++) {
		uint8_t stub[VDSO_STUB_LEN];
		int at = vdso_stub(&vdso_targets[s.sites[i].target], stub);
		if (tracee_write(memfd, s.sites[i].addr, stub, sizeof stub,
			       e) < 0)
			return err_wrap(e, "patch %s",
					vdso_targets[s.sites[i].target].name);
		if (at >= 0 && !syscall_at)
			syscall_at = s.sites[i].addr + (uint64_t)at;
	}
	if (!syscall_at)
		return err_set(e, "patch vDSO: no syscall stub written");
	if (gadget)
		*gadget = syscall_at;
	return 0;
}

int vdso_find(pid_t tid, uint64_t *base, uint64_t *len, struct err *e)
{
	char path[64], *line = NULL;
	size_t cap = 0;
	int rc = -1;
	snprintf(path, sizeof path, "/proc/%d/maps", (int)tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return err_sys(e, "open %s", path);
	while (getline(&line, &cap, f) > 0) {
		uint64_t lo, hi;
		char name[32] = "";
		/* "lo-hi perms offset dev inode [name]" */
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %*s %*s %*s %*s %31s",
			   &lo, &hi, name) < 2 || strcmp(name, "[vdso]"))
			continue;
		*base = lo;
		*len = hi - lo;
		rc = 0;
		break;
	}
	if (rc < 0)
		err_set(e, "no [vdso] mapping in %s", path);
	free(line);
	fclose(f);
	return rc;
}
