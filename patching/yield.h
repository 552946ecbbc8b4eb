/* Yield sites: where the chaos scheduler may switch threads inside user
 * code, at a place the replay finds again by counting.
 *
 * Every instruction of the executable's .text (and of a shared library's,
 * outside the system's library directories) that reads or writes memory
 * other than the stack (a global, a heap object through a pointer, an
 * atomic read-modify-write), every direct call out of .text (into the
 * PLT: lock, unlock, wait and wake enter libc there) and the instruction
 * such a call returns to is a site: its bytes
 * become a jmp to a stub in a region mapped just below the file. The
 * stub decrements one counter per process (at YIELD_COUNTER, the same for
 * the stubs of every image), and when it reaches zero stops
 * the thread with int3, before the site's instruction runs; otherwise it
 * runs the displaced instructions (relocated, patching/reloc.h) and jumps
 * back. Only one thread of the recorded tree runs at a time, so a process's
 * counter counts the running thread's site executions: the tracer arms it
 * with "stop at the K-th" before resuming a thread, and the replay arms it
 * with the same K, which lands on the same execution of the same
 * instruction, between a load and its store if that is where it was.
 *
 * A stub keeps the one register it needs (rcx) below the stack's red zone
 * (rsp is moved down 256 bytes first, so a signal frame cannot land on
 * it), and changes no flags (lea and jrcxz). Nothing else of the program's
 * memory is touched. Sites are installed right after each exec, and after
 * the mmap that maps a library's code, the same way at record and at
 * replay (the trace holds a digest to check that). */
#ifndef HEISEN_YIELD_H
#define HEISEN_YIELD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "core/err.h"
#include "core/point.h"

#define YIELD_MAX_SITES 20000
/* bytes of code: a larger executable (an interpreter: python3 has 2.8 MiB)
 * gets none, as it gets no planned points (recorder/planned.c) */
#define YIELD_MAX_CODE (1u << 20)
/* The process's counter, by an absolute 32-bit address (every image's
 * stubs reach it, wherever the image is): the last page below 2 GiB, where
 * nothing is mapped unless a program asks for it there. */
#define YIELD_COUNTER 0x7ffff000ull
/* The counter when nothing is armed: far from zero either way. */
#define YIELD_IDLE (1ull << 62)
#define YIELD_ORIG_MAX 128 /* bytes displaced per site, at most */
#define YIELD_MAP_MAX 18  /* map entries per site */

/* Which executable, mapped where: the same key builds the same image. */
struct yield_key {
	uint64_t dev, ino, size, mtime_ns, base;
};

struct yield_image {
	struct yield_key key;
	uint64_t region, region_len; /* the stubs' mapping (0: none installed) */
	size_t n;
	uint64_t *site;              /* site addresses, ascending */
	uint64_t *trap;              /* where a stopped thread stands: after int3 */
	uint64_t *stub, *reloc, *hit; /* each site's stub: its start, its
					 relocated copy, its stopping path */
	uint64_t digest;             /* of the region's bytes and the patches */
	uint64_t skipped;            /* candidate sites that could not be patched */
	/* per site: the original bytes (plen of them), and where each
	 * relocated instruction's copy starts (YIELD_MAP_MAX, at 0: unused) */
	uint8_t *orig;
	struct yield_map {
		uint64_t at, orig;
		int64_t rsp_adj;
	} *map;
	struct yield_access {        /* per site: the memory it touches */
		struct mem_operand op;
		uint8_t known, writes;
	} *access;
	uint8_t *code;               /* the region's bytes, code_len of them */
	size_t code_len;
	uint8_t *patches, *plen;     /* each site's new bytes */
};

/* The key of the file mapped at addr in tid, or -1. */
int yield_key_of(pid_t tid, uint64_t addr, struct yield_key *k);
/* Find the sites of the file mapped at addr in tid (its executable or a
 * library) and build their stubs for a region at `at`, or (at 0) at a free
 * place below the file (nothing is written to tid). A file without sites
 * (or too large, or not ELF, or with no room for the stubs) leaves
 * im->region 0 and returns 0. */
int yield_build(struct yield_image *im, pid_t tid, uint64_t addr, uint64_t at,
		struct err *e);
/* Map the counter page in tid (before its first image), idle. tid is in a
 * stop from which it returns to user mode (a syscall-exit stop): gadget is
 * a `syscall` instruction in it, for the injected mmap. */
int yield_map_counter(pid_t tid, uint64_t gadget, struct err *e);
/* Install a built image in tid, stopped as for yield_map_counter; memfd is
 * its /proc/PID/mem. */
int yield_apply(const struct yield_image *im, pid_t tid, int memfd, uint64_t gadget,
		struct err *e);
/* The site whose stub stops at trap address rip, or -1. */
long yield_trap_site(const struct yield_image *im, uint64_t rip);
/* The address site k's instruction touches with registers r (the
 * program's, at the site), and whether it writes it. -1: it touches none
 * (a call). */
int yield_site_access(const struct yield_image *im, long k, const struct user_regs_struct *r,
		      uint64_t *addr, int *writes);
/* Whether a site starts at addr (its bytes there are the patch's jmp). */
int yield_is_site(const struct yield_image *im, uint64_t addr);
/* Whether rip is inside a stub's bookkeeping (before its relocated copy, or
 * on its stopping path), where a thread must not be left: rcx and rsp are
 * the stub's there. */
int yield_in_bookkeeping(const struct yield_image *im, uint64_t rip);
/* For a tracer stepping a thread out of a stub: make the stub not stop.
 * At its jrcxz with the count at zero, rcx (the stub's scratch) becomes 1
 * so that it falls through; on its stopping path, the thread is put where
 * the stop would resume it, at the relocated instructions with its own rcx
 * and rsp (rcx read back from tid's stack). Returns 1 if r was changed. */
int yield_skip_stop(const struct yield_image *im, pid_t tid, struct user_regs_struct *r);
/* What a debugger should see (gdbstub): registers r of a thread stopped in
 * a stub become those it would have at the original instruction (rip; rsp
 * and rcx inside the bookkeeping, rcx read back from tid's stack). Returns
 * 1 if r was in a stub. */
int yield_program_view(const struct yield_image *im, pid_t tid, struct user_regs_struct *r);
/* Where a debugger's breakpoint at program address addr must go: addr
 * itself, or for an instruction a site's patch displaced (whose bytes are
 * now the jmp's, never executed there), its relocated copy; 0 if addr is
 * inside a displaced instruction (no place would be hit). */
uint64_t yield_breakpoint_address(const struct yield_image *im, uint64_t addr);
/* The program's own bytes where sites were patched, over buf (memory
 * [addr, addr + len) as read). */
void yield_original_bytes(const struct yield_image *im, uint64_t addr, uint8_t *buf,
			  size_t len);
/* Arm tid's process's counter: the K-th site execution from now, in any
 * image, stops (K >= 1); or YIELD_IDLE. */
int yield_arm(pid_t tid, uint64_t k, struct err *e);
/* The counter's value now. */
int yield_read(pid_t tid, uint64_t *v, struct err *e);
void yield_image_free(struct yield_image *im);

#endif
