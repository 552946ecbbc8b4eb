#include "regs.h"

#include <stdio.h>
#include <string.h>

#include "hash.h"

void regs_args(const struct user_regs_struct *r, uint64_t args[6])
{
	args[0] = r->rdi;
	args[1] = r->rsi;
	args[2] = r->rdx;
	args[3] = r->r10;
	args[4] = r->r8;
	args[5] = r->r9;
}

void regs_set_arg(struct user_regs_struct *r, int i, uint64_t v)
{
	unsigned long long *slot[6] = {&r->rdi, &r->rsi, &r->rdx, &r->r10, &r->r8, &r->r9};
	if (i >= 0 && i < 6)
		*slot[i] = v;
}

uint64_t regs_entry_digest(const struct user_regs_struct *r)
{
	struct user_regs_struct c = *r;
	c.rax = 0;
	/* RF and TF depend on how the tracer resumed, not on the program */
	c.eflags &= ~(uint64_t)0x10100;
	return hash64(&c, sizeof c);
}

#define FLAGS_MASK 0xcd5ull /* CF PF AF ZF SF DF OF */

int regs_same_point(const struct user_regs_struct *a,
		    const struct user_regs_struct *b)
{
	return a->rip == b->rip && a->rax == b->rax && a->rbx == b->rbx &&
	       a->rcx == b->rcx && a->rdx == b->rdx && a->rsi == b->rsi &&
	       a->rdi == b->rdi && a->rbp == b->rbp && a->rsp == b->rsp &&
	       a->r8 == b->r8 && a->r9 == b->r9 && a->r10 == b->r10 &&
	       a->r11 == b->r11 && a->r12 == b->r12 && a->r13 == b->r13 &&
	       a->r14 == b->r14 && a->r15 == b->r15 &&
	       (a->eflags & FLAGS_MASK) == (b->eflags & FLAGS_MASK);
}

void regs_diff(const struct user_regs_struct *want,
	       const struct user_regs_struct *got, char *out, size_t len)
{
	static const struct {
		const char *name;
		size_t off;
	} regs[] = {
#define R(x) {#x, offsetof(struct user_regs_struct, x)}
		R(rip), R(rsp), R(rax), R(rbx), R(rcx), R(rdx), R(rsi), R(rdi),
		R(rbp), R(r8), R(r9), R(r10), R(r11), R(r12), R(r13), R(r14),
		R(r15), R(orig_rax), R(eflags), R(fs_base),
#undef R
	};
	size_t used = 0;
	out[0] = 0;
	for (size_t i = 0; i < sizeof regs / sizeof regs[0]; i++) {
		uint64_t w, g;
		memcpy(&w, (const char *)want + regs[i].off, 8);
		memcpy(&g, (const char *)got + regs[i].off, 8);
		if (w == g || used + 1 >= len)
			continue;
		int n = snprintf(out + used, len - used, "%s%s expected 0x%llx found 0x%llx",
				 used ? "; " : "", regs[i].name,
				 (unsigned long long)w, (unsigned long long)g);
		if (n > 0)
			used += (size_t)n < len - used ? (size_t)n : len - used - 1;
	}
	if (!used)
		snprintf(out, len, "registers equal");
}
