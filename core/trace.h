/* The trace: one append-only file of checksummed records, plus the copies
 * of mapped files under files/. See docs/trace-format.md.
 *
 * A trace file is the 8-byte magic, a u32 format version, then records:
 *   u32 payload length | u8 type | payload | u32 crc32c(type, payload)
 * The first record is the header. Events follow in the one global order of
 * the recording. A trace that ends cleanly ends with an EV_END record. */
#ifndef HEISEN_TRACE_H
#define HEISEN_TRACE_H

#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/user.h>

#include "err.h"
#include "point.h"
#include "out_digest.h"
#include "point_state.h"
#include "wire.h"

#define TRACE_MAGIC "HEISEN\0\1"
#define TRACE_VERSION 5
/* The oldest version this reader decodes exactly as its writer meant
 * (version 3 added the shared record and syscall number 0xffff; version 4
 * the yield sites of libraries and chaos mode walk, and moved every
 * image's counter to one page, so that traces with yield sites from
 * version 3 do not replay; version 5 the chaos mode bits lifo and handoff
 * and the priority reason 6). */
#define TRACE_VERSION_OLDEST 2
#define TRACE_FILE "trace"
#define TRACE_FILES_DIR "files"
/* Bounds, stated in docs/trace-format.md: no record may exceed this, and no
 * header may hold more than this many argv/envp strings. */
#define TRACE_MAX_RECORD (256u << 20)
#define TRACE_MAX_STRINGS 65536
/* A signal frame (ucontext, siginfo and the FPU's XSAVE area) is a few KiB;
 * anything beyond this is not one. */
#define SIG_FRAME_MAX (64u << 10)

enum ev_type {
	EV_HEADER = 1,
	EV_EXEC,          /* the program's image is in place: registers, stack */
	EV_SYSCALL,       /* a completed syscall: arguments, result, memory */
	EV_SYSCALL_ENTER, /* a thread entered a syscall and gave up the CPU */
	EV_PREEMPT,       /* a thread was switched out at a user-code point */
	EV_SIGNAL,        /* a signal was delivered */
	EV_RDTSC,         /* an rdtsc/rdtscp was emulated */
	EV_CPUID,         /* a cpuid was emulated */
	EV_MAPFILE,       /* the next mmap of this thread maps this file copy */
	EV_EXIT,          /* a thread exited */
	EV_THREAD_STATE,  /* a thread's registers when the recording ended */
	EV_END,           /* the recording ended: why, and the exit status */
	EV_CHAOS,         /* a chaos-scheduler decision (record --chaos);
			     replay does not need it: the schedule is in
			     the other events */
	EV_SHARED,        /* memory shared between processes of the
			     recording: what the next mmap or shmat maps,
			     or a write that changed a shared file */
	EV_TYPE_MAX
};

const char *ev_type_name(int type);

/* EV_CHAOS records. */
enum chaos_kind {
	CHAOS_SETTINGS = 1, /* a: the seed; b: mode | depth << 8 | steps << 16 */
	CHAOS_PRIORITY = 2, /* the thread's priority is now (int64_t)a; b: why:
			       0 a new thread, 1 a change point at a
			       syscall, 2 its slice is over, 3 a planned
			       point, 4 a change point among accesses, 5 an
			       access-counted slice is over, 6 a new
			       thread ranked just below its creator (lifo) */
	CHAOS_SLICE = 3,    /* the running thread's timeslice: a microseconds */
	CHAOS_PLANNED = 4,  /* preempted at the planned point a, of kind
			       b >> 32 (enum planned_kind), starved for
			       (uint32_t)b microseconds; the EV_PREEMPT
			       follows (none after a futex wake: a syscall) */
	CHAOS_SITE = 5,     /* the planned point a, of kind b, is watched in
			       the thread's process from now on */
	CHAOS_YIELD_SITES = 6, /* the thread's new image has yield sites
			       (patching/yield.h): a: their region's address,
			       b: the digest of what was installed */
	CHAOS_YIELD = 7,    /* the thread stops at its a-th yield-site
			       execution since its last record other than a
			       chaos note, at the site b; the EV_PREEMPT that
			       follows has its registers there */
	CHAOS_YIELD_LIB = 8, /* the thread's next record, an mmap, maps a
			       shared library's code, and yield sites are
			       installed in it at its exit: a and b as for
			       CHAOS_YIELD_SITES */
};
enum planned_kind {
	PLANNED_UNLOCK = 0,     /* just after a mutex release (glibc's unlock) */
	PLANNED_LOCKED = 1,     /* just after a lock-prefixed instruction or xchg */
	PLANNED_STORE_BEFORE = 2, /* just before a store to non-stack memory */
	PLANNED_STORE_AFTER = 3,  /* just after one */
	PLANNED_FUTEX_WAKE = 4, /* just after a futex wake that woke a thread */
	/* (PLANNED_KINDS, core/task.h, counts them) */
};
/* The chaos scheduler's strategies, as bits (traces of earlier heisens
 * say 3 for PCT and timeslices, with planned points implied). */
enum chaos_mode {
	CHAOS_PCT = 1, CHAOS_SLICES = 2, CHAOS_PLAN = 4,
	CHAOS_ACCESS = 8, /* PCT's change points among shared-memory accesses */
	CHAOS_POS = 16,   /* partial-order sampling over the accesses */
	CHAOS_WALK = 32,  /* a random walk: a random thread at every access */
	CHAOS_LIFO = 64,  /* priorities, each new thread's just below its
			     creator's: the creator goes on, and the newest
			     of the threads it made runs first */
	CHAOS_HANDOFF = 128, /* a planned preemption at every hit of a
				planned point, not one in four */
	CHAOS_YIELDS = CHAOS_ACCESS | CHAOS_POS | CHAOS_WALK, /* the modes with
							 yield sites */
	CHAOS_ALL = CHAOS_PCT | CHAOS_SLICES | CHAOS_PLAN,
	/* what --chaos means: the best on the bug kernels and the race
	 * targets (docs/PERFORMANCE.md); a seed reproduces its schedule but
	 * for the planned points' starvation, which is timed */
	CHAOS_DEFAULT = CHAOS_PCT | CHAOS_PLAN | CHAOS_ACCESS,
};


/* EV_SHARED records. A shared object is a file, memfd or SysV segment
 * that some process of the recording maps MAP_SHARED; the replay keeps a
 * copy of each, which its processes map shared in turn. */
enum shared_kind {
	SHARED_MAP = 1,  /* the next mmap or shmat of this thread maps object
			    `object`, whose content is now files/`hash`
			    (`size` bytes) */
	SHARED_ZERO = 2, /* the next mmap of this thread maps /dev/zero: an
			    anonymous mapping */
	SHARED_SYNC = 3, /* the last syscall changed object `object` through
			    an fd: it is now `size` bytes long, with `data`
			    at `offset` */
};

/* Syscall event flags. */
enum {
	SF_ENTERED   = 1 << 0, /* an EV_SYSCALL_ENTER for it came earlier */
	SF_TO_STDOUT = 1 << 1, /* its data reached the recorder's stdout */
	SF_TO_STDERR = 1 << 2, /* ... or stderr: `data` holds the bytes */
	SF_IN_HASH   = 1 << 3, /* in_hash digests the bytes it wrote out */
	SF_SKIPPED   = 1 << 4, /* the recorder did not let the kernel run it */
	SF_ENTRY_MEM = 1 << 5, /* EV_SYSCALL_ENTER: blobs follow, memory the
				  kernel wrote as the call went to sleep (a
				  PI futex lock marks the word contended) */
};

/* Signal event kinds. */
enum {
	SIGK_ASYNC = 1, /* delivered at a user-code point (regs say where) */
	SIGK_SYNC,      /* raised by the instruction at regs.rip (a fault) */
};

/* End reasons. */
enum {
	END_EXIT = 1,   /* the program exited; status is its wait status */
	END_SIGNAL,     /* SIGINT/SIGTERM to the recorder; status 128+sig */
	END_ERROR,      /* the recorder stopped with an error (msg) */
	END_DEADLOCK,   /* record --chaos: every thread slept where only
			   another could wake it (msg: where) */
};
#define END_DEADLOCK_STATUS 124 /* record's exit status then */

struct ev_header {
	char exe[PATH_MAX];  /* absolute path given to execve */
	char cwd[PATH_MAX];
	int argc, envc;
	char **argv, **envp; /* owned; free with trace_header_free() */
	uint8_t cpuid_mode;  /* CPUID_MODE_* */
	uint32_t cpu;        /* the CPU the recording was pinned to */
	uint64_t timeslice_us;
	uint64_t start_time; /* seconds since the epoch */
	/* record --chaos (chaos_mode 0: off). Appended to the header record
	 * later than the rest: a header that ends before them has none. */
	uint8_t chaos_mode;  /* enum chaos_mode bits */
	uint64_t chaos_seed;
	uint32_t chaos_depth, chaos_steps;
};

enum { CPUID_MODE_FAULTING = 1, CPUID_MODE_PATCHING = 2 };

struct mem_blob {
	uint64_t addr;
	uint32_t len;
	const uint8_t *data;
};

struct event {
	uint8_t type;
	uint64_t index;      /* event number, from 1 (the header is 0) */
	uint32_t tid;
	union {
		struct {
			uint16_t nr, flags;
			uint64_t args[6];
			uint64_t rip, digest;
			int64_t result;
			uint64_t in_hash;
			uint32_t nblobs;
			const struct mem_blob *blobs;
			uint32_t data_len; /* SF_TO_STDOUT/ERR bytes */
			const uint8_t *data;
		} sys;
		struct {
			struct user_regs_struct regs;
			struct point_mem mem; /* EV_PREEMPT only */
			struct point_state state; /* appended later (n 0: none) */
		} point; /* EV_PREEMPT, EV_THREAD_STATE */
		struct {
			uint8_t kind;
			uint8_t info[128]; /* siginfo_t as the kernel gave it */
			struct user_regs_struct regs;
			struct point_mem mem;
			/* Appended later (a record that ends before them has
			 * none: mask 0, no frame). */
			uint64_t mask;     /* signals blocked when it came */
			uint8_t has_frame; /* a handler ran: what the kernel
					      made of the delivery follows */
			struct sig_frame {
				/* the registers at the handler's first
				 * instruction, the signal mask it runs with,
				 * and the frame the kernel wrote on its stack
				 * (ucontext, siginfo, FPU state) */
				struct user_regs_struct regs;
				uint64_t mask;
				uint64_t addr;
				uint32_t len;
				const uint8_t *bytes;
				/* the FPU and vector state the handler
				 * starts with (the kernel resets it to its
				 * initial one): an XSAVE area, as ptrace's
				 * NT_X86_XSTATE regset gives it */
				uint32_t fpu_len;
				const uint8_t *fpu;
			} frame;
			struct point_state state; /* appended after the frame */
		} sig;
		struct {
			uint64_t rip, tsc;
			uint32_t aux;
			uint8_t rdtscp;
		} tsc;
		struct {
			uint64_t rip;
			uint32_t in[2], out[4];
		} cpuid;
		struct {
			uint64_t offset, size;
			char hash[33];
			char path[PATH_MAX];
		} mapfile;
		struct {
			int32_t status; /* wait status of the thread/process */
			uint8_t last;   /* the last thread: the process is gone */
		} exit;
		struct {
			struct user_regs_struct regs;
			uint64_t stack_addr;
			uint32_t stack_len;
			const uint8_t *stack;
			/* appended later ("" if absent): the directory it
			 * ran the exec in, where a relative path resolves,
			 * and what an execveat's dirfd named */
			char cwd[PATH_MAX];
			char fdpath[PATH_MAX];
		} exec;
		struct {
			uint8_t reason;
			int32_t status;
			char msg[512];
			/* appended later (absent: not checked): what went to
			 * heisen's stdout and stderr; points to the
			 * writer's or the reader's own table */
			const struct out_digests *out;
		} end;
		struct {
			uint8_t kind;      /* enum chaos_kind */
			uint64_t a, b;     /* see enum chaos_kind */
		} chaos;
		struct {
			uint8_t kind;      /* enum shared_kind */
			uint32_t object;   /* numbered from 0 in order of
					      first mapping */
			uint64_t size, offset;
			char hash[33];     /* SHARED_MAP */
			uint32_t len;      /* SHARED_SYNC */
			const uint8_t *data;
		} shared;
	};
};

struct trace_writer {
	int fd;
	struct buf out;
	uint64_t nevents;
	uint64_t bytes;
	int dropped; /* a failed flush dropped records (trace_flush) */
};

/* A trace directory and everything in it is the recording user's alone
 * (it holds what the program read), whatever the umask; `chmod -R go+rX`
 * shares one (docs/usage.md). */
#define TRACE_DIR_MODE 0700
#define TRACE_FILE_MODE 0600
#define TRACE_COPY_MODE 0500 /* a copy of a mapped file: read, and exec'd */
/* A new directory, made here: one that exists is refused (as rr does), so
 * that nothing in it was planted before the recording. */
int trace_dir_create(const char *dir, struct err *e);
/* A new file, never an existing one nor through a symlink: its fd, or -1. */
int trace_file_create(const char *path, mode_t mode, struct err *e);
/* The trace file and files/ in dir, made by trace_dir_create. */
int trace_create(struct trace_writer *w, const char *dir,
		 const struct ev_header *h, struct err *e);
/* Encode one event into the buffer; it reaches the file at the next flush. */
void trace_put(struct trace_writer *w, const struct event *ev);
int trace_flush(struct trace_writer *w, struct err *e);
/* write() until all of p is written: len, or -1 with errno (ENOSPC for a
 * write that made no progress). */
ssize_t trace_write_full(int fd, const void *p, size_t len);
int trace_close(struct trace_writer *w, struct err *e);

struct trace_reader {
	FILE *f;              /* buffered: records are small and many */
	char dir[PATH_MAX];
	uint8_t *rec;         /* the current record's payload */
	size_t reccap;
	uint64_t offset;      /* file offset of the next record */
	uint64_t index;       /* number of the last event read */
	struct mem_blob *blobs;
	size_t blobcap;
	struct out_digests out; /* the end record's */
	int saw_end;
};

int trace_open(struct trace_reader *r, const char *dir, struct ev_header *h,
	       struct err *e);
/* 1: *ev filled (pointers valid until the next call); 0: end of file at a
 * record boundary; -1: truncated, corrupt or malformed (e says where). */
int trace_next(struct trace_reader *r, struct event *ev, struct err *e);
void trace_reader_close(struct trace_reader *r);
void trace_header_free(struct ev_header *h);

#endif
