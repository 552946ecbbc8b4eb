/* The program's own executable in a tracee: where it is mapped, and its
 * code sections as the file has them. Used by the chaos scheduler's planned
 * points (recorder/planned.c) and by the yield sites (patching/yield.c). */
#ifndef HEISEN_EXE_CODE_H
#define HEISEN_EXE_CODE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* From tid's maps: the first file mapped from its offset 0 whose path is
 * `want` (exact) or contains it: a path to open it by (through
 * /proc/TID/map_files), and the address of its offset 0. */
int exe_find_mapped(pid_t tid, const char *want, int exact, char *path, size_t len,
		    uint64_t *base);
/* The file mapped at addr in tid: a path to open it by, the address of its
 * offset 0, and (name, if not NULL) its path as the maps show it. */
int exe_find_at(pid_t tid, uint64_t addr, char *path, size_t len, uint64_t *base,
		char *name, size_t name_len);
/* tid's executable (the file holding its entry point, as the kernel's
 * auxiliary vector gives it): its path and the address of offset 0. */
int exe_find(pid_t tid, char *path, size_t len, uint64_t *base);
/* Call fn for each file with code mapped in tid, in address order: a path
 * to open it by, its path as the maps show it, the address of its offset
 * 0. */
typedef void exe_file_fn(void *ctx, const char *path, const char *name, uint64_t base);
int exe_code_files(pid_t tid, exe_file_fn *fn, void *ctx);
/* The highest page-aligned address at which len bytes, with a free page on
 * either side, fit in tid's address space below `below` and at or above
 * `lowest`. -1: none. */
int exe_free_below(pid_t tid, uint64_t below, uint64_t len, uint64_t lowest, uint64_t *out);

/* One code section of an ELF file, at its run-time address. */
struct exe_section {
	const char *name;
	const uint8_t *code;
	size_t len;
	uint64_t addr; /* with the load bias of a position-independent file */
};
typedef void exe_section_fn(void *ctx, const struct exe_section *sec);
/* Call fn for each executable PROGBITS section of the ELF file at path,
 * bias added to the addresses of a position-independent one. Returns 0, -1
 * (not readable or not ELF), or 1 without calling fn when the sections hold
 * more than max_code bytes. */
int exe_code_sections(const char *path, uint64_t bias, size_t max_code,
		      exe_section_fn *fn, void *ctx);

/* The function symbols of the file (.symtab), at run-time addresses, sorted
 * by address: starts[i] with sizes[i]. n 0 when the file is stripped. */
struct exe_funcs {
	uint64_t *start, *size;
	size_t n;
};
int exe_functions(const char *path, uint64_t bias, struct exe_funcs *out);
void exe_funcs_free(struct exe_funcs *f);

#endif
