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
 * return -1 when the request is not known. */
int ioctl_out_size(unsigned long req, uint32_t *size);

/* "TCGETS" for the requests listed by hand, NULL for the others. */
const char *ioctl_name(unsigned long req);

#endif
