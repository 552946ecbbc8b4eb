/* A point's identity beyond its registers and the memory its instruction
 * reads: a digest of the thread's writable memory. In a loop that calls
 * the same function with the same arguments and counts its progress in a
 * global (copies++ around a memcpy), every pass through the callee has
 * the same registers and reads the same memory; only memory elsewhere
 * tells them apart. The recorder chooses the regions (core/point_state.c)
 * and stores them with the digest, so the replay compares exactly them. */
#ifndef HEISEN_POINT_STATE_H
#define HEISEN_POINT_STATE_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "err.h"

#define POINT_STATE_REGIONS 64
#define POINT_STATE_BYTES_MAX (8u << 20) /* all regions together */

struct mem_range_u64 {
	uint64_t addr, len;
};

struct point_state {
	uint32_t n; /* 0: no digest (an older trace, or nothing to digest) */
	struct mem_range_u64 region[POINT_STATE_REGIONS];
	uint64_t hash;
};

/* The regions of tid's process to digest at this point: its small private
 * writable mappings (data and bss, small heaps: at most 1 MiB each; not the
 * main stack when rsp is elsewhere) and a window of the thread's own stack
 * above rsp, less the ranges in `busy`
 * (buffers that syscalls of other threads, asleep in the kernel, may be
 * filling: their content at this moment is the kernel's business). Then
 * their digest. */
void point_state_capture(pid_t tid, const struct user_regs_struct *r,
			 const struct mem_range_u64 *busy, int nbusy,
			 struct point_state *out);

/* Does tid's memory now digest as `want` says? (1 with no digest.) */
int point_state_matches(pid_t tid, const struct point_state *want);

#endif
