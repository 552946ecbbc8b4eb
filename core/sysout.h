/* The memory a syscall's kernel side wrote, computed from the table.
 *
 * At a syscall-exit stop the recorder asks which ranges of the tracee's
 * memory the kernel has just filled, saves their bytes, and the replayer
 * writes them back instead of performing the call. The answer comes from
 * the row's sys_out entries (core/syscalls.h) plus the arguments, the
 * result, and, for indirect buffers (iovec arrays, msghdr, socklen_t in-out
 * lengths, clone_args), values read from the tracee through `rd`.
 *
 * The ranges may cover slightly more than the kernel wrote (a whole msghdr
 * when only its length fields changed, the reported address length when
 * the kernel truncated the address): the extra bytes are read from the
 * tracee at the same instant, so writing them back at replay changes
 * nothing. They never cover less. */
#ifndef HEISEN_SYSOUT_H
#define HEISEN_SYSOUT_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

/* No single range is longer than this: a larger one is refused with an
 * error (a read() of more than 64 MiB in one call), so that a bad length
 * read from the tracee cannot make the recorder copy gigabytes. */
#define SYSOUT_MAX_RANGE_LEN (64ULL << 20)

/* Enough ranges for any call within the kernel's limits except recvmmsg of
 * many messages with many iovecs each (IOV_MAX is 1024 per call). */
#define SYSOUT_RANGES_HINT 2048

struct mem_range {
	uint64_t addr;
	uint64_t len;
};

/* Reads tracee memory: returns 0 on success, -1 on failure. */
typedef int (*mem_read_fn)(void *ctx, uint64_t addr, void *buf, size_t len);

/* Fill out[0..max) with the ranges the kernel wrote during syscall `nr`
 * with arguments args[] and result `result` (-4095..-1 is a failure, which
 * writes nothing except for the outputs marked OUT_ON_INTR or OUT_ON_ERROR
 * and the futex words; after EFAULT, the buffers the call could have
 * started filling, as far as they are readable). Zero-length ranges and
 * NULL pointers are left out. Outputs a successful call may leave alone
 * (OUT_FIXED_MAYBE, OUT_ON_INTR ones, an address longer than its buffer,
 * the sizes ioctl numbers declare) are cut where the tracee's memory stops
 * being readable: a pointer there that the kernel ignored is no error.
 *
 * Returns the number of ranges, or -1 with `e` set when it cannot tell: no
 * row for `nr`, an ioctl request, fcntl command, prctl option or arch_prctl
 * code it does not know (only when the call succeeded: a failed call wrote
 * nothing whatever it was), a range longer than SYSOUT_MAX_RANGE_LEN, more
 * than `max` ranges, or tracee memory that `rd` cannot read. The message
 * names the syscall. */
int sys_written_ranges(long nr, const uint64_t args[6], int64_t result,
		       mem_read_fn rd, void *ctx, struct mem_range *out,
		       int max, struct err *e);

#endif
