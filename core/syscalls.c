/* The x86-64 syscall table (see syscalls.h for what a row says).
 *
 * Rows are indexed by the SYS_* numbers of <sys/syscall.h>, and every
 * number of the table has one: a recorded call, a SYS_UNSUPPORTED row for
 * a call heisen refuses (the error names it), or a SYS_BEYOND row for the
 * numbers x86-64 defines without implementing them and those it leaves
 * unassigned, which the kernel must answer with ENOSYS (recorded). A
 * number with no row would stop the recording naming only its number.
 *
 * Choices that apply to many rows:
 * - SYS_MAY_BLOCK is set on everything that can wait for another thread or
 *   process (pipes, sockets, terminals, FIFOs, locks, child exits, signals,
 *   timers), including open (a FIFO blocks until its other end opens) and
 *   ioctl (tcdrain). Marking a call that returns at once only costs a
 *   thread switch; missing one can deadlock the recording.
 * - Everything not marked SYS_EXECUTE is emulated at replay: it touches the
 *   outside world, and its result and outputs are in the trace. This holds
 *   for credentials, cwd, umask and timers too: the replayed process
 *   performs no file or timer operation that would see them.
 * - Output sizes are the kernel's structures on x86-64. Where glibc's type
 *   has the same layout, sizeof names it; otherwise a number, explained. */
#define _GNU_SOURCE
#include "syscalls.h"

#include <mqueue.h>
#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>

/* Syscalls newer than the build machine's headers. */
#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452
#endif
#ifndef SYS_map_shadow_stack
#define SYS_map_shadow_stack 453
#endif
#ifndef SYS_futex_wake
#define SYS_futex_wake 454
#endif
#ifndef SYS_futex_wait
#define SYS_futex_wait 455
#endif
#ifndef SYS_futex_requeue
#define SYS_futex_requeue 456
#endif
#ifndef SYS_mseal
#define SYS_mseal 462
#endif
#ifndef SYS_cachestat
#define SYS_cachestat 451
#endif
#ifndef SYS_statmount
#define SYS_statmount 457
#endif
#ifndef SYS_listmount
#define SYS_listmount 458
#endif
#ifndef SYS_lsm_get_self_attr
#define SYS_lsm_get_self_attr 459
#endif
#ifndef SYS_lsm_set_self_attr
#define SYS_lsm_set_self_attr 460
#endif
#ifndef SYS_lsm_list_modules
#define SYS_lsm_list_modules 461
#endif

/* A row is written { "name", ARGS(kinds...), flags, { outputs } }: ARGS
 * counts the arguments into .nargs and fills .arg by designators, and the
 * fields after it (flags, out) follow positionally. Designators also keep
 * compilers from asking for every field of rows without outputs. */
#define COUNT_(_0, _1, _2, _3, _4, _5, _6, n, ...) n
#define COUNT(...) COUNT_(_, ##__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define ARGS(...) .nargs = COUNT(__VA_ARGS__), .arg = { __VA_ARGS__ }

/* Output descriptors, one per kind, so rows read as what they mean. */
#define O_FIXED(a, n)          { (a), OUT_FIXED, 0, (n) }
#define O_FIXED_INTR(a, n)     { (a), OUT_FIXED | OUT_ON_INTR, 0, (n) }
#define O_FIXED_ALWAYS(a, n)   { (a), OUT_FIXED | OUT_ON_ERROR, 0, (n) }
#define O_FIXED_MAYBE(a, n)    { (a), OUT_FIXED_MAYBE, 0, (n) }
#define O_BITS(a, la)          { (a), OUT_BITS, (la), 0 }
#define O_ARG(a, la)           { (a), OUT_ARG, (la), 0 }
#define O_ARG_TIMES(a, la, n)  { (a), OUT_ARG_TIMES, (la), (n) }
#define O_RESULT(a)            { (a), OUT_RESULT, 0, 0 }
#define O_RESULT_TIMES(a, n)   { (a), OUT_RESULT_TIMES, 0, (n) }
#define O_RESULT_CAP(a, la)    { (a), OUT_RESULT_CAP, (la), 0 }
#define O_ARGPTR(a, la, cap)   { (a), OUT_ARGPTR, (la), (cap) }
#define O_IOV(a, la)           { (a), OUT_IOV_RESULT, (la), 0 }
#define O_MSGHDR(a)            { (a), OUT_MSGHDR, 0, 0 }
#define O_MMSGHDR(a)           { (a), OUT_MMSGHDR, 0, 0 }
#define O_SELECT(a, la)        { (a), OUT_SELECT, (la), 0 }
#define O_BY(kind, a)          { (a), (kind), 0, 0 }

/* Sizes of the kernel's structures: glibc's types where the layout is the
 * same, numbers where it is not (glibc's struct sigaction is 152 bytes). */
#define K_SIGACTION   32  /* handler, flags, restorer, 64-bit mask */
#define K_SOCKADDR    ((uint32_t)sizeof(struct sockaddr_storage))
#define K_STAT        ((uint32_t)sizeof(struct stat))
#define K_TIMESPEC    ((uint32_t)sizeof(struct timespec))
#define K_RUSAGE      ((uint32_t)sizeof(struct rusage))
#define K_SIGINFO     ((uint32_t)sizeof(siginfo_t))
#define K_ITIMERSPEC  ((uint32_t)sizeof(struct itimerspec))
#define K_EPOLL_EVENT ((uint32_t)sizeof(struct epoll_event)) /* packed: 12 */
#define K_TIMEX       208 /* struct __kernel_timex: 208 bytes, as glibc's */
#define K_USTAT       32  /* int, padding, unsigned long, 2 x char[6] */

/* Common flag sets. */
#define BLOCK      SYS_MAY_BLOCK
#define EXEC       SYS_EXECUTE
#define WRITE_FD   (SYS_WRITES_FD | SYS_MAY_BLOCK)
#define NO         SYS_UNSUPPORTED
#define FD_REUSE   SYS_FD_REUSE

static const struct sys_desc table[SYS_TABLE_SIZE] = {
	/* ---- file descriptors: data ---- */
	/* the result says how much of the buffer was filled; the buffer's
	 * size (the cap) bounds what a call failing with EFAULT may have
	 * filled before the fault (core/sysout.c) */
	[SYS_read] = { "read", ARGS(ARG_FD, ARG_PTR, ARG_UINT), BLOCK,
		{ O_RESULT_CAP(1, 2) } },
	[SYS_write] = { "write", ARGS(ARG_FD, ARG_PTR, ARG_UINT), WRITE_FD },
	[SYS_pread64] = { "pread64", ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_INT),
		BLOCK, { O_RESULT_CAP(1, 2) } },
	[SYS_pwrite64] = { "pwrite64",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_INT), WRITE_FD },
	[SYS_readv] = { "readv", ARGS(ARG_FD, ARG_PTR, ARG_UINT), BLOCK,
		{ O_IOV(1, 2) } },
	[SYS_writev] = { "writev", ARGS(ARG_FD, ARG_PTR, ARG_UINT), WRITE_FD },
	/* preadv's offset is split in two longs (pos_l, pos_h) */
	[SYS_preadv] = { "preadv",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_INT, ARG_INT), BLOCK,
		{ O_IOV(1, 2) } },
	[SYS_pwritev] = { "pwritev",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_INT, ARG_INT), WRITE_FD },
	[SYS_preadv2] = { "preadv2",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_INT, ARG_INT, ARG_HEX), BLOCK,
		{ O_IOV(1, 2) } },
	[SYS_pwritev2] = { "pwritev2",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_INT, ARG_INT, ARG_HEX),
		WRITE_FD },
	[SYS_lseek] = { "lseek", ARGS(ARG_FD, ARG_INT, ARG_INT) },
	/* sendfile, splice, tee and copy_file_range move data between fds
	 * without it passing through the tracee's memory: not SYS_WRITES_FD,
	 * whose data the recorder reads from arg 1. They update the offsets
	 * they are given pointers to. */
	[SYS_sendfile] = { "sendfile", ARGS(ARG_FD, ARG_FD, ARG_PTR, ARG_UINT),
		BLOCK, { O_FIXED(2, 8) } },
	[SYS_splice] = { "splice",
		ARGS(ARG_FD, ARG_PTR, ARG_FD, ARG_PTR, ARG_UINT, ARG_HEX), BLOCK,
		{ O_FIXED(1, 8), O_FIXED(3, 8) } },
	[SYS_tee] = { "tee", ARGS(ARG_FD, ARG_FD, ARG_UINT, ARG_HEX), BLOCK },
	[SYS_copy_file_range] = { "copy_file_range",
		ARGS(ARG_FD, ARG_PTR, ARG_FD, ARG_PTR, ARG_UINT, ARG_HEX), BLOCK,
		{ O_FIXED(1, 8), O_FIXED(3, 8) } },
	/* vmsplice from a pipe fills the iovecs up to its result; to a pipe
	 * the kernel takes the pages as they are (what a reader in the tree
	 * gets is its read's result), and the iovecs are then written back
	 * unchanged. To heisen's stdout, rec_output.c keeps the bytes. */
	[SYS_vmsplice] = { "vmsplice", ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_HEX),
		BLOCK, { O_IOV(1, 2) } },
	[SYS_getdents] = { "getdents", ARGS(ARG_FD, ARG_PTR, ARG_UINT), 0,
		{ O_RESULT_CAP(1, 2) } },
	[SYS_getdents64] = { "getdents64", ARGS(ARG_FD, ARG_PTR, ARG_UINT), 0,
		{ O_RESULT_CAP(1, 2) } },
	[SYS_readahead] = { "readahead", ARGS(ARG_FD, ARG_INT, ARG_UINT) },
	[SYS_fadvise64] = { "fadvise64",
		ARGS(ARG_FD, ARG_INT, ARG_UINT, ARG_INT) },
	[SYS_fallocate] = { "fallocate",
		ARGS(ARG_FD, ARG_HEX, ARG_INT, ARG_INT) },
	[SYS_ftruncate] = { "ftruncate", ARGS(ARG_FD, ARG_INT) },
	[SYS_fsync] = { "fsync", ARGS(ARG_FD), BLOCK },
	[SYS_fdatasync] = { "fdatasync", ARGS(ARG_FD), BLOCK },
	[SYS_sync] = { "sync", ARGS(), BLOCK },
	[SYS_syncfs] = { "syncfs", ARGS(ARG_FD), BLOCK },
	[SYS_sync_file_range] = { "sync_file_range",
		ARGS(ARG_FD, ARG_INT, ARG_INT, ARG_HEX), BLOCK },
	/* a failed ioctl writes nothing but FS_IOC_FIEMAP's header, so the
	 * failures reach the request's decoder (core/sysout.c) */
	[SYS_ioctl] = { "ioctl", ARGS(ARG_FD, ARG_HEX, ARG_PTR), BLOCK,
		{ { 2, OUT_IOCTL | OUT_ON_ERROR, 0, 0 } } },
	/* F_SETLKW and F_OFD_SETLKW wait for the lock */
	[SYS_fcntl] = { "fcntl", ARGS(ARG_FD, ARG_INT, ARG_HEX), BLOCK,
		{ O_BY(OUT_FCNTL, 2) } },
	[SYS_flock] = { "flock", ARGS(ARG_FD, ARG_HEX), BLOCK },

	/* ---- file descriptors: lifetime ---- */
	/* open waits when the path is a FIFO with no other end yet */
	[SYS_open] = { "open", ARGS(ARG_STR, ARG_HEX, ARG_HEX), BLOCK },
	[SYS_openat] = { "openat", ARGS(ARG_FD, ARG_STR, ARG_HEX, ARG_HEX),
		BLOCK },
	[SYS_openat2] = { "openat2", ARGS(ARG_FD, ARG_STR, ARG_PTR, ARG_UINT),
		BLOCK },
	[SYS_creat] = { "creat", ARGS(ARG_STR, ARG_HEX), BLOCK },
	[SYS_close] = { "close", ARGS(ARG_FD), FD_REUSE },
	[SYS_close_range] = { "close_range", ARGS(ARG_FD, ARG_FD, ARG_HEX),
		FD_REUSE },
	[SYS_dup] = { "dup", ARGS(ARG_FD) },
	[SYS_dup2] = { "dup2", ARGS(ARG_FD, ARG_FD), FD_REUSE },
	[SYS_dup3] = { "dup3", ARGS(ARG_FD, ARG_FD, ARG_HEX), FD_REUSE },
	[SYS_pipe] = { "pipe", ARGS(ARG_PTR), 0, { O_FIXED(0, 8) } },
	[SYS_pipe2] = { "pipe2", ARGS(ARG_PTR, ARG_HEX), 0, { O_FIXED(0, 8) } },
	[SYS_eventfd] = { "eventfd", ARGS(ARG_UINT) },
	[SYS_eventfd2] = { "eventfd2", ARGS(ARG_UINT, ARG_HEX) },
	[SYS_signalfd] = { "signalfd", ARGS(ARG_FD, ARG_PTR, ARG_UINT) },
	[SYS_signalfd4] = { "signalfd4",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_HEX) },
	[SYS_timerfd_create] = { "timerfd_create", ARGS(ARG_INT, ARG_HEX) },
	[SYS_timerfd_settime] = { "timerfd_settime",
		ARGS(ARG_FD, ARG_HEX, ARG_PTR, ARG_PTR), 0,
		{ O_FIXED(3, K_ITIMERSPEC) } },
	[SYS_timerfd_gettime] = { "timerfd_gettime", ARGS(ARG_FD, ARG_PTR), 0,
		{ O_FIXED(1, K_ITIMERSPEC) } },
	[SYS_memfd_create] = { "memfd_create", ARGS(ARG_STR, ARG_HEX) },
	[SYS_inotify_init] = { "inotify_init", ARGS() },
	[SYS_inotify_init1] = { "inotify_init1", ARGS(ARG_HEX) },
	[SYS_inotify_add_watch] = { "inotify_add_watch",
		ARGS(ARG_FD, ARG_STR, ARG_HEX) },
	[SYS_inotify_rm_watch] = { "inotify_rm_watch", ARGS(ARG_FD, ARG_INT) },
	/* fanotify events are read with read(); the fds they carry are
	 * numbers in the trace like any other */
	[SYS_fanotify_init] = { "fanotify_init", ARGS(ARG_HEX, ARG_HEX) },
	[SYS_fanotify_mark] = { "fanotify_mark",
		ARGS(ARG_FD, ARG_HEX, ARG_HEX, ARG_FD, ARG_STR) },
	/* the handle's length is its header's handle_bytes after the call;
	 * EOVERFLOW stores the header with the size needed */
	[SYS_name_to_handle_at] = { "name_to_handle_at",
		ARGS(ARG_FD, ARG_STR, ARG_PTR, ARG_PTR, ARG_HEX), 0,
		{ { 2, OUT_FILE_HANDLE | OUT_ON_ERROR, 0, 0 } } },
	/* opening a FIFO waits for its other end, as open does */
	[SYS_open_by_handle_at] = { "open_by_handle_at",
		ARGS(ARG_FD, ARG_PTR, ARG_HEX), BLOCK },
	[SYS_pidfd_open] = { "pidfd_open", ARGS(ARG_INT, ARG_HEX) },
	[SYS_pidfd_getfd] = { "pidfd_getfd", ARGS(ARG_FD, ARG_INT, ARG_HEX) },

	/* ---- polling ---- */
	/* poll writes every revents even when a signal interrupts it, and the
	 * select family writes back the time left whatever the outcome */
	[SYS_poll] = { "poll", ARGS(ARG_PTR, ARG_UINT, ARG_INT), BLOCK,
		{ { 0, OUT_ARG_TIMES | OUT_ON_INTR, 1, sizeof(struct pollfd) } } },
	[SYS_ppoll] = { "ppoll",
		ARGS(ARG_PTR, ARG_UINT, ARG_PTR, ARG_PTR, ARG_UINT), BLOCK,
		{ { 0, OUT_ARG_TIMES | OUT_ON_INTR, 1, sizeof(struct pollfd) },
		  O_FIXED_INTR(2, K_TIMESPEC) } },
	[SYS_select] = { "select",
		ARGS(ARG_INT, ARG_PTR, ARG_PTR, ARG_PTR, ARG_PTR), BLOCK,
		{ O_SELECT(1, 0), O_FIXED_INTR(4, sizeof(struct timeval)) } },
	/* arg 5 points to { sigset pointer, size }, read only */
	[SYS_pselect6] = { "pselect6",
		ARGS(ARG_INT, ARG_PTR, ARG_PTR, ARG_PTR, ARG_PTR, ARG_PTR), BLOCK,
		{ O_SELECT(1, 0), O_FIXED_INTR(4, K_TIMESPEC) } },
	[SYS_epoll_create] = { "epoll_create", ARGS(ARG_INT) },
	[SYS_epoll_create1] = { "epoll_create1", ARGS(ARG_HEX) },
	[SYS_epoll_ctl] = { "epoll_ctl", ARGS(ARG_FD, ARG_INT, ARG_FD, ARG_PTR) },
	[SYS_epoll_wait] = { "epoll_wait",
		ARGS(ARG_FD, ARG_PTR, ARG_INT, ARG_INT), BLOCK,
		{ O_RESULT_TIMES(1, K_EPOLL_EVENT) } },
	[SYS_epoll_pwait] = { "epoll_pwait",
		ARGS(ARG_FD, ARG_PTR, ARG_INT, ARG_INT, ARG_PTR, ARG_UINT), BLOCK,
		{ O_RESULT_TIMES(1, K_EPOLL_EVENT) } },
	[SYS_epoll_pwait2] = { "epoll_pwait2",
		ARGS(ARG_FD, ARG_PTR, ARG_INT, ARG_PTR, ARG_PTR, ARG_UINT), BLOCK,
		{ O_RESULT_TIMES(1, K_EPOLL_EVENT) } },

	/* ---- sockets ---- */
	[SYS_socket] = { "socket", ARGS(ARG_INT, ARG_HEX, ARG_INT) },
	[SYS_socketpair] = { "socketpair",
		ARGS(ARG_INT, ARG_HEX, ARG_INT, ARG_PTR), 0, { O_FIXED(3, 8) } },
	[SYS_bind] = { "bind", ARGS(ARG_FD, ARG_PTR, ARG_UINT) },
	[SYS_listen] = { "listen", ARGS(ARG_FD, ARG_INT) },
	[SYS_connect] = { "connect", ARGS(ARG_FD, ARG_PTR, ARG_UINT), BLOCK },
	/* without an address the kernel leaves the length alone, whatever
	 * pointer it is: O_FIXED_MAYBE */
	[SYS_accept] = { "accept", ARGS(ARG_FD, ARG_PTR, ARG_PTR), BLOCK,
		{ O_ARGPTR(1, 2, K_SOCKADDR), O_FIXED_MAYBE(2, 4) } },
	[SYS_accept4] = { "accept4", ARGS(ARG_FD, ARG_PTR, ARG_PTR, ARG_HEX),
		BLOCK, { O_ARGPTR(1, 2, K_SOCKADDR), O_FIXED_MAYBE(2, 4) } },
	[SYS_getsockname] = { "getsockname", ARGS(ARG_FD, ARG_PTR, ARG_PTR), 0,
		{ O_ARGPTR(1, 2, K_SOCKADDR), O_FIXED_MAYBE(2, 4) } },
	[SYS_getpeername] = { "getpeername", ARGS(ARG_FD, ARG_PTR, ARG_PTR), 0,
		{ O_ARGPTR(1, 2, K_SOCKADDR), O_FIXED_MAYBE(2, 4) } },
	/* the kernel stores the option's length in *optlen and copies that
	 * much: the same in-out pattern as an address length */
	[SYS_getsockopt] = { "getsockopt",
		ARGS(ARG_FD, ARG_INT, ARG_INT, ARG_PTR, ARG_PTR), 0,
		{ O_ARGPTR(3, 4, 0), O_FIXED(4, 4) } },
	[SYS_setsockopt] = { "setsockopt",
		ARGS(ARG_FD, ARG_INT, ARG_INT, ARG_PTR, ARG_UINT) },
	[SYS_shutdown] = { "shutdown", ARGS(ARG_FD, ARG_INT) },
	[SYS_sendto] = { "sendto",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_HEX, ARG_PTR, ARG_UINT),
		WRITE_FD },
	/* with MSG_TRUNC a datagram socket returns the datagram's full size */
	[SYS_recvfrom] = { "recvfrom",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_HEX, ARG_PTR, ARG_PTR), BLOCK,
		{ O_RESULT_CAP(1, 2), O_ARGPTR(4, 5, K_SOCKADDR),
		  O_FIXED_MAYBE(5, 4) } },
	[SYS_sendmsg] = { "sendmsg", ARGS(ARG_FD, ARG_PTR, ARG_HEX), WRITE_FD },
	[SYS_recvmsg] = { "recvmsg", ARGS(ARG_FD, ARG_PTR, ARG_HEX), BLOCK,
		{ O_MSGHDR(1) } },
	/* sendmmsg stores each message's msg_len in the array */
	[SYS_sendmmsg] = { "sendmmsg", ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_HEX),
		WRITE_FD, { O_RESULT_TIMES(1, sizeof(struct mmsghdr)) } },
	[SYS_recvmmsg] = { "recvmmsg",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_HEX, ARG_PTR), BLOCK,
		{ O_MMSGHDR(1), O_FIXED(4, K_TIMESPEC) } },

	/* ---- paths and metadata ---- */
	[SYS_stat] = { "stat", ARGS(ARG_STR, ARG_PTR), 0,
		{ O_FIXED(1, K_STAT) } },
	[SYS_fstat] = { "fstat", ARGS(ARG_FD, ARG_PTR), 0,
		{ O_FIXED(1, K_STAT) } },
	[SYS_lstat] = { "lstat", ARGS(ARG_STR, ARG_PTR), 0,
		{ O_FIXED(1, K_STAT) } },
	[SYS_newfstatat] = { "newfstatat",
		ARGS(ARG_FD, ARG_STR, ARG_PTR, ARG_HEX), 0,
		{ O_FIXED(2, K_STAT) } },
	[SYS_statx] = { "statx",
		ARGS(ARG_FD, ARG_STR, ARG_HEX, ARG_HEX, ARG_PTR), 0,
		{ O_FIXED(4, sizeof(struct statx)) } },
	[SYS_statfs] = { "statfs", ARGS(ARG_STR, ARG_PTR), 0,
		{ O_FIXED(1, sizeof(struct statfs)) } },
	[SYS_fstatfs] = { "fstatfs", ARGS(ARG_FD, ARG_PTR), 0,
		{ O_FIXED(1, sizeof(struct statfs)) } },
	[SYS_access] = { "access", ARGS(ARG_STR, ARG_HEX) },
	[SYS_faccessat] = { "faccessat", ARGS(ARG_FD, ARG_STR, ARG_HEX) },
	[SYS_faccessat2] = { "faccessat2",
		ARGS(ARG_FD, ARG_STR, ARG_HEX, ARG_HEX) },
	[SYS_readlink] = { "readlink", ARGS(ARG_STR, ARG_PTR, ARG_UINT), 0,
		{ O_RESULT_CAP(1, 2) } },
	[SYS_readlinkat] = { "readlinkat",
		ARGS(ARG_FD, ARG_STR, ARG_PTR, ARG_UINT), 0,
		{ O_RESULT_CAP(2, 3) } },
	/* getcwd returns the length including the NUL */
	[SYS_getcwd] = { "getcwd", ARGS(ARG_PTR, ARG_UINT), 0,
		{ O_RESULT_CAP(0, 1) } },
	[SYS_chdir] = { "chdir", ARGS(ARG_STR) },
	[SYS_fchdir] = { "fchdir", ARGS(ARG_FD) },
	[SYS_chroot] = { "chroot", ARGS(ARG_STR) },
	[SYS_rename] = { "rename", ARGS(ARG_STR, ARG_STR) },
	[SYS_renameat] = { "renameat", ARGS(ARG_FD, ARG_STR, ARG_FD, ARG_STR) },
	[SYS_renameat2] = { "renameat2",
		ARGS(ARG_FD, ARG_STR, ARG_FD, ARG_STR, ARG_HEX) },
	[SYS_mkdir] = { "mkdir", ARGS(ARG_STR, ARG_HEX) },
	[SYS_mkdirat] = { "mkdirat", ARGS(ARG_FD, ARG_STR, ARG_HEX) },
	[SYS_rmdir] = { "rmdir", ARGS(ARG_STR) },
	[SYS_link] = { "link", ARGS(ARG_STR, ARG_STR) },
	[SYS_linkat] = { "linkat",
		ARGS(ARG_FD, ARG_STR, ARG_FD, ARG_STR, ARG_HEX) },
	[SYS_unlink] = { "unlink", ARGS(ARG_STR) },
	[SYS_unlinkat] = { "unlinkat", ARGS(ARG_FD, ARG_STR, ARG_HEX) },
	[SYS_symlink] = { "symlink", ARGS(ARG_STR, ARG_STR) },
	[SYS_symlinkat] = { "symlinkat", ARGS(ARG_STR, ARG_FD, ARG_STR) },
	[SYS_mknod] = { "mknod", ARGS(ARG_STR, ARG_HEX, ARG_HEX) },
	[SYS_mknodat] = { "mknodat", ARGS(ARG_FD, ARG_STR, ARG_HEX, ARG_HEX) },
	[SYS_chmod] = { "chmod", ARGS(ARG_STR, ARG_HEX) },
	[SYS_fchmod] = { "fchmod", ARGS(ARG_FD, ARG_HEX) },
	[SYS_fchmodat] = { "fchmodat", ARGS(ARG_FD, ARG_STR, ARG_HEX) },
	[SYS_fchmodat2] = { "fchmodat2",
		ARGS(ARG_FD, ARG_STR, ARG_HEX, ARG_HEX) },
	[SYS_chown] = { "chown", ARGS(ARG_STR, ARG_INT, ARG_INT) },
	[SYS_fchown] = { "fchown", ARGS(ARG_FD, ARG_INT, ARG_INT) },
	[SYS_lchown] = { "lchown", ARGS(ARG_STR, ARG_INT, ARG_INT) },
	[SYS_fchownat] = { "fchownat",
		ARGS(ARG_FD, ARG_STR, ARG_INT, ARG_INT, ARG_HEX) },
	[SYS_truncate] = { "truncate", ARGS(ARG_STR, ARG_INT) },
	[SYS_umask] = { "umask", ARGS(ARG_HEX) },
	[SYS_utime] = { "utime", ARGS(ARG_STR, ARG_PTR) },
	[SYS_utimes] = { "utimes", ARGS(ARG_STR, ARG_PTR) },
	[SYS_futimesat] = { "futimesat", ARGS(ARG_FD, ARG_STR, ARG_PTR) },
	[SYS_utimensat] = { "utimensat",
		ARGS(ARG_FD, ARG_STR, ARG_PTR, ARG_HEX) },
	/* the xattr getters return the size they would need when given size
	 * 0, without writing: hence capped at the size argument */
	[SYS_getxattr] = { "getxattr",
		ARGS(ARG_STR, ARG_STR, ARG_PTR, ARG_UINT), 0,
		{ O_RESULT_CAP(2, 3) } },
	[SYS_lgetxattr] = { "lgetxattr",
		ARGS(ARG_STR, ARG_STR, ARG_PTR, ARG_UINT), 0,
		{ O_RESULT_CAP(2, 3) } },
	[SYS_fgetxattr] = { "fgetxattr",
		ARGS(ARG_FD, ARG_STR, ARG_PTR, ARG_UINT), 0,
		{ O_RESULT_CAP(2, 3) } },
	[SYS_listxattr] = { "listxattr", ARGS(ARG_STR, ARG_PTR, ARG_UINT), 0,
		{ O_RESULT_CAP(1, 2) } },
	[SYS_llistxattr] = { "llistxattr", ARGS(ARG_STR, ARG_PTR, ARG_UINT), 0,
		{ O_RESULT_CAP(1, 2) } },
	[SYS_flistxattr] = { "flistxattr", ARGS(ARG_FD, ARG_PTR, ARG_UINT), 0,
		{ O_RESULT_CAP(1, 2) } },
	[SYS_setxattr] = { "setxattr",
		ARGS(ARG_STR, ARG_STR, ARG_PTR, ARG_UINT, ARG_HEX) },
	[SYS_lsetxattr] = { "lsetxattr",
		ARGS(ARG_STR, ARG_STR, ARG_PTR, ARG_UINT, ARG_HEX) },
	[SYS_fsetxattr] = { "fsetxattr",
		ARGS(ARG_FD, ARG_STR, ARG_PTR, ARG_UINT, ARG_HEX) },
	[SYS_removexattr] = { "removexattr", ARGS(ARG_STR, ARG_STR) },
	[SYS_lremovexattr] = { "lremovexattr", ARGS(ARG_STR, ARG_STR) },
	[SYS_fremovexattr] = { "fremovexattr", ARGS(ARG_FD, ARG_STR) },
	[SYS_ustat] = { "ustat", ARGS(ARG_HEX, ARG_PTR), 0,
		{ O_FIXED(1, K_USTAT) } },
	/* sysfs(1, name) and sysfs(3) return numbers; sysfs(2, index, buf)
	 * copies a file system type's name */
	[SYS_sysfs] = { "sysfs", ARGS(ARG_INT, ARG_HEX, ARG_PTR), 0,
		{ O_BY(OUT_SYSFS, 2) } },
	/* struct cachestat: five u64 page counts */
	[SYS_cachestat] = { "cachestat", ARGS(ARG_FD, ARG_PTR, ARG_PTR, ARG_HEX),
		0, { O_FIXED(2, 40) } },
	/* quotas: the getters fill a structure chosen by the command; Q_SYNC
	 * writes the quota files out */
	[SYS_quotactl] = { "quotactl", ARGS(ARG_HEX, ARG_STR, ARG_INT, ARG_PTR),
		BLOCK, { { 3, OUT_QUOTACTL, 0, 0 } } },
	[SYS_quotactl_fd] = { "quotactl_fd",
		ARGS(ARG_FD, ARG_HEX, ARG_INT, ARG_PTR), BLOCK,
		{ { 3, OUT_QUOTACTL, 1, 0 } } },

	/* ---- mounts ---- */
	/* The recording has a mount namespace of its own (core/launch.c),
	 * and the recorder stores the files the program maps by the paths
	 * /proc shows it: a mount made there changes what a path names for
	 * the program and not for the recorder. The calls that only open or
	 * configure (open_tree, fsopen, fsconfig, fspick) are recorded; those
	 * that make or change a mount are refused. (A tree that open_tree
	 * clones with OPEN_TREE_CLONE is detached: files opened through it
	 * have paths relative to it, and mapping one is not supported.) */
	[SYS_mount] = { "mount",
		ARGS(ARG_STR, ARG_STR, ARG_STR, ARG_HEX, ARG_PTR), NO },
	[SYS_umount2] = { "umount2", ARGS(ARG_STR, ARG_HEX), NO },
	[SYS_pivot_root] = { "pivot_root", ARGS(ARG_STR, ARG_STR), NO },
	[SYS_move_mount] = { "move_mount",
		ARGS(ARG_FD, ARG_STR, ARG_FD, ARG_STR, ARG_HEX), NO },
	[SYS_mount_setattr] = { "mount_setattr",
		ARGS(ARG_FD, ARG_STR, ARG_HEX, ARG_PTR, ARG_UINT), NO },
	[SYS_fsmount] = { "fsmount", ARGS(ARG_FD, ARG_HEX, ARG_HEX), NO },
	[SYS_open_tree] = { "open_tree", ARGS(ARG_FD, ARG_STR, ARG_HEX) },
	[SYS_fsopen] = { "fsopen", ARGS(ARG_STR, ARG_HEX) },
	/* its messages are read from the fd with read() */
	[SYS_fsconfig] = { "fsconfig",
		ARGS(ARG_FD, ARG_UINT, ARG_STR, ARG_PTR, ARG_INT) },
	[SYS_fspick] = { "fspick", ARGS(ARG_FD, ARG_STR, ARG_HEX) },
	/* statmount's struct statmount says in its first u32 how many of
	 * its bytes (strings included) the kernel stored; listmount stores
	 * one u64 mount id per mount it counts */
	[SYS_statmount] = { "statmount", ARGS(ARG_PTR, ARG_PTR, ARG_UINT, ARG_HEX),
		0, { { 1, OUT_SELF_SIZED, 2, 0 } } },
	[SYS_listmount] = { "listmount", ARGS(ARG_PTR, ARG_PTR, ARG_UINT, ARG_HEX),
		0, { O_RESULT_TIMES(1, 8) } },

	/* ---- memory: performed again at replay ---- */
	[SYS_mmap] = { "mmap",
		ARGS(ARG_PTR, ARG_UINT, ARG_HEX, ARG_HEX, ARG_FD, ARG_HEX), EXEC },
	[SYS_munmap] = { "munmap", ARGS(ARG_PTR, ARG_UINT), EXEC },
	[SYS_mprotect] = { "mprotect", ARGS(ARG_PTR, ARG_UINT, ARG_HEX), EXEC },
	[SYS_mremap] = { "mremap",
		ARGS(ARG_PTR, ARG_UINT, ARG_UINT, ARG_HEX, ARG_PTR), EXEC },
	[SYS_brk] = { "brk", ARGS(ARG_PTR), EXEC },
	/* MADV_DONTNEED and friends zero memory */
	[SYS_madvise] = { "madvise", ARGS(ARG_PTR, ARG_UINT, ARG_INT), EXEC },
	[SYS_mlock] = { "mlock", ARGS(ARG_PTR, ARG_UINT), EXEC },
	[SYS_mlock2] = { "mlock2", ARGS(ARG_PTR, ARG_UINT, ARG_HEX), EXEC },
	[SYS_munlock] = { "munlock", ARGS(ARG_PTR, ARG_UINT), EXEC },
	[SYS_mlockall] = { "mlockall", ARGS(ARG_HEX), EXEC },
	[SYS_munlockall] = { "munlockall", ARGS(), EXEC },
	[SYS_pkey_mprotect] = { "pkey_mprotect",
		ARGS(ARG_PTR, ARG_UINT, ARG_HEX, ARG_INT), EXEC },
	/* pkey_alloc changes the thread's PKRU register */
	[SYS_pkey_alloc] = { "pkey_alloc", ARGS(ARG_HEX, ARG_HEX), EXEC },
	[SYS_pkey_free] = { "pkey_free", ARGS(ARG_INT), EXEC },
	[SYS_map_shadow_stack] = { "map_shadow_stack",
		ARGS(ARG_PTR, ARG_UINT, ARG_HEX), EXEC },
	[SYS_mseal] = { "mseal", ARGS(ARG_PTR, ARG_UINT, ARG_HEX), EXEC },
	[SYS_membarrier] = { "membarrier", ARGS(ARG_INT, ARG_HEX, ARG_INT),
		EXEC },
	/* which pages are resident: a question, emulated (one byte a page) */
	[SYS_mincore] = { "mincore", ARGS(ARG_PTR, ARG_UINT, ARG_PTR), 0,
		{ { 2, OUT_PAGES, 1, 0 } } },
	/* msync writes a file-backed mapping to its file: the outside world */
	[SYS_msync] = { "msync", ARGS(ARG_PTR, ARG_UINT, ARG_HEX), BLOCK },
	/* process_vm_readv can read its own process: only local iovecs are
	 * written (process_vm_writev, which changes another process's
	 * memory behind its back, is refused below) */
	[SYS_process_vm_readv] = { "process_vm_readv",
		ARGS(ARG_INT, ARG_PTR, ARG_UINT, ARG_PTR, ARG_UINT, ARG_HEX), 0,
		{ O_IOV(1, 2) } },

	/* ---- processes and threads ---- */
	/* clone without CLONE_THREAD is a process: the recorder looks at the
	 * flags; pthread_create uses clone3 since glibc 2.34 */
	[SYS_clone] = { "clone",
		ARGS(ARG_HEX, ARG_PTR, ARG_PTR, ARG_PTR, ARG_HEX),
		EXEC | SYS_PROCESS, { O_BY(OUT_CLONE, 2) } },
	[SYS_clone3] = { "clone3", ARGS(ARG_PTR, ARG_UINT), EXEC | SYS_PROCESS,
		{ O_BY(OUT_CLONE3, 0) } },
	[SYS_fork] = { "fork", ARGS(), SYS_PROCESS },
	/* (the parent sleeps until the child execs or exits: the recorder
	 * gives its CPU away at the creation event, not before) */
	[SYS_vfork] = { "vfork", ARGS(), SYS_PROCESS },
	[SYS_execve] = { "execve", ARGS(ARG_STR, ARG_PTR, ARG_PTR),
		SYS_PROCESS | FD_REUSE },
	[SYS_execveat] = { "execveat",
		ARGS(ARG_FD, ARG_STR, ARG_PTR, ARG_PTR, ARG_HEX),
		SYS_PROCESS | FD_REUSE },
	[SYS_exit] = { "exit", ARGS(ARG_INT), EXEC | SYS_NORETURN },
	[SYS_exit_group] = { "exit_group", ARGS(ARG_INT),
		EXEC | SYS_NORETURN },
	/* with WNOHANG and no child ready (result 0) nothing is stored */
	[SYS_wait4] = { "wait4", ARGS(ARG_INT, ARG_PTR, ARG_HEX, ARG_PTR),
		BLOCK, { O_FIXED_MAYBE(1, 4), O_FIXED_MAYBE(3, K_RUSAGE) } },
	[SYS_waitid] = { "waitid",
		ARGS(ARG_INT, ARG_INT, ARG_PTR, ARG_HEX, ARG_PTR), BLOCK,
		{ O_FIXED_ALWAYS(2, K_SIGINFO), O_FIXED(4, K_RUSAGE) } },
	[SYS_set_tid_address] = { "set_tid_address", ARGS(ARG_PTR), EXEC },
	[SYS_set_robust_list] = { "set_robust_list", ARGS(ARG_PTR, ARG_UINT),
		EXEC },
	[SYS_get_robust_list] = { "get_robust_list",
		ARGS(ARG_INT, ARG_PTR, ARG_PTR), 0,
		{ O_FIXED(1, 8), O_FIXED(2, 8) } },
	[SYS_arch_prctl] = { "arch_prctl", ARGS(ARG_HEX, ARG_PTR), EXEC,
		{ O_BY(OUT_ARCH_PRCTL, 1) } },
	[SYS_prctl] = { "prctl",
		ARGS(ARG_INT, ARG_HEX, ARG_HEX, ARG_HEX, ARG_HEX), 0,
		{ O_BY(OUT_PRCTL, 1) } },
	/* libc falls back to its own code when rseq fails */
	[SYS_rseq] = { "rseq", ARGS(ARG_PTR, ARG_UINT, ARG_HEX, ARG_HEX),
		SYS_ENOSYS },
	[SYS_getpid] = { "getpid", ARGS() },
	[SYS_gettid] = { "gettid", ARGS() },
	[SYS_getppid] = { "getppid", ARGS() },
	[SYS_getpgrp] = { "getpgrp", ARGS() },
	[SYS_getpgid] = { "getpgid", ARGS(ARG_INT) },
	[SYS_setpgid] = { "setpgid", ARGS(ARG_INT, ARG_INT) },
	[SYS_getsid] = { "getsid", ARGS(ARG_INT) },
	[SYS_setsid] = { "setsid", ARGS() },
	[SYS_kcmp] = { "kcmp",
		ARGS(ARG_INT, ARG_INT, ARG_INT, ARG_UINT, ARG_UINT) },
	[SYS_personality] = { "personality", ARGS(ARG_HEX) },
	/* namespaces change what paths, pids and fds mean */
	[SYS_unshare] = { "unshare", ARGS(ARG_HEX), NO },
	[SYS_setns] = { "setns", ARGS(ARG_FD, ARG_HEX), NO },

	/* NUMA memory policy: the replay's pages are placed wherever; what the
	 * program is told comes from the trace */
	[SYS_mbind] = { "mbind",
		ARGS(ARG_PTR, ARG_UINT, ARG_INT, ARG_PTR, ARG_UINT, ARG_HEX) },
	[SYS_set_mempolicy] = { "set_mempolicy", ARGS(ARG_INT, ARG_PTR, ARG_UINT) },
	[SYS_set_mempolicy_home_node] = { "set_mempolicy_home_node",
		ARGS(ARG_PTR, ARG_UINT, ARG_INT, ARG_HEX) },
	/* the node mask is maxnode - 1 bits, rounded up to longs */
	[SYS_get_mempolicy] = { "get_mempolicy",
		ARGS(ARG_PTR, ARG_PTR, ARG_UINT, ARG_PTR, ARG_HEX), 0,
		{ O_FIXED(0, 4), { 1, OUT_NODEMASK, 2, 0 } } },
	/* moving pages between nodes leaves their contents; move_pages
	 * stores a status (a node or an error) for each of its count pages */
	[SYS_migrate_pages] = { "migrate_pages",
		ARGS(ARG_INT, ARG_UINT, ARG_PTR, ARG_PTR) },
	[SYS_move_pages] = { "move_pages",
		ARGS(ARG_INT, ARG_UINT, ARG_PTR, ARG_PTR, ARG_PTR, ARG_HEX), 0,
		{ O_ARG_TIMES(4, 1, 4) } },

	/* ---- signals ---- */
	[SYS_rt_sigaction] = { "rt_sigaction",
		ARGS(ARG_SIG, ARG_PTR, ARG_PTR, ARG_UINT), EXEC,
		{ O_FIXED(2, K_SIGACTION) } },
	[SYS_rt_sigprocmask] = { "rt_sigprocmask",
		ARGS(ARG_INT, ARG_PTR, ARG_PTR, ARG_UINT), EXEC,
		{ O_ARG(2, 3) } },
	[SYS_rt_sigreturn] = { "rt_sigreturn", ARGS(), EXEC },
	[SYS_sigaltstack] = { "sigaltstack", ARGS(ARG_PTR, ARG_PTR), EXEC,
		{ O_FIXED(1, sizeof(stack_t)) } },
	[SYS_rt_sigpending] = { "rt_sigpending", ARGS(ARG_PTR, ARG_UINT), 0,
		{ O_ARG(0, 1) } },
	[SYS_rt_sigsuspend] = { "rt_sigsuspend", ARGS(ARG_PTR, ARG_UINT),
		BLOCK },
	[SYS_rt_sigtimedwait] = { "rt_sigtimedwait",
		ARGS(ARG_PTR, ARG_PTR, ARG_PTR, ARG_UINT), BLOCK,
		{ O_FIXED(1, K_SIGINFO) } },
	[SYS_pause] = { "pause", ARGS(), BLOCK },
	[SYS_kill] = { "kill", ARGS(ARG_INT, ARG_SIG) },
	[SYS_tkill] = { "tkill", ARGS(ARG_INT, ARG_SIG) },
	[SYS_tgkill] = { "tgkill", ARGS(ARG_INT, ARG_INT, ARG_SIG) },
	[SYS_rt_sigqueueinfo] = { "rt_sigqueueinfo",
		ARGS(ARG_INT, ARG_SIG, ARG_PTR) },
	[SYS_rt_tgsigqueueinfo] = { "rt_tgsigqueueinfo",
		ARGS(ARG_INT, ARG_INT, ARG_SIG, ARG_PTR) },
	[SYS_pidfd_send_signal] = { "pidfd_send_signal",
		ARGS(ARG_FD, ARG_SIG, ARG_PTR, ARG_HEX) },

	/* ---- futexes and scheduling ---- */
	/* futex(uaddr, op, val, timeout or val2, uaddr2, val3) */
	[SYS_futex] = { "futex",
		ARGS(ARG_PTR, ARG_HEX, ARG_INT, ARG_PTR, ARG_PTR, ARG_HEX), BLOCK,
		{ O_BY(OUT_FUTEX, 0) } },
	[SYS_futex_waitv] = { "futex_waitv",
		ARGS(ARG_PTR, ARG_UINT, ARG_HEX, ARG_PTR, ARG_INT), BLOCK },
	[SYS_futex_wake] = { "futex_wake",
		ARGS(ARG_PTR, ARG_HEX, ARG_INT, ARG_HEX) },
	[SYS_futex_wait] = { "futex_wait",
		ARGS(ARG_PTR, ARG_HEX, ARG_HEX, ARG_HEX, ARG_PTR, ARG_INT),
		BLOCK },
	[SYS_futex_requeue] = { "futex_requeue",
		ARGS(ARG_PTR, ARG_HEX, ARG_INT, ARG_INT) },
	[SYS_sched_yield] = { "sched_yield", ARGS() },
	/* the recorder pins the tracee; letting it unpin would lose that */
	[SYS_sched_setaffinity] = { "sched_setaffinity",
		ARGS(ARG_INT, ARG_UINT, ARG_PTR), SYS_SKIP },
	/* returns the number of bytes of mask it stored */
	[SYS_sched_getaffinity] = { "sched_getaffinity",
		ARGS(ARG_INT, ARG_UINT, ARG_PTR), 0, { O_RESULT_CAP(2, 1) } },
	[SYS_sched_setparam] = { "sched_setparam", ARGS(ARG_INT, ARG_PTR) },
	[SYS_sched_getparam] = { "sched_getparam", ARGS(ARG_INT, ARG_PTR), 0,
		{ O_FIXED(1, 4) } },
	[SYS_sched_setscheduler] = { "sched_setscheduler",
		ARGS(ARG_INT, ARG_INT, ARG_PTR) },
	[SYS_sched_getscheduler] = { "sched_getscheduler", ARGS(ARG_INT) },
	[SYS_sched_get_priority_max] = { "sched_get_priority_max",
		ARGS(ARG_INT) },
	[SYS_sched_get_priority_min] = { "sched_get_priority_min",
		ARGS(ARG_INT) },
	[SYS_sched_rr_get_interval] = { "sched_rr_get_interval",
		ARGS(ARG_INT, ARG_PTR), 0, { O_FIXED(1, K_TIMESPEC) } },
	[SYS_sched_setattr] = { "sched_setattr",
		ARGS(ARG_INT, ARG_PTR, ARG_HEX) },
	/* the kernel stores at most `size` bytes */
	[SYS_sched_getattr] = { "sched_getattr",
		ARGS(ARG_INT, ARG_PTR, ARG_UINT, ARG_HEX), 0, { O_ARG(1, 2) } },
	[SYS_getpriority] = { "getpriority", ARGS(ARG_INT, ARG_INT) },
	[SYS_setpriority] = { "setpriority", ARGS(ARG_INT, ARG_INT, ARG_INT) },
	[SYS_ioprio_get] = { "ioprio_get", ARGS(ARG_INT, ARG_INT) },
	[SYS_ioprio_set] = { "ioprio_set", ARGS(ARG_INT, ARG_INT, ARG_INT) },
	[SYS_getcpu] = { "getcpu", ARGS(ARG_PTR, ARG_PTR, ARG_PTR), 0,
		{ O_FIXED(0, 4), O_FIXED(1, 4) } },
	/* continues an interrupted nanosleep, clock_nanosleep, poll or
	 * futex wait: its outputs are those of the call it continues, which
	 * the recorder knows and this row cannot */
	[SYS_restart_syscall] = { "restart_syscall", ARGS(), BLOCK },

	/* ---- time ---- */
	[SYS_clock_gettime] = { "clock_gettime", ARGS(ARG_INT, ARG_PTR), 0,
		{ O_FIXED(1, K_TIMESPEC) } },
	[SYS_clock_getres] = { "clock_getres", ARGS(ARG_INT, ARG_PTR), 0,
		{ O_FIXED(1, K_TIMESPEC) } },
	[SYS_clock_settime] = { "clock_settime", ARGS(ARG_INT, ARG_PTR) },
	[SYS_settimeofday] = { "settimeofday", ARGS(ARG_PTR, ARG_PTR) },
	/* adjtimex stores the struct timex back whatever do_adjtimex says
	 * (kernel/time/time.c), clock_adjtime only on success */
	[SYS_adjtimex] = { "adjtimex", ARGS(ARG_PTR), 0,
		{ O_FIXED_ALWAYS(0, K_TIMEX) } },
	[SYS_clock_adjtime] = { "clock_adjtime", ARGS(ARG_INT, ARG_PTR), 0,
		{ O_FIXED(1, K_TIMEX) } },
	[SYS_gettimeofday] = { "gettimeofday", ARGS(ARG_PTR, ARG_PTR), 0,
		{ O_FIXED(0, sizeof(struct timeval)), O_FIXED(1, 8) } },
	[SYS_time] = { "time", ARGS(ARG_PTR), 0, { O_FIXED(0, 8) } },
	/* the time left is stored when a signal interrupts the sleep (an
	 * unchanged copy is recorded after a full sleep: harmless) */
	[SYS_nanosleep] = { "nanosleep", ARGS(ARG_PTR, ARG_PTR), BLOCK,
		{ O_FIXED_INTR(1, K_TIMESPEC) } },
	[SYS_clock_nanosleep] = { "clock_nanosleep",
		ARGS(ARG_INT, ARG_HEX, ARG_PTR, ARG_PTR), BLOCK,
		{ O_FIXED_INTR(3, K_TIMESPEC) } },
	[SYS_alarm] = { "alarm", ARGS(ARG_UINT) },
	[SYS_getitimer] = { "getitimer", ARGS(ARG_INT, ARG_PTR), 0,
		{ O_FIXED(1, sizeof(struct itimerval)) } },
	[SYS_setitimer] = { "setitimer", ARGS(ARG_INT, ARG_PTR, ARG_PTR), 0,
		{ O_FIXED(2, sizeof(struct itimerval)) } },
	/* the kernel's timer_t is an int */
	[SYS_timer_create] = { "timer_create", ARGS(ARG_INT, ARG_PTR, ARG_PTR),
		0, { O_FIXED(2, 4) } },
	[SYS_timer_settime] = { "timer_settime",
		ARGS(ARG_INT, ARG_HEX, ARG_PTR, ARG_PTR), 0,
		{ O_FIXED(3, K_ITIMERSPEC) } },
	[SYS_timer_gettime] = { "timer_gettime", ARGS(ARG_INT, ARG_PTR), 0,
		{ O_FIXED(1, K_ITIMERSPEC) } },
	[SYS_timer_getoverrun] = { "timer_getoverrun", ARGS(ARG_INT) },
	[SYS_timer_delete] = { "timer_delete", ARGS(ARG_INT) },
	[SYS_times] = { "times", ARGS(ARG_PTR), 0,
		{ O_FIXED(0, sizeof(struct tms)) } },

	/* ---- identity, limits, system information ---- */
	[SYS_getuid] = { "getuid", ARGS() },
	[SYS_geteuid] = { "geteuid", ARGS() },
	[SYS_getgid] = { "getgid", ARGS() },
	[SYS_getegid] = { "getegid", ARGS() },
	[SYS_setuid] = { "setuid", ARGS(ARG_INT) },
	[SYS_setgid] = { "setgid", ARGS(ARG_INT) },
	[SYS_setreuid] = { "setreuid", ARGS(ARG_INT, ARG_INT) },
	[SYS_setregid] = { "setregid", ARGS(ARG_INT, ARG_INT) },
	[SYS_setresuid] = { "setresuid", ARGS(ARG_INT, ARG_INT, ARG_INT) },
	[SYS_setresgid] = { "setresgid", ARGS(ARG_INT, ARG_INT, ARG_INT) },
	[SYS_getresuid] = { "getresuid", ARGS(ARG_PTR, ARG_PTR, ARG_PTR), 0,
		{ O_FIXED(0, 4), O_FIXED(1, 4), O_FIXED(2, 4) } },
	[SYS_getresgid] = { "getresgid", ARGS(ARG_PTR, ARG_PTR, ARG_PTR), 0,
		{ O_FIXED(0, 4), O_FIXED(1, 4), O_FIXED(2, 4) } },
	[SYS_setfsuid] = { "setfsuid", ARGS(ARG_INT) },
	[SYS_setfsgid] = { "setfsgid", ARGS(ARG_INT) },
	/* getgroups(0, list) returns the count without storing */
	[SYS_getgroups] = { "getgroups", ARGS(ARG_INT, ARG_PTR), 0,
		{ O_RESULT_TIMES(1, 4) } },
	[SYS_setgroups] = { "setgroups", ARGS(ARG_INT, ARG_PTR) },
	/* the header's version is stored when it was not one the kernel
	 * knows (libcap probes so); data is two 12-byte structs in v2/v3,
	 * one in v1 (hence maybe: a v1 caller's buffer is 12 bytes) */
	[SYS_capget] = { "capget", ARGS(ARG_PTR, ARG_PTR), 0,
		{ O_FIXED(0, 8), O_FIXED_MAYBE(1, 24) } },
	[SYS_capset] = { "capset", ARGS(ARG_PTR, ARG_PTR) },
	[SYS_getrlimit] = { "getrlimit", ARGS(ARG_INT, ARG_PTR), 0,
		{ O_FIXED(1, sizeof(struct rlimit)) } },
	[SYS_setrlimit] = { "setrlimit", ARGS(ARG_INT, ARG_PTR) },
	[SYS_prlimit64] = { "prlimit64", ARGS(ARG_INT, ARG_INT, ARG_PTR, ARG_PTR),
		0, { O_FIXED(3, sizeof(struct rlimit)) } },
	[SYS_getrusage] = { "getrusage", ARGS(ARG_INT, ARG_PTR), 0,
		{ O_FIXED(1, K_RUSAGE) } },
	[SYS_uname] = { "uname", ARGS(ARG_PTR), 0,
		{ O_FIXED(0, sizeof(struct utsname)) } },
	[SYS_sysinfo] = { "sysinfo", ARGS(ARG_PTR), 0,
		{ O_FIXED(0, sizeof(struct sysinfo)) } },
	[SYS_getrandom] = { "getrandom", ARGS(ARG_PTR, ARG_UINT, ARG_HEX), 0,
		{ O_RESULT_CAP(0, 1) } },
	/* the kernel log: reading it waits for messages */
	[SYS_syslog] = { "syslog", ARGS(ARG_INT, ARG_PTR, ARG_INT), BLOCK,
		{ O_BY(OUT_SYSLOG, 1) } },
	/* The machine's administration: the kernel's state, outside the
	 * program, emulated at replay like the rest of the outside world. */
	[SYS_acct] = { "acct", ARGS(ARG_STR) },
	[SYS_vhangup] = { "vhangup", ARGS() },
	[SYS_sethostname] = { "sethostname", ARGS(ARG_PTR, ARG_UINT) },
	[SYS_setdomainname] = { "setdomainname", ARGS(ARG_PTR, ARG_UINT) },
	/* swapoff pages everything in: it can take long */
	[SYS_swapon] = { "swapon", ARGS(ARG_STR, ARG_HEX), BLOCK },
	[SYS_swapoff] = { "swapoff", ARGS(ARG_STR), BLOCK },
	[SYS_init_module] = { "init_module", ARGS(ARG_PTR, ARG_UINT, ARG_STR) },
	[SYS_finit_module] = { "finit_module", ARGS(ARG_FD, ARG_STR, ARG_HEX) },
	[SYS_delete_module] = { "delete_module", ARGS(ARG_STR, ARG_HEX) },
	/* Keys: serial numbers in, serial numbers out; the key getters of
	 * keyctl copy into a buffer by command. request_key may wait for
	 * /sbin/request-key to build the key. */
	[SYS_add_key] = { "add_key",
		ARGS(ARG_STR, ARG_STR, ARG_PTR, ARG_UINT, ARG_INT) },
	[SYS_request_key] = { "request_key",
		ARGS(ARG_STR, ARG_STR, ARG_STR, ARG_INT), BLOCK },
	[SYS_keyctl] = { "keyctl",
		ARGS(ARG_INT, ARG_HEX, ARG_PTR, ARG_HEX, ARG_HEX), 0,
		{ O_BY(OUT_KEYCTL, 2) } },
	/* Landlock restricts what the recorded program may open; the replay
	 * opens nothing (its file calls are emulated), so it sees the
	 * answers the restricted recording got. */
	[SYS_landlock_create_ruleset] = { "landlock_create_ruleset",
		ARGS(ARG_PTR, ARG_UINT, ARG_HEX) },
	[SYS_landlock_add_rule] = { "landlock_add_rule",
		ARGS(ARG_FD, ARG_INT, ARG_PTR, ARG_HEX) },
	[SYS_landlock_restrict_self] = { "landlock_restrict_self",
		ARGS(ARG_FD, ARG_HEX) },
	/* LSM attributes: *size says how many bytes of struct lsm_ctx the
	 * kernel stored (also set, to the size needed, on E2BIG) */
	[SYS_lsm_get_self_attr] = { "lsm_get_self_attr",
		ARGS(ARG_INT, ARG_PTR, ARG_PTR, ARG_HEX), 0,
		{ { 1, OUT_LSM_CTX | OUT_ON_ERROR, 2, 0 }, O_FIXED_ALWAYS(2, 4) } },
	[SYS_lsm_set_self_attr] = { "lsm_set_self_attr",
		ARGS(ARG_INT, ARG_PTR, ARG_UINT, ARG_HEX) },
	[SYS_lsm_list_modules] = { "lsm_list_modules",
		ARGS(ARG_PTR, ARG_PTR, ARG_HEX), 0,
		{ O_RESULT_TIMES(0, 8), O_FIXED_ALWAYS(1, 4) } },
	/* seccomp(SECCOMP_GET_NOTIF_SIZES) stores 6 bytes; nothing else
	 * writes. A filter installed while recording does its work then;
	 * the replay emulates the calls it filtered. */
	[SYS_seccomp] = { "seccomp", ARGS(ARG_INT, ARG_HEX, ARG_PTR) },

	/* ---- SysV and POSIX IPC ---- */
	[SYS_semget] = { "semget", ARGS(ARG_INT, ARG_INT, ARG_HEX) },
	[SYS_semop] = { "semop", ARGS(ARG_INT, ARG_PTR, ARG_UINT), BLOCK },
	[SYS_semtimedop] = { "semtimedop",
		ARGS(ARG_INT, ARG_PTR, ARG_UINT, ARG_PTR), BLOCK },
	/* semctl(id, num, cmd, arg): arg is the union semun, passed by
	 * value; what it points to is written by command (core/sysout.c:
	 * GETALL's size comes from the set itself) */
	[SYS_semctl] = { "semctl", ARGS(ARG_INT, ARG_INT, ARG_INT, ARG_PTR),
		0, { O_BY(OUT_SEMCTL, 3) } },
	/* SysV shared memory: a segment made by the recording is a shared
	 * object (recorder/rec_shared.c), one made outside is refused */
	[SYS_shmget] = { "shmget", ARGS(ARG_INT, ARG_UINT, ARG_HEX) },
	/* the replay maps its copy of the segment instead (rp_shared.c) */
	[SYS_shmat] = { "shmat", ARGS(ARG_INT, ARG_PTR, ARG_HEX), EXEC },
	[SYS_shmdt] = { "shmdt", ARGS(ARG_PTR), EXEC },
	/* IPC_STAT, SHM_STAT: struct shmid_ds; IPC_INFO: struct shminfo;
	 * SHM_INFO: struct shm_info (core/sysout.c) */
	[SYS_shmctl] = { "shmctl", ARGS(ARG_INT, ARG_INT, ARG_PTR), 0,
		{ O_BY(OUT_SHMCTL, 2) } },
	[SYS_msgget] = { "msgget", ARGS(ARG_INT, ARG_HEX) },
	/* a full queue makes msgsnd wait, an empty one msgrcv */
	[SYS_msgsnd] = { "msgsnd", ARGS(ARG_INT, ARG_PTR, ARG_UINT, ARG_HEX),
		BLOCK },
	/* msgrcv returns the length of the text, stored after the long
	 * mtype */
	[SYS_msgrcv] = { "msgrcv",
		ARGS(ARG_INT, ARG_PTR, ARG_UINT, ARG_INT, ARG_HEX), BLOCK,
		{ { 1, OUT_RESULT_PLUS, 0, 8 } } },
	[SYS_msgctl] = { "msgctl", ARGS(ARG_INT, ARG_INT, ARG_PTR), 0,
		{ O_BY(OUT_MSGCTL, 2) } },
	[SYS_mq_open] = { "mq_open", ARGS(ARG_STR, ARG_HEX, ARG_HEX, ARG_PTR) },
	[SYS_mq_unlink] = { "mq_unlink", ARGS(ARG_STR) },
	[SYS_mq_timedsend] = { "mq_timedsend",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_UINT, ARG_PTR), BLOCK },
	[SYS_mq_timedreceive] = { "mq_timedreceive",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_PTR, ARG_PTR), BLOCK,
		{ O_RESULT_CAP(1, 2), O_FIXED(3, 4) } },
	[SYS_mq_notify] = { "mq_notify", ARGS(ARG_FD, ARG_PTR) },
	[SYS_mq_getsetattr] = { "mq_getsetattr", ARGS(ARG_FD, ARG_PTR, ARG_PTR),
		0, { O_FIXED(2, sizeof(struct mq_attr)) } },

	/* ---- refused: outputs heisen cannot describe, or memory and
	 * processes changed behind the tracee's back ---- */
	[SYS_ptrace] = { "ptrace", ARGS(ARG_INT, ARG_INT, ARG_PTR, ARG_PTR),
		NO },
	[SYS_process_vm_writev] = { "process_vm_writev",
		ARGS(ARG_INT, ARG_PTR, ARG_UINT, ARG_PTR, ARG_UINT, ARG_HEX), NO },
	[SYS_userfaultfd] = { "userfaultfd", ARGS(ARG_HEX), NO },
	[SYS_perf_event_open] = { "perf_event_open",
		ARGS(ARG_PTR, ARG_INT, ARG_INT, ARG_FD, ARG_HEX), NO },
	[SYS_bpf] = { "bpf", ARGS(ARG_INT, ARG_PTR, ARG_UINT), NO },
	[SYS_io_setup] = { "io_setup", ARGS(ARG_UINT, ARG_PTR), NO },
	[SYS_io_destroy] = { "io_destroy", ARGS(ARG_HEX), NO },
	[SYS_io_submit] = { "io_submit", ARGS(ARG_HEX, ARG_INT, ARG_PTR), NO },
	[SYS_io_getevents] = { "io_getevents",
		ARGS(ARG_HEX, ARG_INT, ARG_INT, ARG_PTR, ARG_PTR), NO },
	[SYS_io_cancel] = { "io_cancel", ARGS(ARG_HEX, ARG_PTR, ARG_PTR), NO },
	[SYS_io_pgetevents] = { "io_pgetevents",
		ARGS(ARG_HEX, ARG_INT, ARG_INT, ARG_PTR, ARG_PTR, ARG_PTR), NO },
	[SYS_io_uring_setup] = { "io_uring_setup", ARGS(ARG_UINT, ARG_PTR),
		NO },
	[SYS_io_uring_enter] = { "io_uring_enter",
		ARGS(ARG_FD, ARG_UINT, ARG_UINT, ARG_HEX, ARG_PTR, ARG_UINT), NO },
	[SYS_io_uring_register] = { "io_uring_register",
		ARGS(ARG_FD, ARG_UINT, ARG_PTR, ARG_UINT), NO },
	[SYS_kexec_load] = { "kexec_load",
		ARGS(ARG_PTR, ARG_UINT, ARG_PTR, ARG_HEX), NO },
	[SYS_kexec_file_load] = { "kexec_file_load",
		ARGS(ARG_FD, ARG_FD, ARG_UINT, ARG_STR, ARG_HEX), NO },
	[SYS_modify_ldt] = { "modify_ldt", ARGS(ARG_INT, ARG_PTR, ARG_UINT),
		NO },
	/* its pages cannot be read through ptrace or /proc/pid/mem */
	[SYS_memfd_secret] = { "memfd_secret", ARGS(ARG_HEX), NO },
	/* port I/O reads hardware: in and out instructions heisen does not
	 * see */
	[SYS_iopl] = { "iopl", ARGS(ARG_INT), NO },
	[SYS_ioperm] = { "ioperm", ARGS(ARG_UINT, ARG_UINT, ARG_INT), NO },
	/* in heisen's pid namespace it ends the recording's first process */
	[SYS_reboot] = { "reboot", ARGS(ARG_HEX, ARG_HEX, ARG_HEX, ARG_PTR),
		NO },
	/* changes which file pages a shared mapping shows */
	[SYS_remap_file_pages] = { "remap_file_pages",
		ARGS(ARG_PTR, ARG_UINT, ARG_HEX, ARG_UINT, ARG_HEX), NO },
	/* advice on another process's memory, some of which (MADV_DONTNEED
	 * and others for the caller itself, since 6.13) drops pages */
	[SYS_process_madvise] = { "process_madvise",
		ARGS(ARG_FD, ARG_PTR, ARG_UINT, ARG_INT, ARG_HEX), NO },
	/* the kernel's uprobe trampolines call these (6.11, 6.16): a probe
	 * put on the program from outside; called from anywhere else the
	 * kernel sends SIGILL */
	[335] = { "uretprobe", ARGS(), NO },
	[336] = { "uprobe", ARGS(), NO },
	/* frees the memory of a process already killed: nothing for it */
	[SYS_process_mrelease] = { "process_mrelease", ARGS(ARG_FD, ARG_HEX) },

	/* ---- numbers x86-64 defines without an implementation (the
	 * kernel's sys_ni_syscall): the kernel must answer ENOSYS, as for a
	 * number past the table (rec_syscall.c checks), which is recorded.
	 * uselib, _sysctl and lookup_dcookie were removed (5.x, 5.5, 6.8);
	 * a kernel that still has one answers otherwise, and the recording
	 * stops naming it. ---- */
	[SYS_uselib] = { "uselib", ARGS(ARG_STR), SYS_BEYOND },
	[SYS__sysctl] = { "_sysctl", ARGS(ARG_PTR), SYS_BEYOND },
	[SYS_create_module] = { "create_module", ARGS(ARG_STR, ARG_UINT),
		SYS_BEYOND },
	[SYS_get_kernel_syms] = { "get_kernel_syms", ARGS(ARG_PTR),
		SYS_BEYOND },
	[SYS_query_module] = { "query_module",
		ARGS(ARG_STR, ARG_INT, ARG_PTR, ARG_UINT, ARG_PTR), SYS_BEYOND },
	[SYS_nfsservctl] = { "nfsservctl", ARGS(ARG_INT, ARG_PTR, ARG_PTR),
		SYS_BEYOND },
	[SYS_getpmsg] = { "getpmsg", ARGS(ARG_HEX, ARG_HEX, ARG_HEX, ARG_HEX,
		ARG_HEX), SYS_BEYOND },
	[SYS_putpmsg] = { "putpmsg", ARGS(ARG_HEX, ARG_HEX, ARG_HEX, ARG_HEX,
		ARG_HEX), SYS_BEYOND },
	[SYS_afs_syscall] = { "afs_syscall", ARGS(ARG_HEX, ARG_HEX, ARG_HEX,
		ARG_HEX, ARG_HEX), SYS_BEYOND },
	[SYS_tuxcall] = { "tuxcall", ARGS(ARG_HEX, ARG_HEX, ARG_HEX),
		SYS_BEYOND },
	[SYS_security] = { "security", ARGS(ARG_HEX, ARG_HEX, ARG_HEX),
		SYS_BEYOND },
	/* the 32-bit TLS calls, absent from the 64-bit table */
	[SYS_set_thread_area] = { "set_thread_area", ARGS(ARG_PTR),
		SYS_BEYOND },
	[SYS_get_thread_area] = { "get_thread_area", ARGS(ARG_PTR),
		SYS_BEYOND },
	[SYS_lookup_dcookie] = { "lookup_dcookie",
		ARGS(ARG_HEX, ARG_PTR, ARG_UINT), SYS_BEYOND },
	[SYS_epoll_ctl_old] = { "epoll_ctl_old",
		ARGS(ARG_FD, ARG_INT, ARG_FD, ARG_PTR), SYS_BEYOND },
	[SYS_epoll_wait_old] = { "epoll_wait_old",
		ARGS(ARG_FD, ARG_PTR, ARG_INT, ARG_INT), SYS_BEYOND },
	[SYS_vserver] = { "vserver", ARGS(ARG_HEX, ARG_HEX, ARG_HEX, ARG_HEX,
		ARG_HEX), SYS_BEYOND },
	/* 337-423 are not assigned on x86-64 (the 64-bit time calls other
	 * architectures have start at 403): rows without a name, printed
	 * as syscall_N, let through like a number past the table */
	[337 ... 423] = { "", ARGS(ARG_HEX, ARG_HEX, ARG_HEX, ARG_HEX, ARG_HEX,
		ARG_HEX), SYS_BEYOND },

	/* ---- newer than the build machine's headers (Linux 6.13-6.17):
	 * refused by name until their outputs are described ---- */
	[463] = { "setxattrat", ARGS(ARG_FD, ARG_STR, ARG_HEX, ARG_STR, ARG_PTR,
		ARG_UINT), NO },
	[464] = { "getxattrat", ARGS(ARG_FD, ARG_STR, ARG_HEX, ARG_STR, ARG_PTR,
		ARG_UINT), NO },
	[465] = { "listxattrat", ARGS(ARG_FD, ARG_STR, ARG_HEX, ARG_PTR, ARG_UINT), NO },
	[466] = { "removexattrat", ARGS(ARG_FD, ARG_STR, ARG_HEX, ARG_STR), NO },
	[467] = { "open_tree_attr", ARGS(ARG_FD, ARG_STR, ARG_HEX, ARG_PTR, ARG_UINT), NO },
	[468] = { "file_getattr", ARGS(ARG_FD, ARG_STR, ARG_PTR, ARG_UINT, ARG_HEX), NO },
	[469] = { "file_setattr", ARGS(ARG_FD, ARG_STR, ARG_PTR, ARG_UINT, ARG_HEX), NO },
};

/* Test harnesses call syscall(-1) as a marker, and programs built for a
 * newer kernel probe numbers past the table's: such a call is let through,
 * and it is recorded if the kernel answers ENOSYS (rec_syscall.c). */
static const struct sys_desc beyond_table = {
	"syscall beyond the table", ARGS(ARG_HEX, ARG_HEX, ARG_HEX, ARG_HEX, ARG_HEX, ARG_HEX),
	SYS_BEYOND
};

const struct sys_desc *sys_lookup(long nr)
{
	if (nr < 0 || nr >= SYS_TABLE_SIZE)
		return &beyond_table;
	if (!table[nr].name)
		return NULL;
	return &table[nr];
}

int sys_is_vfork(long nr, uint64_t arg0)
{
	return nr == SYS_vfork || (nr == SYS_clone && (arg0 & CLONE_VFORK));
}

int sys_makes_process(long nr)
{
	return nr == SYS_fork || nr == SYS_vfork || nr == SYS_clone;
}

uint64_t sys_clone_flags_traced(uint64_t flags)
{
	return flags & ~(uint64_t)CLONE_UNTRACED;
}

uint16_t sys_trace_nr(long nr)
{
	return nr < 0 || nr >= SYS_TABLE_SIZE ? SYS_NR_BEYOND : (uint16_t)nr;
}

const char *sys_name(long nr, char *buf, unsigned buflen)
{
	const struct sys_desc *d = sys_lookup(nr);

	if (d && d != &beyond_table && d->name[0])
		return d->name;
	if (nr == SYS_NR_BEYOND) /* as the trace stores it: the number is lost */
		return "syscall_beyond_table";
	snprintf(buf, buflen, "syscall_%ld", nr);
	return buf;
}

const char *sys_abi_call_str(enum sys_abi abi, long nr, char *buf, unsigned buflen)
{
	if (abi == SYS_ABI_I386) {
		const char *name = sys_i386_name(nr);
		snprintf(buf, buflen, "the i386 syscall %s (int 0x80 or sysenter, number %ld)",
			 name ? name : "with no name", nr);
	} else if (abi == SYS_ABI_X32) {
		snprintf(buf, buflen, "the x32 syscall number %ld", (long)((uint32_t)nr - SYS_X32_BASE));
	} else {
		char name[32];
		snprintf(buf, buflen, "%s (syscall %ld)", sys_name(nr, name, sizeof name), nr);
	}
	return buf;
}
