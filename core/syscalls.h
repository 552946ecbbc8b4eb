/* The declarative syscall table: one row per x86-64 syscall.
 *
 * Each row says how the recorder captures the syscall and how the replayer
 * reproduces it: which arguments point to memory the kernel writes (and how
 * the length of that memory is found), whether it may block, and whether the
 * replay must really perform it (address-space and thread changes) or can
 * emulate it from the trace (everything that touches the outside world).
 * Modelled on strace's tables: data, not a switch. */
#ifndef HEISEN_SYSCALLS_H
#define HEISEN_SYSCALLS_H

#include <stdint.h>

/* How dump decodes an argument. */
enum arg_kind {
	ARG_NONE = 0,
	ARG_INT,   /* signed decimal */
	ARG_UINT,  /* unsigned decimal (sizes, counts) */
	ARG_HEX,   /* flags, masks, opaque values */
	ARG_FD,    /* file descriptor */
	ARG_PTR,   /* pointer, printed in hex */
	ARG_STR,   /* pointer to a NUL-terminated input string (path) */
	ARG_SIG,   /* signal number */
};

/* How the length of a kernel-written buffer is found, after the syscall. */
enum out_len {
	OUT_NONE = 0,
	OUT_FIXED,      /* `size` bytes */
	OUT_ARG,        /* the value of argument `len_arg` bytes */
	OUT_ARG_TIMES,  /* argument `len_arg` elements of `size` bytes each */
	OUT_RESULT,     /* the syscall's non-negative result, in bytes */
	OUT_RESULT_TIMES, /* result elements of `size` bytes (epoll_wait, poll) */
	OUT_ARGPTR,     /* *(uint32_t *)arg[len_arg] bytes after the call
			   (socklen_t in-out: accept, getsockname, recvfrom) */
	OUT_IOV_RESULT, /* arg is an iovec array, arg[len_arg] entries; the
			   result says how many bytes were filled (readv) */
	OUT_MSGHDR,     /* arg is a struct msghdr; iov data up to result,
			   msg_name, msg_control and their lengths (recvmsg) */
	OUT_IOCTL,      /* decided from the ioctl request (core/ioctl.c) */
	OUT_ARG_STRUCT_LEN, /* `size` bytes but only when arg[len_arg]
			   (e.g. optlen pointer) is known: getsockopt */
	/* OUT_ARG_STRUCT_LEN is handled but unused: getsockopt's row uses
	   OUT_ARGPTR, since the kernel stores in *optlen the length it
	   copied. Kinds added with the table (core/sysout.c): */
	OUT_RESULT_CAP, /* min(result, arg[len_arg]) bytes: the result can
			   exceed the buffer (recvfrom with MSG_TRUNC returns
			   the datagram's size; getxattr with size 0 the size
			   it would need); also read's and the like, whose
			   buffer size bounds what a call failing with EFAULT
			   may have stored */
	OUT_SELECT,     /* args arg, arg+1, arg+2 are fd_sets of arg[len_arg]
			   (nfds) bits, rounded up to longs: select has four
			   outputs, more than SYS_MAX_OUT */
	OUT_MMSGHDR,    /* arg is a struct mmsghdr array; the result counts the
			   messages, each filled like OUT_MSGHDR up to its
			   msg_len (recvmmsg) */
	OUT_FCNTL,      /* decided from the fcntl command in arg 1 (F_GETLK
			   fills a struct flock at arg) */
	OUT_PRCTL,      /* decided from the prctl option in arg 0 (PR_GET_NAME
			   fills 16 bytes at arg) */
	OUT_ARCH_PRCTL, /* decided from the arch_prctl code in arg 0
			   (ARCH_GET_FS fills 8 bytes at arg) */
	OUT_FUTEX,      /* decided from the futex op in arg 1: the futex word
			   ops that the kernel itself modifies (FUTEX_WAKE_OP,
			   the PI ops); plain WAIT/WAKE write nothing */
	OUT_CLONE,      /* 4 bytes at arg (parent_tid) when clone's flags in
			   arg 0 have CLONE_PARENT_SETTID or CLONE_PIDFD */
	OUT_CLONE3,     /* arg is a struct clone_args: 4 bytes at its pidfd
			   and parent_tid fields, by its flags */
	OUT_BITS,       /* arg[len_arg] bits, rounded up to longs */
	/* Kinds added with the IPC, key and admin rows (core/sysout.c): */
	OUT_NODEMASK,   /* arg[len_arg] - 1 bits, rounded up to longs: the
			   node mask of get_mempolicy, whose maxnode counts
			   one bit more than it copies (mm/mempolicy.c) */
	OUT_RESULT_PLUS, /* result + `size` bytes: msgrcv's mtype (8 bytes)
			   before the text */
	OUT_PAGES,      /* one byte per page of arg[len_arg] bytes, rounded
			   up (mincore's vector) */
	OUT_SELF_SIZED, /* the u32 at the start of the buffer says how many
			   bytes of it were written, at most arg[len_arg]
			   (statmount) */
	OUT_SEMCTL,     /* decided from the semctl command in arg 2; the
			   buffer is arg 3 (GETALL: the set's size comes
			   from the kernel) */
	OUT_MSGCTL,     /* decided from the msgctl command in arg 1 */
	OUT_SHMCTL,     /* decided from the shmctl command in arg 1 */
	OUT_SYSLOG,     /* decided from the syslog action in arg 0: the
			   reads fill `result` bytes at arg 1 */
	OUT_SYSFS,      /* decided from the sysfs option in arg 0: option 2
			   fills a file system's name, NUL included */
	OUT_KEYCTL,     /* decided from the keyctl command in arg 0 */
	OUT_QUOTACTL,   /* decided from the quotactl command in
			   arg[len_arg] (0 for quotactl, 1 for quotactl_fd) */
	OUT_FILE_HANDLE, /* name_to_handle_at: the struct file_handle at arg
			   2 (8 bytes and the handle_bytes it now says) and
			   the mount id at arg 3, int or u64 by the flags */
	OUT_LSM_CTX,    /* lsm_get_self_attr: *arg[len_arg] bytes at arg,
			   on success and when E2BIG cut the list short */
	OUT_FIXED_MAYBE, /* `size` bytes that a successful call may leave
			   alone (wait4's status when WNOHANG finds no child,
			   an address length with no address): recorded as
			   far as they are readable */
	OUT_KIND_LAST = OUT_FIXED_MAYBE, /* tests/unit/test_syscalls.c */
	OUT_KIND_MASK = 0x3f, /* the kind part of `len` */
	OUT_ON_ERROR  = 0x40, /* modifier: written whatever the result (but
			   -EFAULT): waitid fills its siginfo, zeros
			   included, even when it fails with ECHILD */
	OUT_ON_INTR   = 0x80, /* modifier: the buffer is also written when the
			   call is interrupted by a signal (-EINTR or a
			   kernel restart code): poll's revents, select's
			   remaining timeout, nanosleep's rem */
};

struct sys_out {
	uint8_t arg;     /* index of the pointer argument, 0-5 */
	uint8_t len;     /* enum out_len, possibly | OUT_ON_INTR, OUT_ON_ERROR */
	uint8_t len_arg; /* index of the argument giving the length */
	uint32_t size;   /* fixed size or element size */
};

/* Row flags. */
enum {
	SYS_MAY_BLOCK   = 1 << 0, /* can sleep indefinitely: another thread may
				     run while it is in the kernel */
	SYS_EXECUTE     = 1 << 1, /* replay performs it for real and checks the
				     result (mmap, brk, clone, rt_sigaction...) */
	SYS_ENOSYS      = 1 << 2, /* recorder makes it fail with -ENOSYS so libc
				     falls back (rseq) */
	SYS_UNSUPPORTED = 1 << 3, /* recording stops with an error naming it */
	SYS_WRITES_FD   = 1 << 4, /* writes data to arg0 (an fd): the recorder
				     notes writes that reach its stdout/stderr
				     so the replay can re-emit them */
	SYS_SKIP        = 1 << 5, /* recorder does not perform it and returns 0
				     (sched_setaffinity: keep the pinning) */
	SYS_NORETURN    = 1 << 6, /* exit, exit_group: no syscall-exit stop */
	SYS_PROCESS     = 1 << 7, /* creates or replaces a process (fork, vfork,
				     execve, clone without CLONE_THREAD):
				     handled by recorder/process code */
	SYS_FD_REUSE    = 1 << 8, /* may give an open fd number a new meaning
				     (close, dup2, exec...): the recorder
				     forgets what it knew of fds */
	SYS_BEYOND      = 1 << 9, /* a number outside the table (syscall(-1),
				     one newer than heisen): the kernel must
				     answer ENOSYS, which is recorded */
};

#define SYS_MAX_OUT 3

struct sys_desc {
	const char *name;        /* NULL: the row is empty (unknown syscall) */
	uint8_t nargs;
	uint8_t arg[6];          /* enum arg_kind per argument */
	uint16_t flags;
	struct sys_out out[SYS_MAX_OUT]; /* kernel-written buffers */
};

#define SYS_TABLE_SIZE 470

/* The row for syscall `nr`, or NULL when heisen does not know it. A
 * number outside 0..SYS_TABLE_SIZE-1 gets one shared SYS_BEYOND row. */
const struct sys_desc *sys_lookup(long nr);

/* A vfork: vfork itself, or a clone with CLONE_VFORK (glibc's
 * posix_spawn), whose caller sleeps until the child execs or exits. */
int sys_is_vfork(long nr, uint64_t arg0);
/* fork, vfork or clone: a call that makes a process or thread (clone3 is
 * refused so that libc falls back to clone). */
int sys_makes_process(long nr);

/* clone's flags as heisen makes the call, at record and at replay: without
 * CLONE_UNTRACED, which would let the child escape the recording. (The
 * child starts with these in rdi; its flags are recorded as given.) */
uint64_t sys_clone_flags_traced(uint64_t flags);

/* A syscall number as the trace stores it (16 bits): a number outside
 * the table is stored as SYS_NR_BEYOND (the register digest of its entry
 * still holds the number itself). */
#define SYS_NR_BEYOND 0xffff
uint16_t sys_trace_nr(long nr);

/* "read", or "syscall_123" written into buf when unknown. */
const char *sys_name(long nr, char *buf, unsigned buflen);

/* The table a syscall was made through. heisen records and replays the
 * x86-64 table only: the same number means another call in the others
 * (i386's 14 is mknod, x86-64's rt_sigprocmask), so a call through them
 * is refused at record and is a divergence at replay. */
enum sys_abi {
	SYS_ABI_X86_64 = 0, /* the syscall instruction */
	SYS_ABI_I386,       /* int 0x80 or sysenter */
	SYS_ABI_X32,        /* the syscall instruction, 0x40000000 + an x32 number */
};
/* x32's numbers are this plus the row (__X32_SYSCALL_BIT), fewer than
 * SYS_X32_ROWS rows. */
#define SYS_X32_BASE 0x40000000u
#define SYS_X32_ROWS 1024u
/* "the i386 syscall mknod (int 0x80 or sysenter, number 14)" */
const char *sys_abi_call_str(enum sys_abi abi, long nr, char *buf, unsigned buflen);
const char *sys_i386_name(long nr); /* NULL if unknown (core/sys_i386.c) */

#endif
