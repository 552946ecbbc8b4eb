/* Turning an address in a tracee into "func+0x12 (file.c:34)" for
 * divergence reports: /proc/tid/maps finds the mapped file, libelf its
 * symbol, and addr2line (binutils) the source line when debug info exists. */
#define _GNU_SOURCE
#include "ptrace_util.h"
#include "tsc.h"

#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct mapping {
	uint64_t start, end, offset;
	char path[512];
};

static int find_mapping(pid_t tid, uint64_t addr, struct mapping *m)
{
	char path[64], line[1024];
	snprintf(path, sizeof path, "/proc/%d/maps", tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	int found = -1;
	while (found < 0 && fgets(line, sizeof line, f)) {
		unsigned long long s, en, off;
		char perms[8];
		int n = 0;
		if (sscanf(line, "%llx-%llx %7s %llx %*s %*s %n", &s, &en, perms,
			   &off, &n) < 4)
			continue;
		if (addr < s || addr >= en)
			continue;
		m->start = s;
		m->end = en;
		m->offset = off;
		snprintf(m->path, sizeof m->path, "%s", line + n);
		m->path[strcspn(m->path, "\n")] = 0;
		found = 0;
	}
	fclose(f);
	return found;
}

/* File offset -> ELF virtual address, and the nearest symbol below it. */
static int elf_lookup(const char *file, uint64_t off, uint64_t *vaddr,
		      char *sym, size_t symlen, uint64_t *symoff)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	elf_version(EV_CURRENT);
	Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
	size_t nph = 0;
	int rc = -1;
	if (!elf || elf_getphdrnum(elf, &nph) != 0)
		goto out;
	for (size_t i = 0; i < nph; i++) {
		GElf_Phdr ph;
		if (gelf_getphdr(elf, (int)i, &ph) && ph.p_type == PT_LOAD &&
		    off >= ph.p_offset && off < ph.p_offset + ph.p_filesz) {
			*vaddr = off - ph.p_offset + ph.p_vaddr;
			rc = 0;
		}
	}
	if (rc < 0)
		goto out;
	Elf_Scn *scn = NULL;
	uint64_t best = 0;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) ||
		    (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM))
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
		for (size_t i = 0; d && i < n; i++) {
			GElf_Sym s;
			/* code, or a variable (a lock) that holds the address */
			if (!gelf_getsym(d, (int)i, &s) || !s.st_value ||
			    (GELF_ST_TYPE(s.st_info) != STT_FUNC &&
			     GELF_ST_TYPE(s.st_info) != STT_OBJECT))
				continue;
			int func = GELF_ST_TYPE(s.st_info) == STT_FUNC;
			if (s.st_value <= *vaddr && s.st_value >= best &&
			    (*vaddr < s.st_value + s.st_size || (func && !s.st_size))) {
				const char *name = elf_strptr(elf, sh.sh_link, s.st_name);
				if (!name)
					continue;
				best = s.st_value;
				snprintf(sym, symlen, "%s", name);
				*symoff = *vaddr - s.st_value;
			}
		}
	}
out:
	if (elf)
		elf_end(elf);
	close(fd);
	return rc;
}

/* addr2line run directly (no shell: the path may hold any character),
 * its answer read from a pipe. */
static void source_line(const char *file, uint64_t vaddr, char *out, size_t len)
{
	char addr[32];
	int fds[2];
	out[0] = 0;
	if (access("/usr/bin/addr2line", X_OK) != 0 || pipe2(fds, O_CLOEXEC) < 0)
		return;
	snprintf(addr, sizeof addr, "0x%" PRIx64, vaddr);
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(fds[1], 1);
		if (null >= 0)
			dup2(null, 2);
		tsc_allow_self();
		execl("/usr/bin/addr2line", "addr2line", "-e", file, addr, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	ssize_t n = pid > 0 ? read(fds[0], out, len - 1) : -1;
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	out[n > 0 ? n : 0] = 0;
	out[strcspn(out, "\n")] = 0;
	if (strncmp(out, "??", 2) == 0)
		out[0] = 0;
}

void describe_addr(pid_t tid, uint64_t addr, char *out, size_t outlen)
{
	struct mapping m;
	if (find_mapping(tid, addr, &m) < 0) {
		snprintf(out, outlen, "0x%" PRIx64 " (unmapped)", addr);
		return;
	}
	if (m.path[0] != '/') {
		snprintf(out, outlen, "0x%" PRIx64 " in %s", addr,
			 m.path[0] ? m.path : "anonymous memory");
		return;
	}
	uint64_t vaddr = 0, symoff = 0;
	char sym[256] = "", line[512];
	if (elf_lookup(m.path, addr - m.start + m.offset, &vaddr, sym,
		       sizeof sym, &symoff) < 0) {
		snprintf(out, outlen, "0x%" PRIx64 " in %s", addr, m.path);
		return;
	}
	source_line(m.path, vaddr, line, sizeof line);
	snprintf(out, outlen, "0x%" PRIx64 " in %s+0x%" PRIx64 " (%s%s%s)", addr,
		 sym[0] ? sym : "??", symoff, line[0] ? line : m.path,
		 line[0] ? ", " : "", line[0] ? m.path : "");
}
