#include "sent_bytes.h"

#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>

/* iovcnt iovecs at iov_addr, up to len bytes (the kernel takes at most
 * 1024 of them: UIO_MAXIOV). */
static int gather(uint64_t iov_addr, uint64_t iovcnt, size_t len, mem_read_fn rd,
		  void *ctx, uint8_t *out)
{
	size_t done = 0;
	for (uint64_t i = 0; i < iovcnt && i < 1024 && done < len; i++) {
		struct iovec iov;
		if (rd(ctx, iov_addr + i * sizeof iov, &iov, sizeof iov) < 0)
			return -1;
		size_t take = iov.iov_len < len - done ? iov.iov_len : len - done;
		if (rd(ctx, (uint64_t)iov.iov_base, out + done, take) < 0)
			return -1;
		done += take;
	}
	return done == len ? 0 : -1;
}

int sent_bytes(long nr, const uint64_t args[6], size_t len, mem_read_fn rd, void *ctx,
	       uint8_t *out)
{
	if (nr == SYS_writev || nr == SYS_pwritev || nr == SYS_pwritev2 || nr == SYS_vmsplice)
		return gather(args[1], args[2], len, rd, ctx, out);
	if (nr == SYS_sendmsg) {
		struct msghdr m;
		if (rd(ctx, args[1], &m, sizeof m) < 0)
			return -1;
		return gather((uint64_t)m.msg_iov, m.msg_iovlen, len, rd, ctx, out);
	}
	if (nr == SYS_sendmmsg)
		return -1;
	return rd(ctx, args[1], out, len);
}
