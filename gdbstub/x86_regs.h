/* The x86-64 GNU/Linux register view served to gdb: the target description
 * (qXfer:features:read) and the byte layout of the 'g' and 'p' packets.
 * Register numbers are gdb's remote numbers, fixed by the description:
 *   0-15 rax rbx rcx rdx rsi rdi rbp rsp r8-r15, 16 rip, 17 eflags,
 *   18-23 cs ss ds es fs gs, 24-31 st0-st7, 32-39 fctrl fstat ftag fiseg
 *   fioff foseg fooff fop, 40-55 xmm0-15, 56 mxcsr, 57 orig_rax,
 *   58 fs_base, 59 gs_base. */
#ifndef HEISEN_GDBSTUB_X86_REGS_H
#define HEISEN_GDBSTUB_X86_REGS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

#define X86_G_SIZE 560
#define X86_NREGS 60

/* The first and last regnum that come from the FXSAVE image (st0..mxcsr). */
#define X86_FIRST_FP_REG 24
#define X86_LAST_FP_REG 56

struct x86_regs_in {
	struct user_regs_struct gpr;
	struct user_fpregs_struct fpr; /* PTRACE_GETFPREGS: the FXSAVE image */
	int have_fpr;
};

/* The document for a qXfer:features:read:<annex> request ("target.xml" or
 * one of the feature files it includes) and its length; NULL for an
 * unknown annex. The text is static: never freed. */
const char *tdesc_xml(const char *annex, size_t *len);

/* The whole 'g' buffer. Registers that are not available (fpr missing)
 * are marked in unavail[] (one flag per regnum; their bytes are zero) so
 * the stub can send "xx" for them. */
void x86_regs_to_g(const struct x86_regs_in *in, uint8_t out[X86_G_SIZE],
		   uint8_t unavail[X86_NREGS]);

/* One register (for the 'p' packet): its bytes into out (at least 16
 * bytes), its size and whether it is available. -1 for a regnum outside
 * 0..59. */
int x86_reg_read(const struct x86_regs_in *in, int regnum, uint8_t *out,
		 size_t *size, int *available);

/* Offset and size of a regnum inside the g buffer; -1 outside 0..59. */
int x86_reg_slot(int regnum, size_t *offset, size_t *size);

/* The full 16-bit i387 tag word (2 bits per physical register: 0 valid,
 * 1 zero, 2 special, 3 empty) that gdb wants, from FXSAVE's abridged tag
 * byte, the status word (for TOP) and st_space (in stack order). */
uint16_t x86_full_ftag(const struct user_fpregs_struct *fpr);

#endif
