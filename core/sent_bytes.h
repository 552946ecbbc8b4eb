/* The bytes a write-type syscall took from the program's memory (write,
 * pwrite64, send, sendto: one buffer; writev, pwritev, pwritev2 and
 * vmsplice: an iovec array; sendmsg: the iovecs of its msghdr), gathered the same way by the
 * recorder, which digests them (and keeps those that reached its stdout or
 * stderr), and by the replay, which checks the program wrote the same. */
#ifndef HEISEN_SENT_BYTES_H
#define HEISEN_SENT_BYTES_H

#include <stddef.h>
#include <stdint.h>

#include "sysout.h" /* mem_read_fn */

/* Fill out with the first len bytes syscall nr (arguments args) sent:
 * 0, or -1 if the memory could not be read or the call sends several
 * messages (sendmmsg: not gathered). */
int sent_bytes(long nr, const uint64_t args[6], size_t len, mem_read_fn rd, void *ctx,
	       uint8_t *out);

#endif
