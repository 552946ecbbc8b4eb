/* ioctl requests: how many bytes each writes at its argument.
 * See ioctl.h for why the old requests are listed by hand. */
#include "ioctl.h"

#include <linux/ioctl.h>
#include <stddef.h>

/* A named request whose output we cannot size (it depends on a
 * sub-command, like TIOCLINUX's): named in errors, never recorded. */
#define SIZE_UNKNOWN UINT32_MAX
/* A request whose output the argument's contents size (enum ioctl_layout
 * other than IOCTL_FIXED), marked in the size field: no request's size is
 * near UINT32_MAX (_IOC sizes have 14 bits). */
#define BY(layout) (SIZE_UNKNOWN - (uint32_t)(layout))
#define LAYOUT_OF(size) ((enum ioctl_layout)(SIZE_UNKNOWN - (size)))
#define IS_BY(size) ((size) != SIZE_UNKNOWN && \
		     (size) >= BY(IOCTL_DEDUPE)) /* the last layout */

struct ioctl_desc {
	unsigned long req;
	const char *name;
	uint32_t size; /* bytes written at arg, SIZE_UNKNOWN or BY(...) */
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
	{ 0x541E, "TIOCGSERIAL",    72 }, /* struct serial_struct */
	{ 0x541F, "TIOCSSERIAL",    0 },
	{ 0x5420, "TIOCPKT",        0 },
	{ 0x5421, "FIONBIO",        0 },
	{ 0x5422, "TIOCNOTTY",      0 },
	{ 0x5423, "TIOCSETD",       0 },
	{ 0x5424, "TIOCGETD",       4 },
	{ 0x5425, "TCSBRKP",        0 },
	{ 0x5427, "TIOCSBRK",       0 },
	{ 0x5428, "TIOCCBRK",       0 },
	{ 0x5429, "TIOCGSID",       4 },
	/* struct serial_rs485; TIOCSRS485 stores back what the driver took */
	{ 0x542E, "TIOCGRS485",     32 },
	{ 0x542F, "TIOCSRS485",     32 },
	{ 0x5437, "TIOCVHANGUP",    0 },
	{ 0x5441, "TIOCGPTPEER",    0 }, /* returns an fd */
	{ 0x5450, "FIONCLEX",       0 },
	{ 0x5451, "FIOCLEX",        0 },
	{ 0x5452, "FIOASYNC",       0 },
	{ 0x5453, "TIOCSERCONFIG",  0 },
	{ 0x5456, "TIOCGLCKTRMIOS", 36 },
	{ 0x5457, "TIOCSLCKTRMIOS", 0 },
	{ 0x5459, "TIOCSERGETLSR",  4 },
	{ 0x545C, "TIOCMIWAIT",     0 }, /* waits for a modem line */
	{ 0x545D, "TIOCGICOUNT",    80 }, /* struct serial_icounter_struct */
	{ 0x5460, "FIOQSIZE",       8 },
	/* sockets */
	{ 0x8901, "FIOSETOWN",      0 },
	{ 0x8902, "SIOCSPGRP",      0 },
	{ 0x8903, "FIOGETOWN",      4 },
	{ 0x8904, "SIOCGPGRP",      4 },
	{ 0x8905, "SIOCATMARK",     4 },
	{ 0x8906, "SIOCGSTAMP",     16 }, /* struct timeval */
	{ 0x8907, "SIOCGSTAMPNS",   16 }, /* struct timespec */
	{ 0x890B, "SIOCADDRT",      0 },
	{ 0x890C, "SIOCDELRT",      0 },
	/* network interfaces: a struct ifreq (40 bytes) in, and out for
	 * the getters; the setters store nothing back (net/core/dev_ioctl.c
	 * clears need_copyout, devinet_ioctl copies out only for SIOCG*),
	 * except SIOCSIFNAME */
	{ 0x8910, "SIOCGIFNAME",    40 },
	{ 0x8912, "SIOCGIFCONF",    BY(IOCTL_IFCONF) },
	{ 0x8913, "SIOCGIFFLAGS",   40 },
	{ 0x8914, "SIOCSIFFLAGS",   0 },
	{ 0x8915, "SIOCGIFADDR",    40 },
	{ 0x8916, "SIOCSIFADDR",    0 },
	{ 0x8917, "SIOCGIFDSTADDR", 40 },
	{ 0x8918, "SIOCSIFDSTADDR", 0 },
	{ 0x8919, "SIOCGIFBRDADDR", 40 },
	{ 0x891A, "SIOCSIFBRDADDR", 0 },
	{ 0x891B, "SIOCGIFNETMASK", 40 },
	{ 0x891C, "SIOCSIFNETMASK", 0 },
	{ 0x891D, "SIOCGIFMETRIC",  40 },
	{ 0x891E, "SIOCSIFMETRIC",  0 },
	{ 0x8921, "SIOCGIFMTU",     40 },
	{ 0x8922, "SIOCSIFMTU",     0 },
	{ 0x8923, "SIOCSIFNAME",    40 },
	{ 0x8924, "SIOCSIFHWADDR",  0 },
	{ 0x8927, "SIOCGIFHWADDR",  40 },
	{ 0x8931, "SIOCADDMULTI",   0 },
	{ 0x8932, "SIOCDELMULTI",   0 },
	{ 0x8933, "SIOCGIFINDEX",   40 },
	{ 0x8934, "SIOCSIFPFLAGS",  0 },
	{ 0x8935, "SIOCGIFPFLAGS",  40 },
	{ 0x8942, "SIOCGIFTXQLEN",  40 },
	{ 0x8943, "SIOCSIFTXQLEN",  0 },
	{ 0x8946, "SIOCETHTOOL",    SIZE_UNKNOWN }, /* command in the data */
	{ 0x8947, "SIOCGMIIPHY",    40 },
	{ 0x8948, "SIOCGMIIREG",    40 },
	{ 0x894B, "SIOCOUTQNSD",    4 },
	{ 0x8953, "SIOCDARP",       0 },
	{ 0x8954, "SIOCGARP",       68 }, /* struct arpreq */
	{ 0x8955, "SIOCSARP",       0 },
	{ 0x8970, "SIOCGIFMAP",     40 },
	/* block devices (block/ioctl.c: put_int, put_uint, put_ushort,
	 * put_long by request) */
	{ 0x125D, "BLKROSET",       0 },
	{ 0x125E, "BLKROGET",       4 },
	{ 0x125F, "BLKRRPART",      0 },
	{ 0x1260, "BLKGETSIZE",     8 },
	{ 0x1261, "BLKFLSBUF",      0 },
	{ 0x1262, "BLKRASET",       0 },
	{ 0x1263, "BLKRAGET",       8 }, /* long */
	{ 0x1264, "BLKFRASET",      0 },
	{ 0x1265, "BLKFRAGET",      8 }, /* long */
	{ 0x1267, "BLKSECTGET",     2 }, /* unsigned short */
	{ 0x1268, "BLKSSZGET",      4 },
	{ 0x1277, "BLKDISCARD",     0 },
	{ 0x1278, "BLKIOMIN",       4 },
	{ 0x1279, "BLKIOOPT",       4 },
	{ 0x127A, "BLKALIGNOFF",    4 },
	{ 0x127B, "BLKPBSZGET",     4 },
	{ 0x127C, "BLKDISCARDZEROES", 4 },
	{ 0x127D, "BLKSECDISCARD",  0 },
	{ 0x127E, "BLKROTATIONAL",  2 }, /* unsigned short */
	{ 0x127F, "BLKZEROOUT",     0 },
	/* files (fs/ioctl.c): FIBMAP reads and writes back a block number */
	{ 0x0001, "FIBMAP",         4 },
	{ 0x0002, "FIGETBSZ",       4 },
	/* the Linux console (drivers/tty/vt/vt_ioctl.c) */
	{ 0x4B33, "KDGKBTYPE",      1 }, /* a char */
	{ 0x4B3A, "KDSETMODE",      0 },
	{ 0x4B3B, "KDGETMODE",      4 },
	{ 0x4B44, "KDGKBMODE",      4 },
	{ 0x4B45, "KDSKBMODE",      0 },
	{ 0x5600, "VT_OPENQRY",     4 },
	{ 0x5601, "VT_GETMODE",     8 }, /* struct vt_mode */
	{ 0x5602, "VT_SETMODE",     0 },
	{ 0x5603, "VT_GETSTATE",    6 }, /* struct vt_stat: 3 shorts */
	{ 0x5605, "VT_RELDISP",     0 },
	{ 0x5606, "VT_ACTIVATE",    0 },
	{ 0x5607, "VT_WAITACTIVE",  0 },
};

/* Requests in the _IOC encoding whose number does not tell what the kernel
 * writes: the driver writes another size than declared, or more than the
 * declared structure. Looked at before the encoding. */
static const struct ioctl_desc misdeclared[] = {
	/* declared with a long, the kernel stores an int */
	{ 0x80086601, "FS_IOC_GETFLAGS",   4 },
	{ 0x80087601, "FS_IOC_GETVERSION", 4 },
	{ 0x80081270, "BLKBSZGET",         4 },
	/* _IOW and _IOR of an int, but the interface's struct ifreq comes
	 * back (drivers/net/tun.c) */
	{ 0x400454CA, "TUNSETIFF",         40 },
	{ 0x800454D2, "TUNGETIFF",         40 },
	/* the header declared, and arrays after it that it sizes */
	{ 0xC020660B, "FS_IOC_FIEMAP",     BY(IOCTL_FIEMAP) },
	{ 0xC0189436, "FIDEDUPERANGE",     BY(IOCTL_DEDUPE) },
};

/* The kernel takes the request as an unsigned int: a caller passing a
 * sign-extended int (0xffffffff80045430) means the low 32 bits. */
static unsigned long cmd_of(unsigned long req)
{
	return req & 0xffffffffUL;
}

static const struct ioctl_desc *find_in(const struct ioctl_desc *t, size_t n,
				       unsigned long req)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].req == req)
			return &t[i];
	return NULL;
}

static const struct ioctl_desc *find_listed(unsigned long req)
{
	const struct ioctl_desc *d;

	req = cmd_of(req);
	d = find_in(legacy, sizeof legacy / sizeof legacy[0], req);
	return d ? d : find_in(misdeclared, sizeof misdeclared /
			       sizeof misdeclared[0], req);
}

/* The _IOC encoding: a request that declares a direction also declares the
 * size of its argument, and the kernel writes it only when the direction
 * includes _IOC_READ (read by the caller, written by the kernel). Requests
 * with direction none cannot be told apart from the legacy ones, so they
 * are not trusted. Drivers known to misdeclare are listed above; others
 * that do are not handled. */
static int decode_ioc(unsigned long req, uint32_t *size)
{
	unsigned dir = _IOC_DIR(req);

	if (dir == _IOC_NONE)
		return -1;
	*size = (dir & _IOC_READ) ? _IOC_SIZE(req) : 0;
	return 0;
}

int ioctl_out_layout(unsigned long req, uint32_t *size)
{
	const struct ioctl_desc *d = find_listed(req);

	if (d) {
		if (IS_BY(d->size))
			return (int)LAYOUT_OF(d->size);
		if (d->size == SIZE_UNKNOWN)
			return -1;
		*size = d->size;
		return IOCTL_FIXED;
	}
	return decode_ioc(cmd_of(req), size) < 0 ? -1 : IOCTL_FIXED;
}

int ioctl_out_size(unsigned long req, uint32_t *size)
{
	uint32_t n;

	if (ioctl_out_layout(req, &n) != IOCTL_FIXED)
		return -1;
	*size = n;
	return 0;
}

const char *ioctl_name(unsigned long req)
{
	const struct ioctl_desc *d = find_listed(req);
	return d ? d->name : NULL;
}
