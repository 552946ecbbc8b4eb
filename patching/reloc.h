/* Moving machine code: decode the instructions at an address until a
 * 5-byte jmp fits, and write copies of them that behave the same from
 * another address (rip-relative operands and relative branches re-aimed,
 * a call turned into a push of its original return address and a jmp).
 * Used by everything that patches code in the tracee: the replay's point
 * finder (replayer/fastpoint.c) and the chaos scheduler's yield sites
 * (patching/yield.c). */
#ifndef HEISEN_RELOC_H
#define HEISEN_RELOC_H

#include <capstone/capstone.h>
#include <stddef.h>
#include <stdint.h>

#define RELOC_JMP_LEN 5
#define RELOC_MAX_DISPLACED 8 /* instructions */

enum ikind { I_PLAIN, I_RIPREL, I_JCC, I_JMP, I_CALL_REL, I_CALL_IND };

/* One displaced instruction. */
struct dinsn {
	uint64_t addr;
	uint8_t len;
	uint8_t bytes[16];
	enum ikind kind;
	int riprel;          /* has a rip-relative memory operand */
	uint8_t disp_off;    /* where its disp32 is */
	uint8_t modrm_off;   /* I_CALL_IND: where the ModRM byte is */
	uint8_t cc;          /* I_JCC: condition code */
	uint64_t mem_target; /* riprel: absolute address of the operand */
	uint64_t br_target;  /* I_JCC/I_JMP/I_CALL_REL: absolute target */
};

struct reloc_plan {
	uint64_t start, end; /* displaced range [start, end) */
	int n;
	struct dinsn ins[RELOC_MAX_DISPLACED];
	uint8_t orig[RELOC_MAX_DISPLACED * 16];
};

/* Emitted code: bytes for address `base`, at most `limit` of them. */
struct code {
	uint8_t *b;
	size_t n, limit;
	uint64_t base;
	int bad; /* overflow or rel32 out of reach */
};

uint64_t code_here(const struct code *c);
void code_put(struct code *c, const void *p, size_t len);
void code_put1(struct code *c, uint8_t v);
void code_put32(struct code *c, int32_t v);
/* to - end as a rel32 (c->bad if out of reach). */
int32_t code_rel32(struct code *c, uint64_t end, uint64_t to);
/* op bytes, then disp32 to `target` from the end of the instruction, which
 * has `trail` more bytes (an immediate) after the displacement. */
void code_put_riprel(struct code *c, const uint8_t *op, size_t oplen,
		     uint64_t target, size_t trail);
void code_put_jmp(struct code *c, uint64_t to);

/* printf into buf; returns 1 (the "cannot" verdict of the functions below). */
int reloc_why(char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Fill d from a capstone instruction decoded with details on by h. Returns
 * 0, or 1 (with why) when it cannot be relocated. *falls: execution can
 * continue with the next instruction; *is_call: it pushes a return address. */
int reloc_classify(csh h, const cs_insn *in, struct dinsn *d, int *falls,
		   int *is_call, char *wb, size_t wl);
/* Decode from rip until at least RELOC_JMP_LEN bytes are covered. code
 * holds the bytes from `base` (rip is inside). Returns 0, 1 (unsafe, why set). */
int reloc_decode(csh h, struct reloc_plan *p, const uint8_t *code, uint64_t base,
		 size_t size, uint64_t rip, char *wb, size_t wl);
/* Target of a relative jump/call, read from its bytes (works with details
 * off). 0 if in is not a relative branch. */
int reloc_rel_target(const cs_insn *in, uint64_t *tgt);

/* Where each copied instruction starts: map(ctx, copy address, original
 * address, rsp adjustment to undo) for a stop inside the copy. */
typedef void reloc_map_fn(void *ctx, uint64_t at, uint64_t orig, int64_t rsp_adj);
/* The relocated copy of one displaced instruction. A call pushes the
 * 8 bytes at ret_slot (which must hold its original return address). */
void reloc_put(struct code *c, const struct dinsn *d, uint64_t ret_slot,
	       reloc_map_fn *map, void *ctx);

#endif
