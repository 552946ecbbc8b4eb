#define _GNU_SOURCE
#include "patching/exe_code.h"

#include <fcntl.h>
#include <elf.h>
#include <gelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One line of /proc/TID/maps (path "" for an anonymous mapping). */
struct map_line {
	uint64_t start, end, offset;
	char perms[8];
	char path[PATH_MAX];
};

/* Call fn for each mapping of tid, in address order, until it returns
 * nonzero: 1 then, 0 at the end, -1 if the maps cannot be read. */
static int each_mapping(pid_t tid, int (*fn)(const struct map_line *, void *), void *ctx)
{
	char maps[64], line[PATH_MAX + 128];
	snprintf(maps, sizeof maps, "/proc/%d/maps", tid);
	FILE *f = fopen(maps, "re");
	if (!f)
		return -1;
	int stopped = 0;
	struct map_line m;
	while (!stopped && fgets(line, sizeof line, f)) {
		unsigned long long start, end, off;
		if (sscanf(line, "%llx-%llx %7s %llx", &start, &end, m.perms, &off) != 4)
			continue;
		char *p = strchr(line, '/');
		if (p)
			p[strcspn(p, "\n")] = 0;
		m.start = start;
		m.end = end;
		m.offset = off;
		snprintf(m.path, sizeof m.path, "%s", p ? p : "");
		stopped = fn(&m, ctx);
	}
	fclose(f);
	return stopped;
}

struct file_match {
	int (*match)(const struct map_line *, const void *);
	const void *ctx;
	struct map_line *out;
};

static int try_file(const struct map_line *m, void *ctx)
{
	struct file_match *fm = ctx;
	if (!m->path[0] || !fm->match(m, fm->ctx))
		return 0;
	*fm->out = *m;
	return 1;
}

/* The first file mapping of tid for which match() says yes. */
static int find_mapping(pid_t tid, int (*match)(const struct map_line *, const void *),
			const void *ctx, struct map_line *out)
{
	struct file_match fm = {match, ctx, out};
	return each_mapping(tid, try_file, &fm) == 1 ? 0 : -1;
}

struct want_file {
	const char *want;
	int exact;
};

static int is_file_start(const struct map_line *m, const void *ctx)
{
	const struct want_file *w = ctx;
	return m->offset == 0 && (w->exact ? !strcmp(m->path, w->want) : !!strstr(m->path, w->want));
}

static int holds(const struct map_line *m, const void *ctx)
{
	uint64_t addr = *(const uint64_t *)ctx;
	return m->start <= addr && addr < m->end;
}

int exe_find_mapped(pid_t tid, const char *want, int exact, char *path, size_t len,
		    uint64_t *base)
{
	struct want_file w = {want, exact};
	struct map_line m;
	if (find_mapping(tid, is_file_start, &w, &m) < 0)
		return -1;
	/* opened through the mapping itself: the path may not exist
	 * where heisen runs (the replay's bind mounts are the
	 * program's, in its own mount namespace) */
	snprintf(path, len, "/proc/%d/map_files/%llx-%llx", tid, (unsigned long long)m.start,
		 (unsigned long long)m.end);
	*base = m.start;
	return 0;
}

/* The program's entry point, from the kernel's auxiliary vector. */
static uint64_t entry_point(pid_t tid)
{
	char path[64];
	uint64_t av[2], entry = 0;
	snprintf(path, sizeof path, "/proc/%d/auxv", tid);
	FILE *f = fopen(path, "re");
	while (f && fread(av, sizeof av, 1, f) == 1 && av[0] != AT_NULL)
		if (av[0] == AT_ENTRY)
			entry = av[1];
	if (f)
		fclose(f);
	return entry;
}

int exe_find_at(pid_t tid, uint64_t addr, char *path, size_t len, uint64_t *base,
		char *name, size_t name_len)
{
	struct map_line m;
	if (find_mapping(tid, holds, &addr, &m) < 0)
		return -1;
	if (name)
		snprintf(name, name_len, "%s", m.path);
	return exe_find_mapped(tid, m.path, 1, path, len, base);
}

int exe_find(pid_t tid, char *path, size_t len, uint64_t *base)
{
	/* By the entry point, not /proc/TID/exe: at replay the file mapped
	 * may be the trace's copy of one that is gone (a program the
	 * recording built and deleted). */
	uint64_t entry = entry_point(tid);
	return entry ? exe_find_at(tid, entry, path, len, base, NULL, 0) : -1;
}

struct code_files {
	pid_t tid;
	exe_file_fn *fn;
	void *ctx;
	char last[PATH_MAX];
};

static int code_file(const struct map_line *m, void *ctx)
{
	struct code_files *c = ctx;
	char path[PATH_MAX];
	uint64_t base;
	/* (one file's code in several mappings: once) */
	if (!m->path[0] || m->perms[2] != 'x' || !strcmp(m->path, c->last))
		return 0;
	snprintf(c->last, sizeof c->last, "%s", m->path);
	if (exe_find_mapped(c->tid, m->path, 1, path, sizeof path, &base) == 0)
		c->fn(c->ctx, path, m->path, base);
	return 0;
}

int exe_code_files(pid_t tid, exe_file_fn *fn, void *ctx)
{
	struct code_files c = {tid, fn, ctx, ""};
	return each_mapping(tid, code_file, &c) < 0 ? -1 : 0;
}

struct gap_search {
	uint64_t below, len, lowest;
	uint64_t prev_end, best;
	int found;
};

#define GUARD 4096ull /* a free page on either side */

/* The mappings ascend: the best gap is the last one that fits. */
static int gap_before(const struct map_line *m, void *ctx)
{
	struct gap_search *g = ctx;
	uint64_t hi = m->start < g->below ? m->start : g->below;
	if (hi >= g->prev_end + 2 * GUARD + g->len) {
		uint64_t at = (hi - GUARD - g->len) & ~(GUARD - 1);
		if (at >= g->prev_end + GUARD && at >= g->lowest) {
			g->best = at;
			g->found = 1;
		}
	}
	g->prev_end = m->end;
	return m->start >= g->below;
}

int exe_free_below(pid_t tid, uint64_t below, uint64_t len, uint64_t lowest, uint64_t *out)
{
	struct gap_search g = {below, len, lowest, GUARD, 0, 0};
	if (each_mapping(tid, gap_before, &g) < 0)
		return -1;
	*out = g.best;
	return g.found ? 0 : -1;
}

static Elf *open_elf(const char *path, int *fd, uint64_t *bias)
{
	GElf_Ehdr eh;
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return NULL;
	elf_version(EV_CURRENT);
	Elf *elf = elf_begin(*fd, ELF_C_READ, NULL);
	if (!elf || !gelf_getehdr(elf, &eh)) {
		if (elf)
			elf_end(elf);
		close(*fd);
		return NULL;
	}
	if (eh.e_type != ET_DYN)
		*bias = 0; /* linked at its addresses */
	return elf;
}

int exe_code_sections(const char *path, uint64_t bias, size_t max_code,
		      exe_section_fn *fn, void *ctx)
{
	int fd;
	Elf *elf = open_elf(path, &fd, &bias);
	size_t ndx;
	if (!elf)
		return -1;
	int big = 0;
	if (elf_getshdrstrndx(elf, &ndx) < 0)
		ndx = 0;
	for (int pass = 0; pass < 2 && !big; pass++) {
		/* pass 0 sizes the code, pass 1 hands it out */
		size_t total = 0;
		Elf_Scn *scn = NULL;
		while ((scn = elf_nextscn(elf, scn))) {
			GElf_Shdr sh;
			Elf_Data *data;
			if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
			    !(sh.sh_flags & SHF_EXECINSTR))
				continue;
			total += sh.sh_size;
			if (pass == 1 && (data = elf_getdata(scn, NULL)) && data->d_buf) {
				const char *name = ndx ? elf_strptr(elf, ndx, sh.sh_name) : NULL;
				struct exe_section sec = {name ? name : "", data->d_buf,
							  data->d_size, bias + sh.sh_addr};
				fn(ctx, &sec);
			}
		}
		big = total > max_code;
	}
	elf_end(elf);
	close(fd);
	return big;
}

static int cmp_start(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;
	return x[0] < y[0] ? -1 : x[0] > y[0];
}

int exe_functions(const char *path, uint64_t bias, struct exe_funcs *out)
{
	int fd;
	memset(out, 0, sizeof *out);
	Elf *elf = open_elf(path, &fd, &bias);
	if (!elf)
		return -1;
	uint64_t *pairs = NULL;
	size_t n = 0, cap = 0;
	Elf_Scn *scn = NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
			continue;
		Elf_Data *data = elf_getdata(scn, NULL);
		for (size_t i = 0; data && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			if (!gelf_getsym(data, (int)i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
			    !sym.st_value || !sym.st_size)
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 256;
				uint64_t *p = realloc(pairs, cap * 2 * sizeof *p);
				if (!p)
					break;
				pairs = p;
			}
			pairs[2 * n] = bias + sym.st_value;
			pairs[2 * n + 1] = sym.st_size;
			n++;
		}
	}
	elf_end(elf);
	close(fd);
	if (n)
		qsort(pairs, n, 2 * sizeof *pairs, cmp_start);
	out->start = malloc((n ? n : 1) * sizeof *out->start);
	out->size = malloc((n ? n : 1) * sizeof *out->size);
	if (!out->start || !out->size) {
		free(pairs);
		exe_funcs_free(out);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		out->start[i] = pairs[2 * i];
		out->size[i] = pairs[2 * i + 1];
	}
	out->n = n;
	free(pairs);
	return 0;
}

void exe_funcs_free(struct exe_funcs *f)
{
	free(f->start);
	free(f->size);
	memset(f, 0, sizeof *f);
}
