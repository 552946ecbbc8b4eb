/* An execution point's identity beyond its registers: the memory that the
 * instruction at rip reads. In a loop whose progress lives only in memory
 * (a volatile counter), every register can be equal at every iteration;
 * the value the instruction is about to read tells the iterations apart. */
#ifndef HEISEN_POINT_H
#define HEISEN_POINT_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "err.h"

#define POINT_MAX_MEM 2

struct point_mem {
	int n;
	struct {
		uint64_t addr;
		uint8_t len; /* at most 8 */
		uint8_t bytes[8];
	} op[POINT_MAX_MEM];
};

/* Decode the instruction at r->rip in tid and read the memory operands it
 * reads (their first 8 bytes at most). An instruction that cannot be
 * decoded or read yields n = 0: registers alone then identify the point. */
void point_mem_capture(pid_t tid, const struct user_regs_struct *r,
		       struct point_mem *out);
/* What the recorder needs to know of the instruction at a candidate point. */
struct insn_info {
	int ok;          /* decoded */
	int len;
	int reads_mem;   /* has a memory operand it reads */
	int rep_string;  /* rep-prefixed string instruction: may stop midway */
	int traps;       /* syscall, int, ud2, rdtsc, cpuid...: never step it */
};
void point_insn_info(pid_t tid, uint64_t rip, struct insn_info *ii);

/* A memory operand, as decoded once (capstone's x86_reg numbers) so that
 * its address can be had from the registers alone, many times over. */
struct mem_operand {
	int base, index, segment, scale;
	int64_t disp;
	uint64_t next_rip; /* the instruction's end, for rip-relative ones */
};
void point_mem_operand(const void *cs_x86_op_ptr, uint64_t next_rip, struct mem_operand *m);
uint64_t point_operand_addr(const struct user_regs_struct *r, const struct mem_operand *m);

/* Does tid's memory now hold what `want` recorded? */
int point_mem_matches(pid_t tid, const struct point_mem *want);

#endif
