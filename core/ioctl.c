/* ioctl requests: how many bytes each writes at its argument.
 * See ioctl.h for why the old requests are listed by hand. */
#include "ioctl.h"

#include <linux/ioctl.h>
#include <stddef.h>

/* A named request whose output we cannot size (it depends on the argument's
 * contents, like SIOCGIFCONF's ifc_len): named in errors, never recorded. */
#define SIZE_UNKNOWN UINT32_MAX

struct ioctl_desc {
	unsigned long req;
	const char *name;
	uint32_t size; /* bytes written at arg, or SIZE_UNKNOWN */
};

/* Requests that predate the _IOC encoding (direction and size are zero in
 * the number), by their x86-64 values. Sizes are the kernel's structures,
 * not glibc's: the kernel's struct termios has 19 control characters (36
 * bytes) where glibc's has 32 and more fields (60 bytes). */
static const struct ioctl_desc legacy[] = {
	/* terminals */
	{ 0x5401, "TCGETS",         36 },
	{ 0x5402, "TCSETS",         0 },
	{ 0x5403, "TCSETSW",        0 },
	{ 0x5404, "TCSETSF",        0 },
	{ 0x5405, "TCGETA",         18 }, /* struct termio */
	{ 0x5406, "TCSETA",         0 },
	{ 0x5407, "TCSETAW",        0 },
	{ 0x5408, "TCSETAF",        0 },
	{ 0x5409, "TCSBRK",         0 }, /* tcdrain, tcsendbreak */
	{ 0x540A, "TCXONC",         0 },
	{ 0x540B, "TCFLSH",         0 },
	{ 0x540C, "TIOCEXCL",       0 },
	{ 0x540D, "TIOCNXCL",       0 },
	{ 0x540E, "TIOCSCTTY",      0 },
	{ 0x540F, "TIOCGPGRP",      4 },
	{ 0x5410, "TIOCSPGRP",      0 },
	{ 0x5411, "TIOCOUTQ",       4 }, /* also SIOCOUTQ */
	{ 0x5412, "TIOCSTI",        0 },
	{ 0x5413, "TIOCGWINSZ",     8 },
	{ 0x5414, "TIOCSWINSZ",     0 },
	{ 0x5415, "TIOCMGET",       4 },
	{ 0x5416, "TIOCMBIS",       0 },
	{ 0x5417, "TIOCMBIC",       0 },
	{ 0x5418, "TIOCMSET",       0 },
	{ 0x5419, "TIOCGSOFTCAR",   4 },
	{ 0x541A, "TIOCSSOFTCAR",   0 },
	{ 0x541B, "FIONREAD",       4 }, /* also TIOCINQ, SIOCINQ */
	{ 0x541C, "TIOCLINUX",      SIZE_UNKNOWN }, /* sub-command in *arg */
	{ 0x541D, "TIOCCONS",       0 },
	{ 0x541E, "TIOCGSERIAL",    SIZE_UNKNOWN },
	{ 0x5420, "TIOCPKT",        0 },
	{ 0x5421, "FIONBIO",        0 },
	{ 0x5422, "TIOCNOTTY",      0 },
	{ 0x5423, "TIOCSETD",       0 },
	{ 0x5424, "TIOCGETD",       4 },
	{ 0x5425, "TCSBRKP",        0 },
	{ 0x5427, "TIOCSBRK",       0 },
	{ 0x5428, "TIOCCBRK",       0 },
	{ 0x5429, "TIOCGSID",       4 },
	{ 0x5437, "TIOCVHANGUP",    0 },
	{ 0x5441, "TIOCGPTPEER",    0 }, /* returns an fd */
	{ 0x5450, "FIONCLEX",       0 },
	{ 0x5451, "FIOCLEX",        0 },
	{ 0x5452, "FIOASYNC",       0 },
	{ 0x5456, "TIOCGLCKTRMIOS", 36 },
	{ 0x5457, "TIOCSLCKTRMIOS", 0 },
	{ 0x5459, "TIOCSERGETLSR",  4 },
	{ 0x5460, "FIOQSIZE",       8 },
	/* sockets */
	{ 0x8901, "FIOSETOWN",      0 },
	{ 0x8902, "SIOCSPGRP",      0 },
	{ 0x8903, "FIOGETOWN",      4 },
	{ 0x8904, "SIOCGPGRP",      4 },
	{ 0x8905, "SIOCATMARK",     4 },
	{ 0x8906, "SIOCGSTAMP",     16 }, /* struct timeval */
	{ 0x8907, "SIOCGSTAMPNS",   16 }, /* struct timespec */
	/* network interfaces: a struct ifreq (40 bytes) in and out */
	{ 0x8910, "SIOCGIFNAME",    40 },
	{ 0x8912, "SIOCGIFCONF",    SIZE_UNKNOWN }, /* length in ifc_len */
	{ 0x8913, "SIOCGIFFLAGS",   40 },
	{ 0x8914, "SIOCSIFFLAGS",   0 },
	{ 0x8915, "SIOCGIFADDR",    40 },
	{ 0x8917, "SIOCGIFDSTADDR", 40 },
	{ 0x8919, "SIOCGIFBRDADDR", 40 },
	{ 0x891B, "SIOCGIFNETMASK", 40 },
	{ 0x891D, "SIOCGIFMETRIC",  40 },
	{ 0x8921, "SIOCGIFMTU",     40 },
	{ 0x8927, "SIOCGIFHWADDR",  40 },
	{ 0x8933, "SIOCGIFINDEX",   40 },
	{ 0x8942, "SIOCGIFTXQLEN",  40 },
	{ 0x8946, "SIOCETHTOOL",    SIZE_UNKNOWN }, /* command in the data */
	/* block devices */
	{ 0x125E, "BLKROGET",       4 },
	{ 0x125F, "BLKRRPART",      0 },
	{ 0x1260, "BLKGETSIZE",     8 },
	{ 0x1261, "BLKFLSBUF",      0 },
	{ 0x1268, "BLKSSZGET",      4 },
};

/* The kernel takes the request as an unsigned int: a caller passing a
 * sign-extended int (0xffffffff80045430) means the low 32 bits. */
static unsigned long cmd_of(unsigned long req)
{
	return req & 0xffffffffUL;
}

static const struct ioctl_desc *find_legacy(unsigned long req)
{
	req = cmd_of(req);
	for (size_t i = 0; i < sizeof legacy / sizeof legacy[0]; i++)
		if (legacy[i].req == req)
			return &legacy[i];
	return NULL;
}

/* The _IOC encoding: a request that declares a direction also declares the
 * size of its argument, and the kernel writes it only when the direction
 * includes _IOC_READ (read by the caller, written by the kernel). Requests
 * with direction none cannot be told apart from the legacy ones, so they
 * are not trusted. Some drivers misdeclare (TUNSETIFF is _IOW but writes
 * the interface name back); those are not handled. */
static int decode_ioc(unsigned long req, uint32_t *size)
{
	unsigned dir = _IOC_DIR(req);

	if (dir == _IOC_NONE)
		return -1;
	*size = (dir & _IOC_READ) ? _IOC_SIZE(req) : 0;
	return 0;
}

int ioctl_out_size(unsigned long req, uint32_t *size)
{
	const struct ioctl_desc *d = find_legacy(req);

	if (d) {
		if (d->size == SIZE_UNKNOWN)
			return -1;
		*size = d->size;
		return 0;
	}
	return decode_ioc(cmd_of(req), size);
}

const char *ioctl_name(unsigned long req)
{
	const struct ioctl_desc *d = find_legacy(req);
	return d ? d->name : NULL;
}
