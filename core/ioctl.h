/* What an ioctl writes back into the caller's memory.
 *
 * ioctl(fd, req, arg) is the one syscall whose output cannot be read off the
 * syscall table: it depends on the request. Requests built with the _IOR /
 * _IOWR macros carry their direction and size in the number, so they decode
 * themselves; the old tty and socket requests (TCGETS = 0x5401, ...) carry
 * nothing and must be listed by hand. Anything else is refused rather than
 * guessed, because a wrong guess silently breaks replay. */
#ifndef HEISEN_IOCTL_H
#define HEISEN_IOCTL_H

#include <stdint.h>

/* Set *size to the number of bytes the kernel writes at the ioctl's third
 * argument for request `req` (0 when it writes nothing there) and return 0;
 * return -1 when the request is not known, or when what it writes depends
 * on the argument's contents (see ioctl_out_layout). */
int ioctl_out_size(unsigned long req, uint32_t *size);

/* How the output of a request is laid out: a fixed size, or a structure
 * whose contents, read from the tracee after the call, say how much of it
 * and of the buffers it points to the kernel filled (core/sysout.c). */
enum ioctl_layout {
	IOCTL_FIXED = 0, /* *size bytes at the argument */
	IOCTL_IFCONF,    /* SIOCGIFCONF: struct ifconf (16 bytes), and its
			    ifc_len (the bytes stored) at its ifc_buf */
	IOCTL_FIEMAP,    /* FS_IOC_FIEMAP: struct fiemap (32 bytes), then
			    fm_mapped_extents extents of 56 bytes, at most
			    fm_extent_count; the header also on failure */
	IOCTL_DEDUPE,    /* FIDEDUPERANGE: struct file_dedupe_range (24
			    bytes) and its dest_count infos of 32 bytes */
};

/* The layout of request `req` (and for IOCTL_FIXED the size in *size), or
 * -1 when the request is not known. */
int ioctl_out_layout(unsigned long req, uint32_t *size);

/* "TCGETS" for the requests listed by hand, NULL for the others. */
const char *ioctl_name(unsigned long req);

#endif
