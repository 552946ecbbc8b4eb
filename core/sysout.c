/* Interpreter for the sys_out entries of the syscall table: from a row, the
 * arguments and the result, the ranges of tracee memory the kernel wrote.
 * Pure apart from reading tracee memory through the caller's function, and
 * from one question to the kernel: the size of a semaphore set whose
 * values semctl(GETALL) returned (see add_semctl). */
#define _GNU_SOURCE
#include "sysout.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "ioctl.h"
#include "syscalls.h"

/* Kernel-internal restart codes: a syscall-exit stop shows them in rax when
 * a signal interrupted the call and the kernel may restart it. */
#define ERESTARTSYS           512
#define ERESTARTNOINTR        513
#define ERESTARTNOHAND        514
#define ERESTART_RESTARTBLOCK 516

/* The kernel refuses more iovecs than this (UIO_MAXIOV), so a larger count
 * read from the tracee means we misread it. */
#define MAX_IOV 1024

/* No socket address is longer than a sockaddr_storage: the bound for a
 * reported address length, which exceeds what was copied when the kernel
 * truncated the address to the caller's buffer. */
#define MAX_SOCKADDR 128

/* x86-64's pages: the unit of mincore's vector and of what is mapped. */
#define PAGE_SIZE_ 4096ULL

/* One computation: the inputs, and the ranges found so far. */
struct walk {
	const char *name;   /* syscall name, for messages */
	const uint64_t *args;
	int64_t result;
	mem_read_fn rd;
	void *ctx;
	struct mem_range *out;
	int max;
	int n;
	bool probe;         /* the output at hand may be left alone: probed */
	struct err *e;
};

static bool is_error(int64_t result)
{
	return result < 0 && result >= -4095;
}

static bool interrupted(int64_t result)
{
	return result == -EINTR || result == -ERESTARTSYS ||
	       result == -ERESTARTNOINTR || result == -ERESTARTNOHAND ||
	       result == -ERESTART_RESTARTBLOCK;
}

/* The PI and WAKE_OP futex ops change the futex word before they can fail
 * for a reason other than a bad address or op (a PI lock that times out has
 * already set FUTEX_WAITERS), so their word is recorded after most errors:
 * recording an unchanged word costs nothing, missing a changed one breaks
 * the replay. */
static bool futex_word_touched(int64_t result)
{
	return result != -EFAULT && result != -EINVAL && result != -ENOSYS;
}

/* Whether the buffer described by `o` may have been written, given the
 * result. Failures write nothing except where the table says otherwise. */
static bool maybe_written(const struct sys_out *o, int64_t result)
{
	if (!is_error(result))
		return true;
	if ((o->len & OUT_ON_INTR) && interrupted(result))
		return true;
	if ((o->len & OUT_ON_ERROR) && result != -EFAULT)
		return true;
	return (o->len & OUT_KIND_MASK) == OUT_FUTEX &&
	       futex_word_touched(result);
}

static int add(struct walk *w, uint64_t addr, uint64_t len)
{
	if (addr == 0 || len == 0)
		return 0;
	if (len > SYSOUT_MAX_RANGE_LEN)
		return err_set(w->e, "%s: output of %llu bytes at 0x%llx exceeds "
			       "the %llu MiB bound", w->name,
			       (unsigned long long)len, (unsigned long long)addr,
			       SYSOUT_MAX_RANGE_LEN >> 20);
	if (addr + len < addr)
		return err_set(w->e, "%s: output of %llu bytes at 0x%llx wraps "
			       "around the address space", w->name,
			       (unsigned long long)len, (unsigned long long)addr);
	if (w->n >= w->max)
		return err_set(w->e, "%s: more than %d output ranges", w->name,
			       w->max);
	w->out[w->n].addr = addr;
	w->out[w->n].len = len;
	w->n++;
	return 0;
}

/* count elements of size bytes, refused before the product can overflow. */
static int add_array(struct walk *w, uint64_t addr, uint64_t count,
		     uint32_t size)
{
	if (addr == 0 || count == 0 || size == 0)
		return 0;
	if (count > SYSOUT_MAX_RANGE_LEN / size)
		return err_set(w->e, "%s: output of %llu elements of %u bytes at "
			       "0x%llx exceeds the %llu MiB bound", w->name,
			       (unsigned long long)count, size,
			       (unsigned long long)addr,
			       SYSOUT_MAX_RANGE_LEN >> 20);
	return add(w, addr, count * size);
}

/* The part of [addr, addr+len) from its start that the tracee has mapped
 * readable, one byte read per page. */
static uint64_t readable_prefix(struct walk *w, uint64_t addr, uint64_t len)
{
	uint64_t done = 0;
	uint8_t byte;

	while (done < len && w->rd(w->ctx, addr + done, &byte, 1) == 0)
		done = ((addr + done) | (PAGE_SIZE_ - 1)) + 1 - addr;
	return done < len ? done : len;
}

/* A range the table only presumes written, which the kernel may have left
 * alone: nanosleep's rem after a full sleep (OUT_ON_INTR outputs on
 * success), wait4's status when WNOHANG found no child and recvfrom's
 * address length with no address (OUT_FIXED_MAYBE), the part of a
 * truncated address past its buffer (OUT_ARGPTR), an output a failure may
 * have skipped (OUT_ON_ERROR), a size an ioctl's number declares. There a
 * pointer the kernel ignored is no error: only the readable part is
 * recorded. Nothing is lost: what the kernel wrote was writable memory,
 * which the tracee's reader reads, and the kernel writes from the start.
 * Outputs a success always fills (fstat's buffer, read's result bytes)
 * are not probed: that would cost a read of the tracee per call. */
static int add_probed(struct walk *w, uint64_t addr, uint64_t len)
{
	if (addr == 0 || len == 0 || len > SYSOUT_MAX_RANGE_LEN ||
	    addr + len < addr)
		return add(w, addr, len); /* nothing, or the error */
	return add(w, addr, readable_prefix(w, addr, len));
}

static int add_array_probed(struct walk *w, uint64_t addr, uint64_t count,
			    uint32_t size)
{
	if (size && count > SYSOUT_MAX_RANGE_LEN / size)
		return add_array(w, addr, count, size); /* the error */
	return add_probed(w, addr, count * size);
}

static int peek(struct walk *w, uint64_t addr, void *buf, size_t len,
		const char *what)
{
	if (w->rd(w->ctx, addr, buf, len) == 0)
		return 0;
	return err_set(w->e, "%s: cannot read the %s at 0x%llx", w->name, what,
		       (unsigned long long)addr);
}

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* The result as a byte or element count; 0 when it is not one. */
static uint64_t result_count(int64_t result)
{
	return result > 0 ? (uint64_t)result : 0;
}

/* ---- iovec, msghdr, mmsghdr ---- */

/* The kernel fills iovecs in order, each completely before the next, until
 * `bytes` bytes are stored. */
static int add_iov(struct walk *w, uint64_t iov, uint64_t count,
		   uint64_t bytes)
{
	struct iovec batch[64];

	if (count > MAX_IOV)
		return err_set(w->e, "%s: %llu iovecs, above the kernel's %d",
			       w->name, (unsigned long long)count, MAX_IOV);
	for (uint64_t i = 0; i < count && bytes > 0;) {
		uint64_t k = min_u64(count - i, sizeof batch / sizeof batch[0]);
		if (peek(w, iov + i * sizeof batch[0], batch,
			 k * sizeof batch[0], "iovec array") < 0)
			return -1;
		for (uint64_t j = 0; j < k && bytes > 0; j++) {
			uint64_t take = min_u64(batch[j].iov_len, bytes);
			if (add(w, (uint64_t)(uintptr_t)batch[j].iov_base,
				take) < 0)
				return -1;
			bytes -= take;
		}
		i += k;
	}
	return 0;
}

/* The buffers of a msghdr already read from the tracee: after recvmsg its
 * msg_namelen and msg_controllen say how much of each the kernel stored.
 * The header itself (which the kernel also updates) is the caller's. */
static int add_msghdr_parts(struct walk *w, const struct msghdr *h,
			    uint64_t bytes)
{
	if (add_probed(w, (uint64_t)(uintptr_t)h->msg_name,
		       min_u64(h->msg_namelen, MAX_SOCKADDR)) < 0)
		return -1;
	if (add_probed(w, (uint64_t)(uintptr_t)h->msg_control,
		       h->msg_controllen) < 0)
		return -1;
	return add_iov(w, (uint64_t)(uintptr_t)h->msg_iov, h->msg_iovlen,
		       bytes);
}

/* recvmsg: the whole header is recorded (56 bytes, simpler than its
 * three length and flag fields), then what it points to. */
static int add_msghdr(struct walk *w, uint64_t addr, uint64_t bytes)
{
	struct msghdr h;

	if (addr == 0)
		return 0;
	if (peek(w, addr, &h, sizeof h, "msghdr") < 0)
		return -1;
	if (add(w, addr, sizeof h) < 0)
		return -1;
	return add_msghdr_parts(w, &h, bytes);
}

/* recvmmsg: the result counts the messages, each says its own length. */
static int add_mmsghdr(struct walk *w, uint64_t addr, uint64_t count)
{
	struct mmsghdr m;

	if (addr == 0)
		return 0;
	if (count > MAX_IOV)
		return err_set(w->e, "%s: %llu messages, above the kernel's %d",
			       w->name, (unsigned long long)count, MAX_IOV);
	for (uint64_t i = 0; i < count; i++) {
		uint64_t at = addr + i * sizeof m;
		if (peek(w, at, &m, sizeof m, "mmsghdr") < 0)
			return -1;
		if (add(w, at, sizeof m) < 0 ||
		    add_msghdr_parts(w, &m.msg_hdr, m.msg_len) < 0)
			return -1;
	}
	return 0;
}

/* ---- lengths found in tracee memory ---- */

/* A socklen_t in-out argument: after the call it holds the length of the
 * object (an address, an option value). When the kernel truncated the
 * object to the caller's buffer, it reports the full length; the range
 * then covers a little more than was written, read from the tracee at the
 * same time, so harmless. `cap` bounds it when nonzero. */
static int add_by_lenptr(struct walk *w, uint64_t addr, uint64_t lenp,
			 uint32_t cap)
{
	uint32_t len;

	if (addr == 0 || lenp == 0)
		return 0;
	if (peek(w, lenp, &len, sizeof len, "length") < 0)
		return -1;
	if (cap && len > cap)
		len = cap;
	return add_probed(w, addr, len);
}

/* A fixed or argument-sized output: probed when the row says the kernel
 * may leave it alone (w->probe, set by add_out). */
static int add_table(struct walk *w, uint64_t addr, uint64_t len)
{
	return w->probe ? add_probed(w, addr, len) : add(w, addr, len);
}

/* select and pselect6: three fd_sets of nfds bits, which the kernel writes
 * as whole longs. Only on success: an interrupted select leaves them. */
static int add_fdsets(struct walk *w, int first, uint64_t nfds_arg)
{
	int nfds = (int)nfds_arg;
	uint64_t bytes;

	if (nfds <= 0 || is_error(w->result))
		return 0;
	bytes = ((uint64_t)nfds + 63) / 64 * 8;
	for (int i = first; i < first + 3 && i < 6; i++)
		if (add(w, w->args[i], bytes) < 0)
			return -1;
	return 0;
}

/* ---- outputs decided by a command argument ---- */

/* SIOCGIFCONF: the kernel stores in ifc_len how many bytes of interface
 * records it put at ifc_buf (with ifc_buf NULL, how many it would need,
 * storing none). The struct ifconf itself is recorded whole. */
static int add_ifconf(struct walk *w, uint64_t addr)
{
	struct { int32_t len; uint32_t pad; uint64_t buf; } ifc;

	if (peek(w, addr, &ifc, sizeof ifc, "struct ifconf") < 0 ||
	    add(w, addr, sizeof ifc) < 0)
		return -1;
	return ifc.len > 0 ? add(w, ifc.buf, (uint64_t)ifc.len) : 0;
}

/* FS_IOC_FIEMAP: the kernel stores the header back (fm_flags and
 * fm_mapped_extents at offset 20) whatever the outcome, and fills up to
 * fm_extent_count (offset 24) extents of 56 bytes after it; with a count
 * of 0 it only counts them. */
static int add_fiemap(struct walk *w, uint64_t addr)
{
	uint32_t counts[2]; /* fm_mapped_extents, fm_extent_count */
	uint64_t n;

	if (is_error(w->result))
		return add_probed(w, addr, 32);
	if (peek(w, addr + 20, counts, sizeof counts, "struct fiemap") < 0)
		return -1;
	n = min_u64(counts[0], counts[1]);
	return add(w, addr, 32 + n * 56);
}

/* FIDEDUPERANGE: the whole request comes back, with each destination's
 * result: 24 bytes and dest_count (a u16 at offset 16, which the kernel
 * leaves) infos of 32 bytes. */
static int add_dedupe(struct walk *w, uint64_t addr)
{
	uint16_t count;

	if (peek(w, addr + 16, &count, sizeof count,
		 "struct file_dedupe_range") < 0)
		return -1;
	return add(w, addr, 24 + (uint64_t)count * 32);
}

/* A failed ioctl wrote nothing, whatever its request, except FIEMAP's
 * header (the row asks for the failures too, for it; EFAULT does not come
 * here, see add_out_fault). */
static int add_ioctl(struct walk *w, uint64_t addr)
{
	unsigned long req = (unsigned long)w->args[1];
	const char *name = ioctl_name(req);
	uint32_t size = 0;
	int layout = ioctl_out_layout(req, &size);

	if (is_error(w->result) && layout != IOCTL_FIEMAP)
		return 0;
	if (layout < 0) {
		if (name)
			return err_set(w->e, "ioctl request 0x%lx (%s) not "
				       "supported", req, name);
		return err_set(w->e, "ioctl request 0x%lx not supported", req);
	}
	if (addr == 0)
		return 0;
	switch (layout) {
	case IOCTL_IFCONF: return add_ifconf(w, addr);
	case IOCTL_FIEMAP: return add_fiemap(w, addr);
	case IOCTL_DEDUPE: return add_dedupe(w, addr);
	default:           return add_probed(w, addr, size);
	}
}

/* fcntl commands and the bytes they write at arg 2 (x86-64 numbers). The
 * list is closed: a new command must be looked at before it is recorded. */
static const struct { int cmd; uint32_t size; } fcntl_cmds[] = {
	{ 0, 0 },     /* F_DUPFD */
	{ 1, 0 },     /* F_GETFD */
	{ 2, 0 },     /* F_SETFD */
	{ 3, 0 },     /* F_GETFL */
	{ 4, 0 },     /* F_SETFL */
	{ 5, 32 },    /* F_GETLK: struct flock */
	{ 6, 0 },     /* F_SETLK */
	{ 7, 0 },     /* F_SETLKW */
	{ 8, 0 },     /* F_SETOWN */
	{ 9, 0 },     /* F_GETOWN */
	{ 10, 0 },    /* F_SETSIG */
	{ 11, 0 },    /* F_GETSIG */
	{ 15, 0 },    /* F_SETOWN_EX */
	{ 16, 8 },    /* F_GETOWN_EX: struct f_owner_ex */
	{ 17, 8 },    /* F_GETOWNER_UIDS: two uid_t */
	{ 36, 32 },   /* F_OFD_GETLK */
	{ 37, 0 },    /* F_OFD_SETLK */
	{ 38, 0 },    /* F_OFD_SETLKW */
	{ 1024, 0 },  /* F_SETLEASE */
	{ 1025, 0 },  /* F_GETLEASE */
	{ 1026, 0 },  /* F_NOTIFY */
	{ 1027, 0 },  /* F_DUPFD_QUERY */
	{ 1028, 0 },  /* F_CREATED_QUERY */
	{ 1030, 0 },  /* F_DUPFD_CLOEXEC */
	{ 1031, 0 },  /* F_SETPIPE_SZ */
	{ 1032, 0 },  /* F_GETPIPE_SZ */
	{ 1033, 0 },  /* F_ADD_SEALS */
	{ 1034, 0 },  /* F_GET_SEALS */
	{ 1035, 8 },  /* F_GET_RW_HINT */
	{ 1036, 0 },  /* F_SET_RW_HINT */
	{ 1037, 8 },  /* F_GET_FILE_RW_HINT */
	{ 1038, 0 },  /* F_SET_FILE_RW_HINT */
};

static int add_fcntl(struct walk *w, uint64_t addr)
{
	int cmd = (int)w->args[1];

	for (size_t i = 0; i < sizeof fcntl_cmds / sizeof fcntl_cmds[0]; i++)
		if (fcntl_cmds[i].cmd == cmd)
			return add_probed(w, addr, fcntl_cmds[i].size);
	return err_set(w->e, "fcntl command %d not supported", cmd);
}

#define PR_GET_AUXV_   0x41555856
#define PR_SET_VMA_    0x53564d41
#define PR_SCHED_CORE_ 62

/* prctl options that write at arg 1: the number of bytes; -1 for options
 * that write nothing (they return their answer, or only set something). */
static const struct { int opt; int size; } prctl_opts[] = {
	{ 1, -1 }, { 2, 4 },     /* PR_SET/GET_PDEATHSIG */
	{ 3, -1 }, { 4, -1 },    /* PR_GET/SET_DUMPABLE */
	{ 5, 4 }, { 6, -1 },     /* PR_GET/SET_UNALIGN */
	{ 7, -1 }, { 8, -1 },    /* PR_GET/SET_KEEPCAPS */
	{ 9, 4 }, { 10, -1 },    /* PR_GET/SET_FPEMU */
	{ 11, 4 }, { 12, -1 },   /* PR_GET/SET_FPEXC */
	{ 13, -1 }, { 14, -1 },  /* PR_GET/SET_TIMING */
	{ 15, -1 }, { 16, 16 },  /* PR_SET/GET_NAME: TASK_COMM_LEN */
	{ 19, 4 }, { 20, -1 },   /* PR_GET/SET_ENDIAN */
	{ 21, -1 }, { 22, -1 },  /* PR_GET/SET_SECCOMP */
	{ 23, -1 }, { 24, -1 },  /* PR_CAPBSET_READ/DROP */
	{ 25, 4 }, { 26, -1 },   /* PR_GET/SET_TSC */
	{ 27, -1 }, { 28, -1 },  /* PR_GET/SET_SECUREBITS */
	{ 29, -1 }, { 30, -1 },  /* PR_SET/GET_TIMERSLACK */
	{ 31, -1 }, { 32, -1 },  /* PR_TASK_PERF_EVENTS_DISABLE/ENABLE */
	{ 33, -1 }, { 34, -1 },  /* PR_MCE_KILL, PR_MCE_KILL_GET */
	{ 36, -1 }, { 37, 4 },   /* PR_SET/GET_CHILD_SUBREAPER */
	{ 38, -1 }, { 39, -1 },  /* PR_SET/GET_NO_NEW_PRIVS */
	{ 40, 8 },               /* PR_GET_TID_ADDRESS: a pointer */
	{ 41, -1 }, { 42, -1 },  /* PR_SET/GET_THP_DISABLE */
	{ 45, -1 }, { 46, -1 },  /* PR_SET/GET_FP_MODE */
	{ 47, -1 },              /* PR_CAP_AMBIENT */
	{ 52, -1 }, { 53, -1 },  /* PR_GET/SET_SPECULATION_CTRL */
	{ 55, -1 }, { 56, -1 },  /* PR_SET/GET_TAGGED_ADDR_CTRL */
	{ 57, -1 }, { 58, -1 },  /* PR_SET/GET_IO_FLUSHER */
	{ 65, -1 }, { 66, -1 },  /* PR_SET/GET_MDWE */
	{ 67, -1 }, { 68, -1 },  /* PR_SET/GET_MEMORY_MERGE */
	{ PR_SET_VMA_, -1 },     /* names anonymous memory */
};

static int add_prctl(struct walk *w, uint64_t addr)
{
	int opt = (int)w->args[0];

	if (opt == PR_GET_AUXV_) /* returns the full size, copies what fits */
		return add(w, addr, min_u64(result_count(w->result),
					    w->args[2]));
	if (opt == PR_SCHED_CORE_) /* PR_SCHED_CORE_GET stores a cookie */
		return w->args[1] == 0 ? add_probed(w, w->args[4], 8) : 0;
	for (size_t i = 0; i < sizeof prctl_opts / sizeof prctl_opts[0]; i++)
		if (prctl_opts[i].opt == opt)
			return prctl_opts[i].size < 0 ? 0 :
			       add_probed(w, addr, (uint64_t)prctl_opts[i].size);
	return err_set(w->e, "prctl option %d not supported", opt);
}

/* arch_prctl codes: bytes written at arg 1, -1 for none. */
static const struct { int code; int size; } arch_prctl_codes[] = {
	{ 0x1001, -1 }, { 0x1002, -1 }, /* ARCH_SET_GS, ARCH_SET_FS */
	{ 0x1003, 8 }, { 0x1004, 8 },   /* ARCH_GET_FS, ARCH_GET_GS */
	{ 0x1011, -1 }, { 0x1012, -1 }, /* ARCH_GET/SET_CPUID */
	{ 0x1021, 8 }, { 0x1022, 8 },   /* ARCH_GET_XCOMP_SUPP/PERM */
	{ 0x1023, -1 },                 /* ARCH_REQ_XCOMP_PERM */
	{ 0x1024, 8 }, { 0x1025, -1 },  /* ARCH_GET/REQ_XCOMP_GUEST_PERM */
	{ 0x2001, -1 }, { 0x2002, -1 }, /* ARCH_MAP_VDSO_X32/32 */
	{ 0x2003, -1 },                 /* ARCH_MAP_VDSO_64 */
	{ 0x3001, 24 },                 /* ARCH_CET_STATUS (pre-upstream CET,
					   probed by Debian's glibc) */
	{ 0x4001, 8 }, { 0x4002, -1 },  /* ARCH_GET_UNTAG_MASK, ENABLE_TAGGED */
	{ 0x4003, 8 }, { 0x4004, -1 },  /* ARCH_GET_MAX_TAG_BITS, FORCE_... */
	{ 0x5001, -1 }, { 0x5002, -1 }, /* ARCH_SHSTK_ENABLE/DISABLE */
	{ 0x5003, -1 }, { 0x5004, -1 }, /* ARCH_SHSTK_LOCK/UNLOCK */
	{ 0x5005, 8 },                  /* ARCH_SHSTK_STATUS */
};

static int add_arch_prctl(struct walk *w, uint64_t addr)
{
	int code = (int)w->args[0];

	for (size_t i = 0; i < sizeof arch_prctl_codes /
			       sizeof arch_prctl_codes[0]; i++)
		if (arch_prctl_codes[i].code == code)
			return arch_prctl_codes[i].size < 0 ? 0 :
			       add_probed(w, addr,
					  (uint64_t)arch_prctl_codes[i].size);
	return err_set(w->e, "arch_prctl code 0x%x not supported", code);
}

/* Futex words the kernel itself stores to. A plain FUTEX_WAIT only reads
 * the word and FUTEX_WAKE never touches it: userspace does the writes. */
static int add_futex(struct walk *w, uint64_t uaddr)
{
	int cmd = (int)(w->args[1] & 0x7f); /* without PRIVATE, CLOCK_RT */

	switch (cmd) {
	case 5:  /* FUTEX_WAKE_OP: applies the op to *uaddr2 */
	case 11: /* FUTEX_WAIT_REQUEUE_PI: may take the PI futex uaddr2 */
	case 12: /* FUTEX_CMP_REQUEUE_PI: may hand uaddr2 to a waiter */
		return add(w, w->args[4], 4);
	case 6:  /* FUTEX_LOCK_PI: owner TID, FUTEX_WAITERS */
	case 7:  /* FUTEX_UNLOCK_PI: hands over or clears the word */
	case 8:  /* FUTEX_TRYLOCK_PI */
	case 13: /* FUTEX_LOCK_PI2 */
		return add(w, uaddr, 4);
	default:
		return 0;
	}
}

#define CLONE_PIDFD_        0x00001000ULL
#define CLONE_PARENT_SETTID_ 0x00100000ULL

/* clone: the parent's side only (result > 0); with CLONE_PIDFD the pidfd
 * goes where the parent TID would. CLONE_CHILD_SETTID is written by the
 * child when it first runs, not during this syscall. */
static int add_clone(struct walk *w, uint64_t ptid)
{
	if (w->result <= 0)
		return 0;
	if (w->args[0] & (CLONE_PIDFD_ | CLONE_PARENT_SETTID_))
		return add(w, ptid, 4);
	return 0;
}

/* clone3: struct clone_args starts with flags, pidfd, child_tid,
 * parent_tid (all u64). */
static int add_clone3(struct walk *w, uint64_t args_addr)
{
	uint64_t ca[4];

	if (w->result <= 0 || args_addr == 0)
		return 0;
	if (peek(w, args_addr, ca, sizeof ca, "clone_args") < 0)
		return -1;
	if ((ca[0] & CLONE_PIDFD_) && add(w, ca[1], 4) < 0)
		return -1;
	if (ca[0] & CLONE_PARENT_SETTID_)
		return add(w, ca[3], 4);
	return 0;
}

/* ---- SysV IPC: outputs by command ---- */

/* The kernel's structures on x86-64 (the 64-bit ABI always uses the
 * IPC_64 layouts, and glibc's types have them). */
#define K_SEMID64_DS 104 /* ipc64_perm (48) and 7 longs */
#define K_MSQID64_DS 120 /* ipc64_perm, 6 longs, 2 pids, 2 longs */
#define K_SHMID64_DS 112 /* ipc64_perm, 4 longs, 2 pids, 3 longs */
#define K_SEMINFO    40  /* 10 ints */
#define K_MSGINFO    32  /* 7 ints and a short, padded */
#define K_SHMINFO64  72  /* 9 longs */
#define K_SHM_INFO   48  /* an int, padded, and 5 longs */

/* The IPC_64 flag some libcs put in the command: x86-64's kernel refuses a
 * command with it (EINVAL), so it never reaches here after a success; it
 * is taken off only to name the command. */
#define IPC_64_ 0x100

/* A command's output: bytes at the pointer argument, -1 for none. */
struct ipc_cmd { int cmd; int size; };

static int add_ipc_cmd(struct walk *w, const struct ipc_cmd *t, size_t n,
		       int cmd, uint64_t addr)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].cmd == cmd)
			return t[i].size < 0 ? 0 :
			       add(w, addr, (uint64_t)t[i].size);
	return err_set(w->e, "%s command %d not supported", w->name, cmd);
}

static const struct ipc_cmd semctl_cmds[] = {
	{ 0, -1 }, { 1, -1 },            /* IPC_RMID, IPC_SET */
	{ 2, K_SEMID64_DS },             /* IPC_STAT */
	{ 3, K_SEMINFO },                /* IPC_INFO */
	{ 11, -1 }, { 12, -1 },          /* GETPID, GETVAL: the result */
	{ 14, -1 }, { 15, -1 },          /* GETNCNT, GETZCNT */
	{ 16, -1 }, { 17, -1 },          /* SETVAL, SETALL */
	{ 18, K_SEMID64_DS },            /* SEM_STAT */
	{ 19, K_SEMINFO },               /* SEM_INFO */
	{ 20, K_SEMID64_DS },            /* SEM_STAT_ANY */
};

/* semctl(id, num, cmd, arg): GETALL (13) stores every value of the set, a
 * u16 each, and the set's size is not in the call. It is asked of the
 * kernel with IPC_STAT: the recorder shares the tracee's IPC namespace
 * (heisen gives the tracee new pid and mount namespaces only, and refuses
 * unshare and setns), and a set's size never changes. */
static int add_semctl(struct walk *w, uint64_t addr)
{
	int cmd = (int)w->args[2] & ~IPC_64_;
	struct semid_ds ds;

	if (cmd != 13)
		return add_ipc_cmd(w, semctl_cmds, sizeof semctl_cmds /
				   sizeof semctl_cmds[0], cmd, addr);
	if (syscall(SYS_semctl, (int)w->args[0], 0, IPC_STAT, &ds) < 0)
		return err_set(w->e, "semctl GETALL: cannot learn the size of "
			       "semaphore set %d: %s", (int)w->args[0],
			       strerror(errno));
	return add_array(w, addr, ds.sem_nsems, 2);
}

static const struct ipc_cmd msgctl_cmds[] = {
	{ 0, -1 }, { 1, -1 },            /* IPC_RMID, IPC_SET */
	{ 2, K_MSQID64_DS },             /* IPC_STAT */
	{ 3, K_MSGINFO },                /* IPC_INFO */
	{ 11, K_MSQID64_DS },            /* MSG_STAT */
	{ 12, K_MSGINFO },               /* MSG_INFO */
	{ 13, K_MSQID64_DS },            /* MSG_STAT_ANY */
};

static const struct ipc_cmd shmctl_cmds[] = {
	{ 0, -1 }, { 1, -1 },            /* IPC_RMID, IPC_SET */
	{ 2, K_SHMID64_DS },             /* IPC_STAT */
	{ 3, K_SHMINFO64 },              /* IPC_INFO: struct shminfo64 */
	{ 11, -1 }, { 12, -1 },          /* SHM_LOCK, SHM_UNLOCK */
	{ 13, K_SHMID64_DS },            /* SHM_STAT */
	{ 14, K_SHM_INFO },              /* SHM_INFO: struct shm_info */
	{ 15, K_SHMID64_DS },            /* SHM_STAT_ANY */
};

/* ---- keys, logs, quotas, file systems ---- */

/* keyctl(cmd, arg2, arg3, arg4, arg5) is syscall args 0-4. The getters
 * return the full size of what they have and copy what fits in the buffer
 * (arg3, arg4 bytes; KEYCTL_CAPABILITIES's buffer is arg2, arg3 bytes):
 * KEYCTL_DESCRIBE and KEYCTL_READ since 5.3 copy nothing when it does not
 * fit, older kernels a part, the range covers either. */
static int add_keyctl(struct walk *w)
{
	const uint64_t *a = w->args;
	uint64_t res = result_count(w->result);

	switch ((int)a[0]) {
	case 6:  /* KEYCTL_DESCRIBE */
	case 11: /* KEYCTL_READ */
	case 17: /* KEYCTL_GET_SECURITY */
	case 23: /* KEYCTL_DH_COMPUTE: the derived bytes */
		return add_probed(w, a[2], min_u64(res, a[3]));
	case 31: /* KEYCTL_CAPABILITIES */
		return add_probed(w, a[1], min_u64(res, a[2]));
	case 24: /* KEYCTL_PKEY_QUERY: struct keyctl_pkey_query */
		return add(w, a[4], 56);
	case 25: /* KEYCTL_PKEY_ENCRYPT */
	case 26: /* KEYCTL_PKEY_DECRYPT */
	case 27: /* KEYCTL_PKEY_SIGN: the result's length, at arg 4 */
		return add(w, a[4], res);
	case 0: case 1: case 2: case 3: case 4: case 5: case 7: case 8:
	case 9: case 10: case 12: case 13: case 14: case 15: case 16:
	case 18: case 19: case 20: case 21: case 22: case 28: case 29:
	case 30: case 32:
		return 0; /* ids, links, permissions, timeouts: the result */
	default:
		return err_set(w->e, "keyctl command %d not supported",
			       (int)a[0]);
	}
}

/* syslog(type, buf, len): the reads (2 SYSLOG_ACTION_READ, 3 READ_ALL, 4
 * READ_CLEAR) fill `result` bytes; the others (0-1, 5-10: open, close,
 * clear, console level, sizes) return their answer. */
static int add_syslog(struct walk *w)
{
	int type = (int)w->args[0];

	if (type >= 2 && type <= 4)
		return add(w, w->args[1], result_count(w->result));
	if (type >= 0 && type <= 10)
		return 0;
	return err_set(w->e, "syslog action %d not supported", type);
}

/* A NUL-terminated string the kernel just wrote at addr, NUL included, of
 * at most max bytes: read back in pieces that do not cross a page. */
static int add_string(struct walk *w, uint64_t addr, uint64_t max)
{
	char piece[64];
	uint64_t len = 0;

	while (len < max) {
		uint64_t at = addr + len;
		uint64_t n = min_u64(sizeof piece,
				     min_u64(max - len,
					     PAGE_SIZE_ - (at & (PAGE_SIZE_ - 1))));
		if (peek(w, at, piece, n, "string") < 0)
			return -1;
		char *nul = memchr(piece, 0, n);
		if (nul)
			return add(w, addr, len + (uint64_t)(nul - piece) + 1);
		len += n;
	}
	return err_set(w->e, "%s: no NUL in the %llu bytes at 0x%llx",
		       w->name, (unsigned long long)max,
		       (unsigned long long)addr);
}

/* sysfs(option, ...): option 2 (index, buf) copies a file system type's
 * name, NUL included (fs/filesystems.c fs_name); 1 and 3 return numbers. */
static int add_sysfs(struct walk *w)
{
	switch ((int)w->args[0]) {
	case 1: case 3: return 0;
	case 2:         return w->args[2] ? add_string(w, w->args[2], 256) : 0;
	default:
		return err_set(w->e, "sysfs option %d not supported",
			       (int)w->args[0]);
	}
}

/* quotactl(cmd, special, id, addr) and quotactl_fd(fd, cmd, id, addr):
 * cmd is QCMD(subcommand, type), the subcommand above the low 8 bits. The
 * getters fill a structure of <linux/quota.h> or <linux/dqblk_xfs.h>. */
static int add_quotactl(struct walk *w, uint64_t addr, uint64_t cmd_arg)
{
	uint32_t sub = (uint32_t)cmd_arg >> 8;

	switch (sub) {
	case 0x800004: return add(w, addr, 4);   /* Q_GETFMT: u32 */
	case 0x800005: return add(w, addr, 24);  /* Q_GETINFO: if_dqinfo */
	case 0x800007: return add(w, addr, 72);  /* Q_GETQUOTA: if_dqblk */
	case 0x800009: return add(w, addr, 72);  /* Q_GETNEXTQUOTA:
						    if_nextdqblk */
	case 0x5803:   return add(w, addr, 112); /* Q_XGETQUOTA:
						    fs_disk_quota */
	case 0x5809:   return add(w, addr, 112); /* Q_XGETNEXTQUOTA */
	case 0x5805:   return add(w, addr, 80);  /* Q_XGETQSTAT:
						    fs_quota_stat */
	case 0x5808:   return add(w, addr, 160); /* Q_XGETQSTATV:
						    fs_quota_statv */
	case 0x800001: case 0x800002: case 0x800003: /* SYNC, QUOTAON, OFF */
	case 0x800006: case 0x800008:                /* SETINFO, SETQUOTA */
	case 0x5801: case 0x5802: case 0x5804:       /* XQUOTAON, OFF, SETQLIM */
	case 0x5806: case 0x5807:                    /* XQUOTARM, XQUOTASYNC */
		return 0;
	default:
		return err_set(w->e, "%s command 0x%x not supported", w->name,
			       (uint32_t)cmd_arg);
	}
}

#define MAX_HANDLE_SZ_           128
#define AT_HANDLE_MNT_ID_UNIQUE_ 0x001

/* name_to_handle_at(dirfd, path, handle, mount_id, flags): once the handle
 * is encoded, the kernel stores the mount id (a u64 with
 * AT_HANDLE_MNT_ID_UNIQUE, an int otherwise) and the struct file_handle:
 * its 8-byte header (handle_bytes, handle_type) and, on success, the
 * handle_bytes it now says; on EOVERFLOW only the header, whose
 * handle_bytes is then the size needed. Failures before that store
 * nothing, and the probe leaves what cannot be read. */
static int add_file_handle(struct walk *w)
{
	uint64_t handle = w->args[2];
	uint32_t bytes = 0;

	if (add_probed(w, w->args[3],
		       (w->args[4] & AT_HANDLE_MNT_ID_UNIQUE_) ? 8 : 4) < 0)
		return -1;
	if (is_error(w->result) || handle == 0)
		return add_probed(w, handle, 8);
	if (peek(w, handle, &bytes, sizeof bytes, "struct file_handle") < 0)
		return -1;
	if (bytes > MAX_HANDLE_SZ_)
		return err_set(w->e, "%s: a handle of %u bytes, above the "
			       "kernel's %d", w->name, bytes, MAX_HANDLE_SZ_);
	return add(w, handle, 8 + (uint64_t)bytes);
}

/* lsm_get_self_attr(attr, ctx, size, flags): the kernel stores in *size the
 * bytes of struct lsm_ctx it put at ctx (or would need: E2BIG, which
 * keeps the entries that fitted). */
static int add_lsm_ctx(struct walk *w, uint64_t ctx, uint64_t sizep)
{
	uint32_t size;

	if (is_error(w->result) && w->result != -E2BIG)
		return 0;
	if (ctx == 0 || sizep == 0)
		return 0;
	if (peek(w, sizep, &size, sizeof size, "size") < 0)
		return -1;
	return add_probed(w, ctx, size);
}

/* A buffer whose first u32 the kernel set to the bytes of it written. */
static int add_self_sized(struct walk *w, uint64_t addr, uint64_t cap)
{
	uint32_t size;

	if (addr == 0)
		return 0;
	if (peek(w, addr, &size, sizeof size, "size field") < 0)
		return -1;
	return add(w, addr, min_u64(size, cap));
}

/* ---- after EFAULT ---- */

/* The buffers an iovec array describes, as far as they can be read; an
 * array the kernel could not read either means nothing was written. */
static int add_iov_probed(struct walk *w, uint64_t iov, uint64_t count)
{
	struct iovec v;

	for (uint64_t i = 0; i < count && i < MAX_IOV; i++) {
		if (w->rd(w->ctx, iov + i * sizeof v, &v, sizeof v) < 0)
			return 0;
		if (add_probed(w, (uint64_t)(uintptr_t)v.iov_base,
			       min_u64(v.iov_len, SYSOUT_MAX_RANGE_LEN)) < 0)
			return -1;
	}
	return 0;
}

/* A call that failed with EFAULT may have written the start of a buffer
 * before it reached the page it could not write: copy_to_user stops at
 * the fault, and a pipe read whose first copy faults returns EFAULT with
 * the bytes before the fault stored (fs/pipe.c). So what the kernel could
 * have written is recorded as far as it can be read, which covers those
 * bytes (the others are written back unchanged). Outputs whose extent
 * only the result tells (OUT_RESULT, msghdr, by-command kinds) wrote
 * nothing the table can find. */
static int add_out_fault(struct walk *w, const struct sys_out *o)
{
	uint64_t addr = w->args[o->arg];
	uint64_t larg = w->args[o->len_arg];

	switch (o->len & OUT_KIND_MASK) {
	case OUT_FIXED:
	case OUT_FIXED_MAYBE:
		return add_probed(w, addr, o->size);
	case OUT_ARG:
	case OUT_RESULT_CAP:
		return add_probed(w, addr, min_u64(larg, SYSOUT_MAX_RANGE_LEN));
	case OUT_ARG_TIMES:
		return o->size ? add_probed(w, addr,
					    min_u64(larg, SYSOUT_MAX_RANGE_LEN /
						    o->size) * o->size) : 0;
	case OUT_IOV_RESULT:
		return addr ? add_iov_probed(w, addr, larg) : 0;
	default:
		return 0;
	}
}

/* ---- dispatch ---- */

static int add_out(struct walk *w, const struct sys_out *o)
{
	uint64_t addr = w->args[o->arg];
	uint64_t larg = w->args[o->len_arg];
	uint64_t res = result_count(w->result);

	w->probe = (o->len & OUT_ON_INTR) ||
		   ((o->len & OUT_ON_ERROR) && is_error(w->result));
	switch (o->len & OUT_KIND_MASK) {
	case OUT_NONE:         return 0;
	case OUT_FIXED:        return add_table(w, addr, o->size);
	case OUT_FIXED_MAYBE:  return add_probed(w, addr, o->size);
	case OUT_ARG:          return add_table(w, addr, larg);
	case OUT_ARG_TIMES:
		return w->probe ? add_array_probed(w, addr, larg, o->size) :
				  add_array(w, addr, larg, o->size);
	case OUT_RESULT:       return add(w, addr, res);
	case OUT_RESULT_TIMES: return add_array(w, addr, res, o->size);
	case OUT_RESULT_CAP:   return add(w, addr, min_u64(res, larg));
	case OUT_ARGPTR:       return add_by_lenptr(w, addr, larg, o->size);
	case OUT_ARG_STRUCT_LEN: return larg ? add_table(w, addr, o->size) : 0;
	case OUT_IOV_RESULT:   return addr ? add_iov(w, addr, larg, res) : 0;
	case OUT_MSGHDR:       return add_msghdr(w, addr, res);
	case OUT_MMSGHDR:      return add_mmsghdr(w, addr, res);
	case OUT_SELECT:       return add_fdsets(w, o->arg, larg);
	case OUT_IOCTL:        return add_ioctl(w, addr);
	case OUT_FCNTL:        return add_fcntl(w, addr);
	case OUT_PRCTL:        return add_prctl(w, addr);
	case OUT_ARCH_PRCTL:   return add_arch_prctl(w, addr);
	case OUT_FUTEX:        return add_futex(w, addr);
	case OUT_CLONE:        return add_clone(w, addr);
	case OUT_CLONE3:       return add_clone3(w, addr);
	case OUT_BITS:         return add_table(w, addr, (larg + 63) / 64 * 8);
	case OUT_NODEMASK:     return larg ? add(w, addr,
					     (larg - 1 + 63) / 64 * 8) : 0;
	case OUT_RESULT_PLUS:  return add(w, addr, res + o->size);
	case OUT_PAGES:        return add(w, addr, larg / PAGE_SIZE_ +
					  (larg % PAGE_SIZE_ != 0));
	case OUT_SELF_SIZED:   return add_self_sized(w, addr, larg);
	case OUT_SEMCTL:       return add_semctl(w, addr);
	case OUT_MSGCTL:
		return add_ipc_cmd(w, msgctl_cmds, sizeof msgctl_cmds /
				   sizeof msgctl_cmds[0],
				   (int)w->args[1] & ~IPC_64_, addr);
	case OUT_SHMCTL:
		return add_ipc_cmd(w, shmctl_cmds, sizeof shmctl_cmds /
				   sizeof shmctl_cmds[0],
				   (int)w->args[1] & ~IPC_64_, addr);
	case OUT_SYSLOG:       return add_syslog(w);
	case OUT_SYSFS:        return add_sysfs(w);
	case OUT_KEYCTL:       return add_keyctl(w);
	case OUT_QUOTACTL:     return add_quotactl(w, addr, larg);
	case OUT_FILE_HANDLE:  return add_file_handle(w);
	case OUT_LSM_CTX:      return add_lsm_ctx(w, addr, larg);
	}
	return err_set(w->e, "%s: bad output kind %d in the syscall table",
		       w->name, o->len);
}

int sys_written_ranges(long nr, const uint64_t args[6], int64_t result,
		       mem_read_fn rd, void *ctx, struct mem_range *out,
		       int max, struct err *e)
{
	const struct sys_desc *d = sys_lookup(nr);
	struct walk w = { .args = args, .result = result, .rd = rd,
			  .ctx = ctx, .out = out, .max = max, .e = e };

	if (!d)
		return err_set(e, "syscall %ld has no table row", nr);
	w.name = d->name;
	for (int i = 0; i < SYS_MAX_OUT; i++) {
		const struct sys_out *o = &d->out[i];
		if (o->arg > 5 || o->len_arg > 5)
			return err_set(e, "%s: bad argument index in the "
				       "syscall table", d->name);
		if (result == -EFAULT) {
			if (add_out_fault(&w, o) < 0)
				return -1;
		} else if (maybe_written(o, result) && add_out(&w, o) < 0) {
			return -1;
		}
	}
	return w.n;
}
