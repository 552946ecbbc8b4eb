/* The 'g' packet layout of x86-64 GNU/Linux, filled from ptrace's register
 * sets. gdb lays out the g buffer by remote register number, each register
 * at its description's size, so the layout below must follow the order and
 * bit sizes in x86_tdesc.c. */
#include "gdbstub/x86_regs.h"

#include <stddef.h>
#include <string.h>

/* Runs of consecutive register numbers of the same size, in g order. */
static const struct {
	int first, count;
	size_t size;
} groups[] = {
	{ 0, 17, 8 },  /* rax..r15, rip */
	{ 17, 7, 4 },  /* eflags, cs ss ds es fs gs */
	{ 24, 8, 10 }, /* st0..st7 */
	{ 32, 8, 4 },  /* fctrl fstat ftag fiseg fioff foseg fooff fop */
	{ 40, 16, 16 }, /* xmm0..xmm15 */
	{ 56, 1, 4 },  /* mxcsr */
	{ 57, 3, 8 },  /* orig_rax, fs_base, gs_base */
};

int x86_reg_slot(int regnum, size_t *offset, size_t *size)
{
	size_t off = 0;
	for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++) {
		if (regnum >= groups[i].first &&
		    regnum < groups[i].first + groups[i].count) {
			*offset = off + (size_t)(regnum - groups[i].first) *
						groups[i].size;
			*size = groups[i].size;
			return 0;
		}
		off += (size_t)groups[i].count * groups[i].size;
	}
	return -1;
}

/* Where each register that comes from user_regs_struct lives there: its
 * field order is the kernel's pt_regs order, not gdb's. */
#define GPR(f) offsetof(struct user_regs_struct, f)
static const size_t gpr_field[X86_NREGS] = {
	[0] = GPR(rax), [1] = GPR(rbx), [2] = GPR(rcx), [3] = GPR(rdx),
	[4] = GPR(rsi), [5] = GPR(rdi), [6] = GPR(rbp), [7] = GPR(rsp),
	[8] = GPR(r8), [9] = GPR(r9), [10] = GPR(r10), [11] = GPR(r11),
	[12] = GPR(r12), [13] = GPR(r13), [14] = GPR(r14), [15] = GPR(r15),
	[16] = GPR(rip), [17] = GPR(eflags),
	[18] = GPR(cs), [19] = GPR(ss), [20] = GPR(ds), [21] = GPR(es),
	[22] = GPR(fs), [23] = GPR(gs),
	[57] = GPR(orig_rax), [58] = GPR(fs_base), [59] = GPR(gs_base),
};
#undef GPR

static int is_fp_reg(int regnum)
{
	return regnum >= X86_FIRST_FP_REG && regnum <= X86_LAST_FP_REG;
}

/* The low `size` bytes of v, little-endian (gdb's byte order for x86).
 * Truncation is what gdb expects for the segment registers (64-bit in
 * ptrace, 32-bit in g) and keeps orig_rax's sign as two's complement. */
static void put_le(uint8_t *dst, uint64_t v, size_t size)
{
	for (size_t i = 0; i < size; i++)
		dst[i] = (uint8_t)(v >> (8 * i));
}

/* Classify one 80-bit value the way the full tag word does: 0 valid,
 * 1 zero, 2 special (NaN, infinity, denormal, unnormal). */
static unsigned st_tag(const uint8_t v[10])
{
	unsigned exponent = ((unsigned)(v[9] & 0x7f) << 8) | v[8];
	int integer = v[7] & 0x80;
	int fraction_zero = (v[7] & 0x7f) == 0;
	for (int i = 0; i < 7; i++)
		fraction_zero = fraction_zero && v[i] == 0;

	if (exponent == 0x7fff)
		return 2;
	if (exponent == 0)
		return fraction_zero && !integer ? 1 : 2;
	return integer ? 0 : 2;
}

/* st_space holds st(0)..st(7) as 16-byte slots, 10 bytes used. */
static const uint8_t *st_bytes(const struct user_fpregs_struct *fpr, int st)
{
	return (const uint8_t *)fpr->st_space + 16 * st;
}

uint16_t x86_full_ftag(const struct user_fpregs_struct *fpr)
{
	/* The tags are by physical register, st_space by stack position:
	 * physical register i is st((i - TOP) & 7). */
	int top = (fpr->swd >> 11) & 7;
	uint16_t word = 0;
	for (int i = 0; i < 8; i++) {
		unsigned tag = 3; /* abridged bit clear: empty */
		if (fpr->ftw & (1u << i))
			tag = st_tag(st_bytes(fpr, (i - top) & 7));
		word |= (uint16_t)(tag << (2 * i));
	}
	return word;
}

/* The 32-bit x87/SSE control registers. FXSAVE's 64-bit format keeps
 * full instruction and operand pointers; gdb's fiseg/foseg get bits
 * 32..47 of them, as gdbserver sends. */
static uint64_t fp_control(const struct user_fpregs_struct *fpr, int regnum)
{
	switch (regnum) {
	case 32: return fpr->cwd;
	case 33: return fpr->swd;
	case 34: return x86_full_ftag(fpr);
	case 35: return (fpr->rip >> 32) & 0xffff;
	case 36: return fpr->rip & 0xffffffff;
	case 37: return (fpr->rdp >> 32) & 0xffff;
	case 38: return fpr->rdp & 0xffffffff;
	case 39: return fpr->fop & 0x7ff;
	default: return fpr->mxcsr; /* 56 */
	}
}

/* One register's bytes into dst (its slot size); regnum is valid. */
static void fill_reg(const struct x86_regs_in *in, int regnum, uint8_t *dst,
		     size_t size)
{
	const struct user_fpregs_struct *fpr = &in->fpr;
	if (!is_fp_reg(regnum)) {
		uint64_t v;
		memcpy(&v, (const uint8_t *)&in->gpr + gpr_field[regnum], 8);
		put_le(dst, v, size);
	} else if (regnum < 32) {
		memcpy(dst, st_bytes(fpr, regnum - 24), size);
	} else if (regnum >= 40 && regnum < 56) {
		memcpy(dst, (const uint8_t *)fpr->xmm_space + 16 * (regnum - 40),
		       size);
	} else {
		put_le(dst, fp_control(fpr, regnum), size);
	}
}

static int reg_available(const struct x86_regs_in *in, int regnum)
{
	return in->have_fpr || !is_fp_reg(regnum);
}

void x86_regs_to_g(const struct x86_regs_in *in, uint8_t out[X86_G_SIZE],
		   uint8_t unavail[X86_NREGS])
{
	memset(out, 0, X86_G_SIZE);
	for (int r = 0; r < X86_NREGS; r++) {
		size_t off, size;
		x86_reg_slot(r, &off, &size);
		unavail[r] = !reg_available(in, r);
		if (!unavail[r])
			fill_reg(in, r, out + off, size);
	}
}

int x86_reg_read(const struct x86_regs_in *in, int regnum, uint8_t *out,
		 size_t *size, int *available)
{
	size_t off;
	if (x86_reg_slot(regnum, &off, size) < 0)
		return -1;
	*available = reg_available(in, regnum);
	memset(out, 0, *size);
	if (*available)
		fill_reg(in, regnum, out, *size);
	return 0;
}
