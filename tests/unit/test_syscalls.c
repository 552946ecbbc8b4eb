/* Unit test of the syscall table (core/syscalls.c), of the written-range
 * computation (core/sysout.c) and of the ioctl sizes (core/ioctl.c).
 * Exit status 0 = pass; every failed check is printed.
 *
 * (a) The whole table is consistent: argument counts match the kinds,
 *     output entries point at existing arguments, flags are coherent.
 * (b) A dozen rows say what heisen relies on (read may block, mmap is
 *     executed, rseq fails with ENOSYS, ...).
 * (c) sys_written_ranges on a fake tracee memory: direct buffers, iovecs
 *     with a short result, msghdr, socklen in-out, select, poll when
 *     interrupted, failures, unknown ioctls, the length bound; outputs the
 *     kernel may leave alone at unreadable addresses (probed), SysV IPC,
 *     keys, logs, quotas, file handles and the ioctls sized by their
 *     contents.
 * (d) every number of the table has a row: recorded, refused by name, or
 *     left to the kernel's ENOSYS. */
#define _GNU_SOURCE
#include "core/ioctl.h"
#include "core/syscalls.h"
#include "core/sysout.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "tests/unit/check.h"

/* ---- fake tracee memory: MEM_SIZE bytes at MEM_BASE ---- */

#define MEM_BASE 0x1000ULL
#define MEM_SIZE 0x1f000ULL /* up to 0x20000 */
#define MEM_END  (MEM_BASE + MEM_SIZE)

static unsigned char mem[MEM_SIZE];
static int reads;

static int fake_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	(void)ctx;
	reads++;
	if (addr < MEM_BASE || addr + len > MEM_BASE + MEM_SIZE)
		return -1;
	memcpy(buf, mem + (addr - MEM_BASE), len);
	return 0;
}

/* Store an object in the fake memory; returns its tracee address. */
static uint64_t put(uint64_t addr, const void *obj, size_t len)
{
	memcpy(mem + (addr - MEM_BASE), obj, len);
	return addr;
}

static struct mem_range ranges[64];
static struct err err;

static int ranges_of(long nr, uint64_t a0, uint64_t a1, uint64_t a2,
		     uint64_t a3, uint64_t a4, uint64_t a5, int64_t result)
{
	uint64_t args[6] = { a0, a1, a2, a3, a4, a5 };
	err.msg[0] = 0;
	return sys_written_ranges(nr, args, result, fake_read, NULL, ranges,
				  64, &err);
}

static int has_range(int n, uint64_t addr, uint64_t len)
{
	for (int i = 0; i < n; i++)
		if (ranges[i].addr == addr && ranges[i].len == len)
			return 1;
	return 0;
}

/* ---- (a) the whole table ---- */

static void check_row(long nr, const struct sys_desc *d)
{
	for (int i = 0; i < 6; i++)
		EXPECT((i < d->nargs) == (d->arg[i] != ARG_NONE),
		      "%s: argument %d kind %d with nargs %d", d->name, i,
		      d->arg[i], d->nargs);
	for (int i = 0; i < SYS_MAX_OUT; i++) {
		const struct sys_out *o = &d->out[i];
		int kind = o->len & OUT_KIND_MASK;
		if (kind == OUT_NONE)
			continue;
		EXPECT(o->arg < d->nargs, "%s: output %d on argument %d of %d",
		      d->name, i, o->arg, d->nargs);
		EXPECT(o->len_arg < d->nargs || d->nargs == 0,
		      "%s: output %d length argument %d", d->name, i,
		      o->len_arg);
		EXPECT(kind <= OUT_KIND_LAST, "%s: output %d kind %d", d->name,
		      i, kind);
		EXPECT(kind != OUT_FIXED || o->size > 0,
		      "%s: fixed output %d without a size", d->name, i);
		/* fcntl's and prctl's argument is a pointer only for
		 * some commands, so it is decoded as hex */
		EXPECT(d->arg[o->arg] == ARG_PTR || kind == OUT_FCNTL ||
		      kind == OUT_PRCTL,
		      "%s: output %d on a non-pointer argument", d->name, i);
	}
	EXPECT(!(d->flags & SYS_NORETURN) || (d->flags & SYS_EXECUTE),
	      "%s: noreturn but not executed", d->name);
	EXPECT(!((d->flags & SYS_EXECUTE) && (d->flags & SYS_SKIP)),
	      "%s: both executed and skipped", d->name);
	(void)nr;
}

static void test_table(void)
{
	char buf[32];
	int rows = 0;

	for (long nr = 0; nr < SYS_TABLE_SIZE; nr++) {
		const struct sys_desc *d = sys_lookup(nr);
		char want[32];
		/* (d) no number of the table without a row */
		EXPECT(d != NULL, "syscall %ld has no row", nr);
		if (!d)
			continue;
		rows++;
		check_row(nr, d);
		snprintf(want, sizeof want, "syscall_%ld", nr);
		EXPECT(strcmp(sys_name(nr, buf, sizeof buf),
			      d->name[0] ? d->name : want) == 0,
		      "sys_name(%ld): %s", nr, buf);
		/* an unnamed row is a number x86-64 leaves unassigned */
		EXPECT(d->name[0] || (nr >= 337 && nr <= 423 &&
				      d->flags == SYS_BEYOND),
		      "row %ld without a name", nr);
	}
	EXPECT(rows >= 200, "only %d rows", rows);
	/* numbers outside the table share one row: recorded if ENOSYS */
	long beyond[] = {-1, SYS_TABLE_SIZE, 100000, SYS_NR_BEYOND};
	for (size_t i = 0; i < sizeof beyond / sizeof beyond[0]; i++) {
		const struct sys_desc *d = sys_lookup(beyond[i]);
		EXPECT(d && (d->flags & SYS_BEYOND) && !(d->flags & SYS_EXECUTE),
		       "row for %ld", beyond[i]);
		EXPECT(sys_trace_nr(beyond[i]) == SYS_NR_BEYOND, "trace nr of %ld", beyond[i]);
	}
	EXPECT(sys_trace_nr(SYS_write) == SYS_write, "trace nr of write");
	EXPECT(strcmp(sys_name(SYS_NR_BEYOND, buf, sizeof buf), "syscall_beyond_table") == 0,
	       "sys_name of a number beyond the table: %s", buf);
	/* a number x86-64 defines without implementing it: let through for
	 * the kernel's ENOSYS, and named */
	EXPECT(sys_lookup(SYS_uselib) &&
	       sys_lookup(SYS_uselib)->flags == SYS_BEYOND, "row for uselib");
	EXPECT(strcmp(sys_name(SYS_uselib, buf, sizeof buf), "uselib") == 0,
	      "sys_name of uselib: %s", buf);
	EXPECT(strcmp(sys_name(400, buf, sizeof buf), "syscall_400") == 0,
	      "sys_name of an unassigned number: %s", buf);
	printf("table: %d rows\n", rows);
	fflush(stdout);
}

/* ---- (b) rows heisen relies on ---- */

static void expect_flags(long nr, const char *name, unsigned flags)
{
	const struct sys_desc *d = sys_lookup(nr);
	EXPECT(d && strcmp(d->name, name) == 0, "row %ld is not %s", nr, name);
	if (d)
		EXPECT(d->flags == flags, "%s flags 0x%x, expected 0x%x", name,
		      d->flags, flags);
}

static void test_rows(void)
{
	const struct sys_desc *d;

	expect_flags(SYS_read, "read", SYS_MAY_BLOCK);
	expect_flags(SYS_write, "write", SYS_MAY_BLOCK | SYS_WRITES_FD);
	expect_flags(SYS_mmap, "mmap", SYS_EXECUTE);
	expect_flags(SYS_rt_sigprocmask, "rt_sigprocmask", SYS_EXECUTE);
	expect_flags(SYS_exit_group, "exit_group", SYS_EXECUTE | SYS_NORETURN);
	expect_flags(SYS_clone, "clone", SYS_EXECUTE | SYS_PROCESS);
	expect_flags(SYS_execve, "execve", SYS_PROCESS | SYS_FD_REUSE);
	expect_flags(SYS_close, "close", SYS_FD_REUSE);
	expect_flags(SYS_dup2, "dup2", SYS_FD_REUSE);
	expect_flags(SYS_rseq, "rseq", SYS_ENOSYS);
	expect_flags(SYS_sched_setaffinity, "sched_setaffinity", SYS_SKIP);
	expect_flags(SYS_sched_yield, "sched_yield", 0);
	expect_flags(SYS_prctl, "prctl", 0);
	expect_flags(SYS_io_uring_setup, "io_uring_setup", SYS_UNSUPPORTED);
	expect_flags(SYS_ptrace, "ptrace", SYS_UNSUPPORTED);
	expect_flags(SYS_futex, "futex", SYS_MAY_BLOCK);
	expect_flags(SYS_epoll_wait, "epoll_wait", SYS_MAY_BLOCK);
	expect_flags(SYS_fstat, "fstat", 0);

	d = sys_lookup(SYS_fstat);
	EXPECT(d && d->out[0].arg == 1 && d->out[0].len == OUT_FIXED &&
	      d->out[0].size == sizeof(struct stat), "fstat output");
	d = sys_lookup(SYS_statx);
	EXPECT(d && d->out[0].arg == 4 && d->out[0].size == 256, "statx output");
	d = sys_lookup(SYS_rt_sigaction);
	EXPECT(d && d->out[0].arg == 2 && d->out[0].size == 32,
	      "rt_sigaction output");
	d = sys_lookup(SYS_epoll_wait);
	EXPECT(d && d->out[0].len == OUT_RESULT_TIMES && d->out[0].size == 12,
	      "epoll_wait output");
}

/* ---- (c) written ranges ---- */

static void test_direct(void)
{
	int n;

	n = ranges_of(SYS_read, 3, 0x7000, 4096, 0, 0, 0, 100);
	EXPECT(n == 1 && has_range(n, 0x7000, 100), "read: n=%d", n);
	n = ranges_of(SYS_read, 3, 0x7000, 4096, 0, 0, 0, -EAGAIN);
	EXPECT(n == 0, "failed read: n=%d", n);
	n = ranges_of(SYS_read, 3, 0x7000, 4096, 0, 0, 0, 0);
	EXPECT(n == 0, "read at EOF: n=%d", n);
	n = ranges_of(SYS_fstat, 3, 0x7000, 0, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, sizeof(struct stat)),
	      "fstat: n=%d", n);
	n = ranges_of(SYS_wait4, -1, 0x7000, 0, 0x8000, 0, 0, 1234);
	EXPECT(n == 2 && has_range(n, 0x7000, 4) && has_range(n, 0x8000, 144),
	      "wait4: n=%d", n);
	/* a NULL pointer is not written */
	n = ranges_of(SYS_wait4, -1, 0, 0, 0, 0, 0, 1234);
	EXPECT(n == 0, "wait4 without pointers: n=%d", n);
	n = ranges_of(SYS_gettimeofday, 0x7000, 0x8000, 0, 0, 0, 0, 0);
	EXPECT(n == 2 && has_range(n, 0x7000, 16) && has_range(n, 0x8000, 8),
	      "gettimeofday: n=%d", n);
	n = ranges_of(SYS_epoll_wait, 5, 0x7000, 64, -1, 0, 0, 3);
	EXPECT(n == 1 && has_range(n, 0x7000, 36), "epoll_wait: n=%d", n);
	/* recvfrom with MSG_TRUNC: a 9000-byte datagram in a 1500 buffer */
	n = ranges_of(SYS_recvfrom, 3, 0x7000, 1500, MSG_TRUNC, 0, 0, 9000);
	EXPECT(n == 1 && has_range(n, 0x7000, 1500), "recvfrom: n=%d", n);
	/* rt_sigprocmask: sigsetsize bytes of old mask */
	n = ranges_of(SYS_rt_sigprocmask, 0, 0x7000, 0x8000, 8, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x8000, 8), "rt_sigprocmask: n=%d", n);
	/* get_mempolicy: the mode, and a node mask of maxnode - 1 bits:
	 * maxnode 65 is one long, 66 two */
	n = ranges_of(SYS_get_mempolicy, 0x7000, 0x8000, 65, 0, 0, 0, 0);
	EXPECT(n == 2 && has_range(n, 0x7000, 4) && has_range(n, 0x8000, 8),
	      "get_mempolicy 65: n=%d", n);
	n = ranges_of(SYS_get_mempolicy, 0x7000, 0x8000, 66, 0, 0, 0, 0);
	EXPECT(n == 2 && has_range(n, 0x8000, 16), "get_mempolicy 66: n=%d", n);
	/* waitid fills its siginfo even when it fails */
	n = ranges_of(SYS_waitid, 1, 3, 0x7000, 4, 0, 0, -ECHILD);
	EXPECT(n == 1 && has_range(n, 0x7000, 128), "waitid ECHILD: n=%d", n);
	/* with EFAULT, what the call could have stored is recorded where it
	 * is readable: nothing at an unmapped siginfo */
	n = ranges_of(SYS_waitid, 1, 3, 0x500, 4, 0, 0, -EFAULT);
	EXPECT(n == 0, "waitid EFAULT: n=%d", n);
}

static void test_readv(void)
{
	struct iovec iov[2] = {
		{ (void *)0x11000, 100 },
		{ (void *)0x12000, 200 },
	};
	uint64_t at = put(0x10100, iov, sizeof iov);
	int n;

	/* 150 bytes: all of the first iovec, half of the second */
	n = ranges_of(SYS_readv, 3, at, 2, 0, 0, 0, 150);
	EXPECT(n == 2 && has_range(n, 0x11000, 100) &&
	      has_range(n, 0x12000, 50), "readv short: n=%d", n);
	n = ranges_of(SYS_readv, 3, at, 2, 0, 0, 0, 60);
	EXPECT(n == 1 && has_range(n, 0x11000, 60), "readv shorter: n=%d", n);
	n = ranges_of(SYS_readv, 3, at, 2, 0, 0, 0, -EINTR);
	EXPECT(n == 0, "readv interrupted: n=%d", n);
	/* iovec array outside the tracee's memory: an error, not a guess */
	n = ranges_of(SYS_readv, 3, 0x500, 2, 0, 0, 0, 10);
	EXPECT(n == -1 && strstr(err.msg, "readv") &&
	      strstr(err.msg, "iovec"), "readv bad iovec: n=%d %s", n,
	      err.msg);
}

static void test_recvmsg(void)
{
	struct iovec iov[2] = {
		{ (void *)0x11000, 8 },
		{ (void *)0x12000, 1000 },
	};
	/* as the kernel left it: a 16-byte address, 24 bytes of control */
	struct msghdr h = {
		.msg_name = (void *)0x13000, .msg_namelen = 16,
		.msg_iov = (void *)0x10200, .msg_iovlen = 2,
		.msg_control = (void *)0x14000, .msg_controllen = 24,
	};
	int n;

	put(0x10200, iov, sizeof iov);
	put(0x10300, &h, sizeof h);
	n = ranges_of(SYS_recvmsg, 3, 0x10300, 0, 0, 0, 0, 20);
	EXPECT(n == 5 && has_range(n, 0x10300, sizeof h) &&
	      has_range(n, 0x13000, 16) && has_range(n, 0x14000, 24) &&
	      has_range(n, 0x11000, 8) && has_range(n, 0x12000, 12),
	      "recvmsg: n=%d", n);
	/* a connected socket stores no address: namelen 0 */
	h.msg_namelen = 0;
	h.msg_controllen = 0;
	put(0x10300, &h, sizeof h);
	n = ranges_of(SYS_recvmsg, 3, 0x10300, 0, 0, 0, 0, 4);
	EXPECT(n == 2 && has_range(n, 0x10300, sizeof h) &&
	      has_range(n, 0x11000, 4), "recvmsg no name: n=%d", n);
}

static void test_recvmmsg(void)
{
	struct iovec iov = { (void *)0x11000, 512 };
	struct mmsghdr m[2] = {
		{ .msg_hdr = { .msg_iov = (void *)0x10400, .msg_iovlen = 1 },
		  .msg_len = 10 },
		{ .msg_hdr = { .msg_iov = (void *)0x10400, .msg_iovlen = 1 },
		  .msg_len = 30 },
	};
	int n;

	put(0x10400, &iov, sizeof iov);
	put(0x10500, m, sizeof m);
	/* one message received of the two offered */
	n = ranges_of(SYS_recvmmsg, 3, 0x10500, 2, 0, 0, 0, 1);
	EXPECT(n == 2 && has_range(n, 0x10500, 64) && has_range(n, 0x11000, 10),
	      "recvmmsg: n=%d", n);
}

static void test_socklen(void)
{
	uint32_t len = 16;
	int n;

	put(0x10600, &len, sizeof len);
	n = ranges_of(SYS_accept4, 3, 0x13000, 0x10600, 0, 0, 0, 5);
	EXPECT(n == 2 && has_range(n, 0x13000, 16) && has_range(n, 0x10600, 4),
	      "accept4: n=%d", n);
	n = ranges_of(SYS_accept4, 3, 0, 0, 0, 0, 0, 5);
	EXPECT(n == 0, "accept4 without address: n=%d", n);
	n = ranges_of(SYS_accept4, 3, 0x13000, 0x10600, 0, 0, 0, -EAGAIN);
	EXPECT(n == 0, "accept4 failed: n=%d", n);
	/* getsockopt: the option value is as long as *optlen says */
	len = 4;
	put(0x10600, &len, sizeof len);
	n = ranges_of(SYS_getsockopt, 3, SOL_SOCKET, SO_ERROR, 0x13000,
		      0x10600, 0, 0);
	EXPECT(n == 2 && has_range(n, 0x13000, 4) && has_range(n, 0x10600, 4),
	      "getsockopt: n=%d", n);
}

static void test_polling(void)
{
	int n;

	/* nfds 65: fd_sets are written as two longs */
	n = ranges_of(SYS_select, 65, 0x11000, 0, 0x12000, 0x13000, 0, 1);
	EXPECT(n == 3 && has_range(n, 0x11000, 16) &&
	      has_range(n, 0x12000, 16) && has_range(n, 0x13000, 16),
	      "select: n=%d", n);
	/* interrupted: no fd_sets, but the time left */
	n = ranges_of(SYS_select, 65, 0x11000, 0, 0, 0x13000, 0, -EINTR);
	EXPECT(n == 1 && has_range(n, 0x13000, 16), "select EINTR: n=%d", n);
	/* poll writes every revents even when interrupted (ERESTARTNOHAND) */
	n = ranges_of(SYS_poll, 0x11000, 3, 1000, 0, 0, 0, -514);
	EXPECT(n == 1 && has_range(n, 0x11000, 24), "poll restart: n=%d", n);
	n = ranges_of(SYS_poll, 0x500, 3, 1000, 0, 0, 0, -EFAULT);
	EXPECT(n == 0, "poll EFAULT: n=%d", n);
	n = ranges_of(SYS_nanosleep, 0x11000, 0x12000, 0, 0, 0, 0, -EINTR);
	EXPECT(n == 1 && has_range(n, 0x12000, 16), "nanosleep EINTR: n=%d", n);
}

static void test_ioctl(void)
{
	uint32_t size = 99;
	int n;

	EXPECT(ioctl_out_size(TCGETS, &size) == 0 && size == 36,
	      "TCGETS size %u", size);
	EXPECT(ioctl_out_size(TIOCGWINSZ, &size) == 0 && size == 8,
	      "TIOCGWINSZ size %u", size);
	EXPECT(ioctl_out_size(FIONREAD, &size) == 0 && size == 4,
	      "FIONREAD size %u", size);
	EXPECT(ioctl_out_size(FIONBIO, &size) == 0 && size == 0,
	      "FIONBIO size %u", size);
	EXPECT(ioctl_out_size(TCSETSW, &size) == 0 && size == 0,
	      "TCSETSW size %u", size);
	EXPECT(ioctl_out_size(TIOCGPTN, &size) == 0 && size == 4,
	      "TIOCGPTN (_IOR) size %u", size);
	/* sign-extended by a caller passing an int */
	EXPECT(ioctl_out_size(0xffffffff80045430UL, &size) == 0 && size == 4,
	      "sign-extended TIOCGPTN size %u", size);
	EXPECT(ioctl_out_size(TIOCSPTLCK, &size) == 0 && size == 0,
	      "TIOCSPTLCK (_IOW) size %u", size);
	EXPECT(ioctl_out_size(0x1234, &size) == -1, "0x1234 known");
	EXPECT(ioctl_out_size(0x8912, &size) == -1, "SIOCGIFCONF sized");
	EXPECT(ioctl_out_layout(0x8912, &size) == IOCTL_IFCONF,
	      "SIOCGIFCONF layout");
	EXPECT(ioctl_out_size(0x541C, &size) == -1, "TIOCLINUX sized");
	EXPECT(ioctl_out_layout(0x541C, &size) == -1, "TIOCLINUX layout");
	EXPECT(ioctl_out_size(0x2, &size) == 0 && size == 4, "FIGETBSZ %u",
	       size);
	EXPECT(ioctl_out_size(0x127B, &size) == 0 && size == 4,
	       "BLKPBSZGET %u", size);
	EXPECT(ioctl_out_size(0x80081272, &size) == 0 && size == 8,
	       "BLKGETSIZE64 (_IOR) %u", size);
	/* misdeclared: an int where the number says a long, an ifreq where
	 * it says an int */
	EXPECT(ioctl_out_size(0x80086601, &size) == 0 && size == 4,
	       "FS_IOC_GETFLAGS %u", size);
	EXPECT(ioctl_out_size(0x400454CA, &size) == 0 && size == 40,
	       "TUNSETIFF %u", size);
	EXPECT(ioctl_out_size(0x8914, &size) == 0 && size == 0,
	       "SIOCSIFFLAGS %u", size);
	EXPECT(ioctl_name(TCGETS) && strcmp(ioctl_name(TCGETS), "TCGETS") == 0,
	      "TCGETS name");
	EXPECT(ioctl_name(0x1234) == NULL, "0x1234 named");

	n = ranges_of(SYS_ioctl, 0, TCGETS, 0x11000, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x11000, 36), "ioctl TCGETS: n=%d", n);
	n = ranges_of(SYS_ioctl, 0, TCGETS, 0x11000, 0, 0, 0, -ENOTTY);
	EXPECT(n == 0, "ioctl TCGETS on a non-tty: n=%d", n);
	n = ranges_of(SYS_ioctl, 0, FIONBIO, 0x11000, 0, 0, 0, 0);
	EXPECT(n == 0, "ioctl FIONBIO: n=%d", n);
	n = ranges_of(SYS_ioctl, 0, 0x1234, 0x11000, 0, 0, 0, 0);
	EXPECT(n == -1 && strstr(err.msg, "ioctl request 0x1234 not supported"),
	      "unknown ioctl: n=%d %s", n, err.msg);
	n = ranges_of(SYS_ioctl, 0, 0x541C, 0x11000, 0, 0, 0, 0);
	EXPECT(n == -1 && strstr(err.msg, "0x541c (TIOCLINUX)"),
	      "TIOCLINUX: n=%d %s", n, err.msg);
	/* a failed unknown request wrote nothing: not an error */
	n = ranges_of(SYS_ioctl, 0, 0x1234, 0x11000, 0, 0, 0, -ENOTTY);
	EXPECT(n == 0, "failed unknown ioctl: n=%d", n);
}

static void test_commands(void)
{
	uint64_t ca[4] = { CLONE_PARENT_SETTID | CLONE_PIDFD, 0x11000, 0,
			   0x12000 };
	int n;

	n = ranges_of(SYS_fcntl, 3, F_GETLK, 0x11000, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x11000, 32), "F_GETLK: n=%d", n);
	n = ranges_of(SYS_fcntl, 3, F_SETFL, 0x800, 0, 0, 0, 0);
	EXPECT(n == 0, "F_SETFL: n=%d", n);
	n = ranges_of(SYS_fcntl, 3, 9999, 0x11000, 0, 0, 0, 0);
	EXPECT(n == -1 && strstr(err.msg, "fcntl command 9999"),
	      "unknown fcntl: n=%d %s", n, err.msg);
	n = ranges_of(SYS_prctl, 16 /* PR_GET_NAME */, 0x11000, 0, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x11000, 16), "PR_GET_NAME: n=%d", n);
	n = ranges_of(SYS_prctl, 15 /* PR_SET_NAME */, 0x11000, 0, 0, 0, 0, 0);
	EXPECT(n == 0, "PR_SET_NAME: n=%d", n);
	n = ranges_of(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, 0x11000, 0, 0,
		      0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x11000, 8), "ARCH_GET_FS: n=%d", n);
	n = ranges_of(SYS_arch_prctl, 0x1002 /* ARCH_SET_FS */, 0x11000, 0, 0,
		      0, 0, 0);
	EXPECT(n == 0, "ARCH_SET_FS: n=%d", n);
	n = ranges_of(SYS_futex, 0x11000, FUTEX_WAIT_PRIVATE, 1, 0, 0, 0,
		      -EAGAIN);
	EXPECT(n == 0, "futex wait: n=%d", n);
	n = ranges_of(SYS_futex, 0x11000, FUTEX_WAKE_OP_PRIVATE, 1, 1, 0x12000,
		      0, 1);
	EXPECT(n == 1 && has_range(n, 0x12000, 4), "futex wake_op: n=%d", n);
	n = ranges_of(SYS_futex, 0x11000, FUTEX_LOCK_PI, 0, 0, 0, 0,
		      -ETIMEDOUT);
	EXPECT(n == 1 && has_range(n, 0x11000, 4), "futex lock_pi: n=%d", n);
	n = ranges_of(SYS_clone, CLONE_VM | CLONE_THREAD | CLONE_PARENT_SETTID,
		      0, 0x11000, 0, 0, 0, 4321);
	EXPECT(n == 1 && has_range(n, 0x11000, 4), "clone: n=%d", n);
	n = ranges_of(SYS_clone, CLONE_VM | CLONE_THREAD | CLONE_PARENT_SETTID,
		      0, 0x11000, 0, 0, 0, 0);
	EXPECT(n == 0, "clone in the child: n=%d", n);
	put(0x10700, ca, sizeof ca);
	n = ranges_of(SYS_clone3, 0x10700, 88, 0, 0, 0, 0, 4321);
	EXPECT(n == 2 && has_range(n, 0x11000, 4) && has_range(n, 0x12000, 4),
	      "clone3: n=%d", n);
}

/* Outputs the table only presumes written are recorded where readable:
 * the kernel leaves them alone in these cases, and a bad pointer there is
 * no error. Ranges the result proves written are not probed. */
static void test_probed(void)
{
	uint32_t len = 16;
	int n;

	/* nanosleep's rem after a full sleep, at an address not mapped */
	n = ranges_of(SYS_nanosleep, 0x7000, 0x500, 0, 0, 0, 0, 0);
	EXPECT(n == 0, "nanosleep, bad rem: n=%d", n);
	n = ranges_of(SYS_nanosleep, 0x7000, 0x8000, 0, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x8000, 16), "nanosleep: n=%d", n);
	/* wait4 with WNOHANG and no child ready: status not stored */
	n = ranges_of(SYS_wait4, -1, 0x8, 1, 0, 0, 0, 0);
	EXPECT(n == 0, "wait4 WNOHANG, bad status: n=%d", n);
	/* recvfrom with no address ignores the length pointer */
	n = ranges_of(SYS_recvfrom, 3, 0x7000, 100, 0, 0, 0x8, 5);
	EXPECT(n == 1 && has_range(n, 0x7000, 5), "recvfrom, bad lenp: n=%d",
	       n);
	/* an output that may be left alone, at the end of the mapped
	 * memory, is cut there */
	n = ranges_of(SYS_wait4, -1, MEM_END - 2, 1, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, MEM_END - 2, 2), "wait4 at end: n=%d",
	       n);
	/* one a success always fills is not probed (fstat's buffer) */
	reads = 0;
	n = ranges_of(SYS_fstat, 3, 0x500, 0, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x500, 144) && reads == 0,
	       "fstat: n=%d, %d reads", n, reads);
	/* an address truncated to a 4-byte buffer at the end of memory,
	 * whose reported length is 16 */
	put(0x10600, &len, sizeof len);
	n = ranges_of(SYS_accept4, 3, MEM_END - 4, 0x10600, 0, 0, 0, 5);
	EXPECT(n == 2 && has_range(n, MEM_END - 4, 4) &&
	       has_range(n, 0x10600, 4), "accept4 truncated: n=%d", n);
	/* read's result says the kernel stored that much: not probed */
	n = ranges_of(SYS_read, 3, 0x500, 10, 0, 0, 0, 10);
	EXPECT(n == 1 && has_range(n, 0x500, 10), "read: n=%d", n);
	/* EFAULT: the kernel may have stored the start of a buffer before
	 * the page it could not write (a pipe read whose first copy faults
	 * fails so), so the readable part of what it could have written is
	 * recorded; an unmapped buffer records nothing */
	n = ranges_of(SYS_read, 3, MEM_END - 40, 100, 0, 0, 0, -EFAULT);
	EXPECT(n == 1 && has_range(n, MEM_END - 40, 40), "read EFAULT: n=%d",
	       n);
	n = ranges_of(SYS_read, 3, 0x500, 100, 0, 0, 0, -EFAULT);
	EXPECT(n == 0, "read EFAULT unmapped: n=%d", n);
	n = ranges_of(SYS_fstat, 3, MEM_END - 16, 0, 0, 0, 0, -EFAULT);
	EXPECT(n == 1 && has_range(n, MEM_END - 16, 16), "fstat EFAULT: n=%d",
	       n);
	n = ranges_of(SYS_adjtimex, 0x500, 0, 0, 0, 0, 0, -EFAULT);
	EXPECT(n == 0, "adjtimex EFAULT: n=%d", n);
	/* readv: each iovec, as far as readable */
	struct iovec iov[2] = { { (void *)0x11000, 100 },
				{ (void *)(MEM_END - 8), 100 } };
	put(0x10100, iov, sizeof iov);
	n = ranges_of(SYS_readv, 3, 0x10100, 2, 0, 0, 0, -EFAULT);
	EXPECT(n == 2 && has_range(n, 0x11000, 100) &&
	       has_range(n, MEM_END - 8, 8), "readv EFAULT: n=%d", n);
	/* an iovec array the kernel could not read: nothing */
	n = ranges_of(SYS_readv, 3, 0x500, 2, 0, 0, 0, -EFAULT);
	EXPECT(n == 0, "readv EFAULT, bad array: n=%d", n);
	/* kinds the result sizes: nothing to find */
	n = ranges_of(SYS_recvmsg, 3, 0x10300, 0, 0, 0, 0, -EFAULT);
	EXPECT(n == 0, "recvmsg EFAULT: n=%d", n);
}

static void test_sysv(void)
{
	int n, id;
	union { int val; struct semid_ds *buf; unsigned short *array; } arg;

	/* msgrcv: the long mtype, then the text's result bytes */
	n = ranges_of(SYS_msgrcv, 5, 0x7000, 64, 0, 0, 0, 10);
	EXPECT(n == 1 && has_range(n, 0x7000, 18), "msgrcv: n=%d", n);
	n = ranges_of(SYS_msgrcv, 5, 0x7000, 64, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 8), "msgrcv empty: n=%d", n);
	n = ranges_of(SYS_msgrcv, 5, 0x7000, 64, 0, 04000, 0, -ENOMSG);
	EXPECT(n == 0, "msgrcv ENOMSG: n=%d", n);
	n = ranges_of(SYS_msgctl, 5, IPC_STAT, 0x7000, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 120), "msgctl IPC_STAT: n=%d", n);
	n = ranges_of(SYS_msgctl, 5, IPC_STAT | 0x100, 0x7000, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 120), "msgctl IPC_64: n=%d", n);
	n = ranges_of(SYS_msgctl, 5, 12 /* MSG_INFO */, 0x7000, 0, 0, 0, 3);
	EXPECT(n == 1 && has_range(n, 0x7000, 32), "msgctl MSG_INFO: n=%d", n);
	n = ranges_of(SYS_msgctl, 5, IPC_RMID, 0, 0, 0, 0, 0);
	EXPECT(n == 0, "msgctl IPC_RMID: n=%d", n);
	n = ranges_of(SYS_msgctl, 5, 99, 0x7000, 0, 0, 0, 0);
	EXPECT(n == -1 && strstr(err.msg, "msgctl command 99"),
	       "msgctl 99: n=%d %s", n, err.msg);
	n = ranges_of(SYS_shmctl, 5, IPC_STAT, 0x7000, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 112), "shmctl IPC_STAT: n=%d", n);
	n = ranges_of(SYS_shmctl, 5, IPC_INFO, 0x7000, 0, 0, 0, 2);
	EXPECT(n == 1 && has_range(n, 0x7000, 72), "shmctl IPC_INFO: n=%d", n);
	n = ranges_of(SYS_shmctl, 5, 14 /* SHM_INFO */, 0x7000, 0, 0, 0, 2);
	EXPECT(n == 1 && has_range(n, 0x7000, 48), "shmctl SHM_INFO: n=%d", n);
	n = ranges_of(SYS_shmctl, 5, 11 /* SHM_LOCK */, 0, 0, 0, 0, 0);
	EXPECT(n == 0, "shmctl SHM_LOCK: n=%d", n);
	n = ranges_of(SYS_semctl, 5, 0, IPC_STAT, 0x7000, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 104), "semctl IPC_STAT: n=%d", n);
	n = ranges_of(SYS_semctl, 5, 0, 19 /* SEM_INFO */, 0x7000, 0, 0, 1);
	EXPECT(n == 1 && has_range(n, 0x7000, 40), "semctl SEM_INFO: n=%d", n);
	n = ranges_of(SYS_semctl, 5, 0, 12 /* GETVAL */, 0, 0, 0, 3);
	EXPECT(n == 0, "semctl GETVAL: n=%d", n);
	/* GETALL: the set's size is asked of the kernel, here of a real set
	 * of five (whose GETALL the fake call stands for) */
	id = semget(IPC_PRIVATE, 5, 0600);
	EXPECT(id >= 0, "semget: %s", strerror(errno));
	if (id >= 0) {
		n = ranges_of(SYS_semctl, (uint64_t)id, 0, GETALL, 0x7000, 0, 0,
			      0);
		EXPECT(n == 1 && has_range(n, 0x7000, 10),
		       "semctl GETALL: n=%d %s", n, err.msg);
		arg.val = 0;
		semctl(id, 0, IPC_RMID, arg);
		n = ranges_of(SYS_semctl, (uint64_t)id, 0, GETALL, 0x7000, 0, 0,
			      0);
		EXPECT(n == -1 && strstr(err.msg, "GETALL"),
		       "semctl GETALL of a removed set: n=%d %s", n, err.msg);
	}
}

static void test_admin(void)
{
	uint32_t u32;
	uint16_t u16;
	struct { int32_t len; uint32_t pad; uint64_t buf; } ifc;
	int n;

	/* mincore: a byte a page, the last partial page included */
	n = ranges_of(SYS_mincore, 0x100000, 3 * 4096 + 1, 0x7000, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 4), "mincore: n=%d", n);
	n = ranges_of(SYS_move_pages, 0, 3, 0x7000, 0, 0x8000, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x8000, 12), "move_pages: n=%d", n);
	/* syslog: the reads fill their result, the sizes store nothing */
	n = ranges_of(SYS_syslog, 3, 0x7000, 4096, 0, 0, 0, 40);
	EXPECT(n == 1 && has_range(n, 0x7000, 40), "syslog READ_ALL: n=%d", n);
	n = ranges_of(SYS_syslog, 10, 0x7000, 0, 0, 0, 0, 131072);
	EXPECT(n == 0, "syslog SIZE_BUFFER: n=%d", n);
	n = ranges_of(SYS_syslog, 99, 0x7000, 0, 0, 0, 0, 0);
	EXPECT(n == -1 && strstr(err.msg, "syslog action 99"),
	       "syslog 99: n=%d %s", n, err.msg);
	/* sysfs(2): the name, NUL included */
	put(0x7000, "ext4", 5);
	n = ranges_of(SYS_sysfs, 2, 0, 0x7000, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 5), "sysfs 2: n=%d", n);
	n = ranges_of(SYS_sysfs, 3, 0, 0, 0, 0, 0, 20);
	EXPECT(n == 0, "sysfs 3: n=%d", n);
	/* keyctl: what fits of the full size returned */
	n = ranges_of(SYS_keyctl, 6, 123, 0x7000, 100, 0, 0, 30);
	EXPECT(n == 1 && has_range(n, 0x7000, 30), "KEYCTL_DESCRIBE: n=%d", n);
	n = ranges_of(SYS_keyctl, 11, 123, 0x7000, 10, 0, 0, 30);
	EXPECT(n == 1 && has_range(n, 0x7000, 10), "KEYCTL_READ: n=%d", n);
	n = ranges_of(SYS_keyctl, 31, 0x7000, 4, 0, 0, 0, 2);
	EXPECT(n == 1 && has_range(n, 0x7000, 2), "KEYCTL_CAPABILITIES: n=%d",
	       n);
	n = ranges_of(SYS_keyctl, 0, -3, 1, 0, 0, 0, 456);
	EXPECT(n == 0, "KEYCTL_GET_KEYRING_ID: n=%d", n);
	n = ranges_of(SYS_keyctl, 99, 0, 0, 0, 0, 0, 0);
	EXPECT(n == -1 && strstr(err.msg, "keyctl command 99"),
	       "keyctl 99: n=%d %s", n, err.msg);
	/* quotactl: QCMD(Q_GETQUOTA, USRQUOTA), QCMD(Q_GETINFO, GRPQUOTA) */
	n = ranges_of(SYS_quotactl, 0x80000700, 0x8000, 0, 0x7000, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 72), "Q_GETQUOTA: n=%d", n);
	n = ranges_of(SYS_quotactl_fd, 3, 0x80000501, 0, 0x7000, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 24), "Q_GETINFO: n=%d", n);
	n = ranges_of(SYS_quotactl, 0x80000100, 0x8000, 0, 0, 0, 0, 0);
	EXPECT(n == 0, "Q_SYNC: n=%d", n);
	n = ranges_of(SYS_quotactl, 0x12300, 0x8000, 0, 0x7000, 0, 0, 0);
	EXPECT(n == -1 && strstr(err.msg, "quotactl command 0x12300"),
	       "quotactl unknown: n=%d %s", n, err.msg);
	/* clock state: adjtimex stores its timex even when refused */
	n = ranges_of(SYS_adjtimex, 0x7000, 0, 0, 0, 0, 0, -EPERM);
	EXPECT(n == 1 && has_range(n, 0x7000, 208), "adjtimex EPERM: n=%d", n);
	n = ranges_of(SYS_clock_adjtime, 0, 0x7000, 0, 0, 0, 0, -EPERM);
	EXPECT(n == 0, "clock_adjtime EPERM: n=%d", n);
	n = ranges_of(SYS_clock_adjtime, 0, 0x7000, 0, 0, 0, 0, 5);
	EXPECT(n == 1 && has_range(n, 0x7000, 208), "clock_adjtime: n=%d", n);
	/* name_to_handle_at: 8 bytes of header and handle_bytes */
	u32 = 8;
	put(0x7000, &u32, sizeof u32);
	n = ranges_of(SYS_name_to_handle_at, -100, 0x9000, 0x7000, 0x8000, 0,
		      0, 0);
	EXPECT(n == 2 && has_range(n, 0x7000, 16) && has_range(n, 0x8000, 4),
	       "name_to_handle_at: n=%d", n);
	n = ranges_of(SYS_name_to_handle_at, -100, 0x9000, 0x7000, 0x8000, 1,
		      0, -EOVERFLOW);
	EXPECT(n == 2 && has_range(n, 0x7000, 8) && has_range(n, 0x8000, 8),
	       "name_to_handle_at EOVERFLOW: n=%d", n);
	/* lsm_get_self_attr: *size bytes of contexts, and *size on E2BIG */
	u32 = 48;
	put(0x8000, &u32, sizeof u32);
	n = ranges_of(459 /* lsm_get_self_attr */, 100, 0x7000, 0x8000, 0, 0,
		      0, 1);
	EXPECT(n == 2 && has_range(n, 0x7000, 48) && has_range(n, 0x8000, 4),
	       "lsm_get_self_attr: n=%d", n);
	n = ranges_of(459 /* lsm_get_self_attr */, 100, 0, 0x8000, 0, 0, 0,
		      -E2BIG);
	EXPECT(n == 1 && has_range(n, 0x8000, 4),
	       "lsm_get_self_attr E2BIG: n=%d", n);
	n = ranges_of(461 /* lsm_list_modules */, 0x7000, 0x8000, 0, 0, 0, 0,
		      3);
	EXPECT(n == 2 && has_range(n, 0x7000, 24) && has_range(n, 0x8000, 4),
	       "lsm_list_modules: n=%d", n);
	/* statmount: the struct's size field, at most the buffer */
	u32 = 200;
	put(0x7000, &u32, sizeof u32);
	n = ranges_of(457 /* statmount */, 0x9000, 0x7000, 4096, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 200), "statmount: n=%d", n);
	n = ranges_of(458 /* listmount */, 0x9000, 0x7000, 100, 0, 0, 0, 3);
	EXPECT(n == 1 && has_range(n, 0x7000, 24), "listmount: n=%d", n);
	/* SIOCGIFCONF: the ifconf, and ifc_len bytes at ifc_buf */
	ifc.len = 80;
	ifc.pad = 0;
	ifc.buf = 0x9000;
	put(0x7000, &ifc, sizeof ifc);
	n = ranges_of(SYS_ioctl, 3, 0x8912, 0x7000, 0, 0, 0, 0);
	EXPECT(n == 2 && has_range(n, 0x7000, 16) && has_range(n, 0x9000, 80),
	       "SIOCGIFCONF: n=%d %s", n, err.msg);
	/* FS_IOC_FIEMAP: 2 extents of the 10 room was made for; on failure
	 * the header still comes back */
	u32 = 2;
	put(0x7000 + 20, &u32, sizeof u32);
	u32 = 10;
	put(0x7000 + 24, &u32, sizeof u32);
	n = ranges_of(SYS_ioctl, 3, 0xC020660B, 0x7000, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 32 + 2 * 56),
	       "FIEMAP: n=%d %s", n, err.msg);
	n = ranges_of(SYS_ioctl, 3, 0xC020660B, 0x7000, 0, 0, 0, -EBADR);
	EXPECT(n == 1 && has_range(n, 0x7000, 32), "FIEMAP EBADR: n=%d", n);
	/* FIDEDUPERANGE: 3 destinations */
	u16 = 3;
	put(0x7000 + 16, &u16, sizeof u16);
	n = ranges_of(SYS_ioctl, 3, 0xC0189436, 0x7000, 0, 0, 0, 0);
	EXPECT(n == 1 && has_range(n, 0x7000, 24 + 3 * 32),
	       "FIDEDUPERANGE: n=%d %s", n, err.msg);
}

static void test_limits(void)
{
	struct mem_range few[1];
	uint64_t args[6] = { 65, 0x11000, 0x12000, 0, 0, 0 };
	int n;

	/* a 128 MiB read is refused, naming the syscall */
	n = ranges_of(SYS_read, 3, 0x7000, 128 << 20, 0, 0, 0, 128 << 20);
	EXPECT(n == -1 && strstr(err.msg, "read") && strstr(err.msg, "bound"),
	      "huge read: n=%d %s", n, err.msg);
	n = ranges_of(SYS_poll, 0x11000, 1ULL << 40, 0, 0, 0, 0, 1);
	EXPECT(n == -1, "huge poll: n=%d", n);
	/* more ranges than room */
	n = sys_written_ranges(SYS_select, args, 1, fake_read, NULL, few, 1,
			       &err);
	EXPECT(n == -1 && strstr(err.msg, "select"), "room: n=%d %s", n,
	      err.msg);
	/* every number has a row now: one the kernel answers with ENOSYS
	 * writes nothing */
	n = ranges_of(SYS_uselib, 0, 0, 0, 0, 0, 0, -ENOSYS);
	EXPECT(n == 0, "uselib: n=%d %s", n, err.msg);
	n = ranges_of(400, 0, 0, 0, 0, 0, 0, -ENOSYS);
	EXPECT(n == 0, "syscall 400: n=%d %s", n, err.msg);
}

int main(void)
{
	test_table();
	test_rows();
	test_direct();
	test_readv();
	test_recvmsg();
	test_recvmmsg();
	test_socklen();
	test_polling();
	test_ioctl();
	test_commands();
	test_probed();
	test_sysv();
	test_admin();
	test_limits();
	if (check_failures) {
		fprintf(stderr, "test_syscalls: %d failure(s)\n", check_failures);
		return 1;
	}
	printf("test_syscalls: ok\n");
	return 0;
}
