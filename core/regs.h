/* Register sets: digests for compact checks, and readable differences for
 * divergence reports. */
#ifndef HEISEN_REGS_H
#define HEISEN_REGS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

/* The syscall arguments in ABI order. */
void regs_args(const struct user_regs_struct *r, uint64_t args[6]);
/* Set syscall argument i (0..5) in r. */
void regs_set_arg(struct user_regs_struct *r, int i, uint64_t v);
/* Digest of the registers at a syscall-entry stop (rax excluded: the
 * kernel has already set it to -ENOSYS). */
uint64_t regs_entry_digest(const struct user_regs_struct *r);
/* Do two user-mode register sets describe the same execution point?
 * Compares general-purpose registers, rip and the arithmetic flags. */
int regs_same_point(const struct user_regs_struct *a,
		    const struct user_regs_struct *b);
/* "rip: expected 0x.. found 0x..; rcx: ..." for the registers that differ. */
void regs_diff(const struct user_regs_struct *want,
	       const struct user_regs_struct *got, char *out, size_t len);

#endif
