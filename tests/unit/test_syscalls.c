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
 *     interrupted, failures, unknown ioctls, the length bound. */
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
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "tests/unit/check.h"

/* ---- fake tracee memory: MEM_SIZE bytes at MEM_BASE ---- */

#define MEM_BASE 0x10000ULL
#define MEM_SIZE 0x10000ULL

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
		EXPECT(kind <= OUT_BITS, "%s: output %d kind %d", d->name, i,
		      kind);
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
		if (!d)
			continue;
		rows++;
		check_row(nr, d);
		EXPECT(strcmp(sys_name(nr, buf, sizeof buf), d->name) == 0,
		      "sys_name(%ld)", nr);
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
	EXPECT(sys_lookup(SYS_uselib) == NULL, "row for uselib");
	EXPECT(strcmp(sys_name(SYS_uselib, buf, sizeof buf), "syscall_134") == 0,
	      "sys_name of an empty row: %s", buf);
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
	/* get_mempolicy: the mode, and a node mask of 65 bits in two longs */
	n = ranges_of(SYS_get_mempolicy, 0x7000, 0x8000, 65, 0, 0, 0, 0);
	EXPECT(n == 2 && has_range(n, 0x7000, 4) && has_range(n, 0x8000, 16),
	      "get_mempolicy: n=%d", n);
	/* waitid fills its siginfo even when it fails */
	n = ranges_of(SYS_waitid, 1, 3, 0x7000, 4, 0, 0, -ECHILD);
	EXPECT(n == 1 && has_range(n, 0x7000, 128), "waitid ECHILD: n=%d", n);
	n = ranges_of(SYS_waitid, 1, 3, 0x7000, 4, 0, 0, -EFAULT);
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
	n = ranges_of(SYS_poll, 0x11000, 3, 1000, 0, 0, 0, -EFAULT);
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
	n = ranges_of(SYS_ioctl, 0, 0x8912, 0x11000, 0, 0, 0, 0);
	EXPECT(n == -1 && strstr(err.msg, "0x8912 (SIOCGIFCONF)"),
	      "SIOCGIFCONF: n=%d %s", n, err.msg);
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
	n = ranges_of(SYS_uselib, 0, 0, 0, 0, 0, 0, 0);
	EXPECT(n == -1 && strstr(err.msg, "134"), "no row: n=%d %s", n,
	      err.msg);
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
	test_limits();
	if (check_failures) {
		fprintf(stderr, "test_syscalls: %d failure(s)\n", check_failures);
		return 1;
	}
	printf("test_syscalls: ok\n");
	return 0;
}
