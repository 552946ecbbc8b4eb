/* What the program writes to the recorder's own stdout and stderr: the
 * bytes go into the trace with the write, so that `replay -a` re-emits
 * them. A tracee fd is one of ours when kcmp says it is the same open file
 * (cached per process and fd, forgotten when fd numbers may change
 * meaning). Besides the write family, the calls that move bytes between
 * two fds inside the kernel (sendfile, splice, tee, copy_file_range) are
 * caught: their bytes are read back from the source, a regular file or a
 * pipe; and vmsplice's, from its iovecs. */
#define _GNU_SOURCE
#include "record.h"

#include <fcntl.h>
#include <linux/kcmp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/ptrace_util.h"
#include "core/regs.h"
#include "core/sent_bytes.h"
#include "core/syscalls.h"

/* Is fd of the tracee the same open file as our own fd `mine`? */
static int same_file(pid_t self, pid_t tid, uint64_t fd, int mine)
{
	return syscall(SYS_kcmp, self, tid, KCMP_FILE, mine, (long)fd) == 0;
}

void rec_forget_out_fds(struct rec_session *s)
{
	memset(&s->out_fds, 0, sizeof s->out_fds);
}

static enum out_fd_kind out_fd_kind(struct rec_session *s, struct task *t,
				    uint64_t fd)
{
	if (fd > INT32_MAX)
		return OUT_FD_OTHER;
	__typeof__(s->out_fds.slot[0]) *c = &s->out_fds.slot[fd % OUT_FD_SLOTS];
	if (c->kind != OUT_FD_UNKNOWN && c->tgid == t->tgid && c->fd == (int32_t)fd)
		return c->kind;
	int kind = same_file(s->self, t->tid, fd, 1)   ? OUT_FD_STDOUT :
		   same_file(s->self, t->tid, fd, 2)   ? OUT_FD_STDERR :
							 OUT_FD_OTHER;
	c->tgid = t->tgid;
	c->fd = (int32_t)fd;
	c->kind = kind;
	return kind;
}

/* The bytes a write-type syscall sent (core/sent_bytes.c): a malloc'd
 * buffer of `len` bytes, or NULL (sendmmsg, or unreadable). */
static uint8_t *written_bytes(struct task *t, const uint64_t *args, size_t len,
			      struct err *e)
{
	uint8_t *out = malloc(len ? len : 1);
	struct mem_reader ctx = {t->tid, e};
	if (out && sent_bytes(t->nr, args, len, mem_reader_read, &ctx, out) < 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* The bytes a call wrote to our stdout or stderr are the event's data. */
static int attach(struct rec_session *s, struct event *ev, enum out_fd_kind kind,
		  uint8_t *data, int64_t result, struct err *e)
{
	if (kind != OUT_FD_STDOUT && kind != OUT_FD_STDERR)
		return 0;
	if ((uint64_t)result > TRACE_MAX_RECORD / 4)
		return err_set(e, "event %llu: a single write of %lld bytes to stdout/stderr "
			       "is more than a trace record holds",
			       (unsigned long long)rec_next_event(s), (long long)result);
	ev->sys.flags |= kind == OUT_FD_STDOUT ? SF_TO_STDOUT : SF_TO_STDERR;
	ev->sys.data = data;
	ev->sys.data_len = (uint32_t)result;
	return 0;
}

int rec_note_output(struct rec_session *s, struct task *t, struct event *ev,
		    int64_t result, uint8_t **data, struct err *e)
{
	if (result <= 0)
		return 0;
	*data = written_bytes(t, ev->sys.args, (size_t)result, e);
	if (!*data)
		return 0; /* sendmmsg or unreadable: no hash, no re-emission */
	ev->sys.flags |= SF_IN_HASH;
	ev->sys.in_hash = hash64(*data, (size_t)result);
	return attach(s, ev, out_fd_kind(s, t, ev->sys.args[0]), *data, result, e);
}

/* ------------------------------------------------- copies between fds -- */

static const struct fd_copy {
	long nr;
	int8_t out, in, in_off, len; /* argument indexes; in_off -1: none */
} fd_copies[] = {
	{SYS_sendfile, 0, 1, 2, 3},
	{SYS_splice, 2, 0, 1, 4},
	{SYS_copy_file_range, 2, 0, 1, 4},
	{SYS_tee, 1, 0, -1, 2},
};

static const struct fd_copy *fd_copy_of(long nr)
{
	for (size_t i = 0; i < sizeof fd_copies / sizeof fd_copies[0]; i++)
		if (fd_copies[i].nr == nr)
			return &fd_copies[i];
	return NULL;
}

/* The bytes at the head of a pipe, without taking them: tee(2) copies
 * them into a pipe of ours. What a splice from it then moves are the
 * first of them (a pipe only grows at its tail meanwhile). */
#define PEEK_MAX (1u << 20)
static uint8_t *peek_pipe(const char *path, size_t want, size_t *got)
{
	int q[2], in = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	uint8_t *buf = NULL;
	*got = 0;
	if (in < 0)
		return NULL;
	if (pipe2(q, O_NONBLOCK | O_CLOEXEC) == 0) {
		fcntl(q[1], F_SETPIPE_SZ, PEEK_MAX);
		ssize_t n = tee(in, q[1], want < PEEK_MAX ? want : PEEK_MAX, SPLICE_F_NONBLOCK);
		buf = malloc(n > 0 ? (size_t)n : 1);
		while (buf && n > 0 && *got < (size_t)n) {
			ssize_t r = read(q[0], buf + *got, (size_t)n - *got);
			if (r <= 0)
				break;
			*got += (size_t)r;
		}
		close(q[0]);
		close(q[1]);
	}
	close(in);
	return buf;
}

/* Where the source fd's file position is now, from /proc's fdinfo. */
static int fd_position(pid_t tid, uint64_t fd, int64_t *pos)
{
	char path[64], line[128];
	snprintf(path, sizeof path, "/proc/%d/fdinfo/%d", tid, (int)fd);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	int found = 0;
	while (!found && fgets(line, sizeof line, f))
		found = sscanf(line, "pos: %ld", pos) == 1;
	fclose(f);
	return found ? 0 : -1;
}

/* A writer blocked on the full pipe refills it while the call drains it,
 * so the call could move more than the bytes seen: it is asked for no more
 * than those (a short count, which the program must handle anyway). Its
 * length argument gets its value back at the exit (rec_copy_exit). */
static int cut_to_peeked(struct task *t, const struct fd_copy *c,
			 const uint64_t args[6], struct err *e)
{
	if (args[c->len] <= t->copy_peek_len)
		return 0;
	struct user_regs_struct r = t->entry_regs;
	regs_set_arg(&r, c->len, t->copy_peek_len);
	t->copy_len_cut = 1;
	t->copy_len_arg = c->len;
	t->copy_len = args[c->len];
	return pt_setregs(t->tid, &r, e);
}

int rec_copy_waited(struct task *t, int64_t poll_result,
		    struct user_regs_struct *entry, struct err *e)
{
	struct user_regs_struct r = t->entry_regs;
	struct err ignored;
	uint64_t mask;
	int status;
	t->copy_waits = 0;
	t->copy_polled = poll_result > 0; /* not when a signal cut it short */
	mem_write(t->tid, t->copy_poll_at, &t->copy_poll_saved,
		  sizeof t->copy_poll_saved, &ignored);
	r.rip -= 2; /* the syscall instruction */
	r.rax = r.orig_rax;
	r.orig_rax = (uint64_t)-1;
	/* straight to the call's entry stop, every signal held: a signal
	 * delivered on the syscall instruction would be a point the replay
	 * cannot tell from the syscall's own entry */
	if (pt_setregs(t->tid, &r, e) < 0 || pt_hold_signals(t->tid, &mask, e) < 0 ||
	    pt_syscall(t->tid, 0, e) < 0 || pt_wait(t->tid, &status, e) < 0 ||
	    pt_set_sigmask(t->tid, mask, e) < 0)
		return -1;
	if (stop_classify(status) != STOP_SYSCALL)
		return err_set(e, "thread %d: stop 0x%x making its call again", t->vtid, status);
	return pt_getregs(t->tid, entry, e);
}

void rec_copy_exit(struct task *t, struct user_regs_struct *r)
{
	if (!t->copy_len_cut)
		return;
	regs_set_arg(r, t->copy_len_arg, t->copy_len);
	t->copy_len_cut = 0;
}

/* Whether the call would sleep on its empty source pipe. */
static int would_block(struct task *t, const struct fd_copy *c, const uint64_t args[6])
{
	char path[64], line[128];
	unsigned flags = 0;
	if ((t->nr == SYS_splice && (args[5] & SPLICE_F_NONBLOCK)) ||
	    (t->nr == SYS_tee && (args[3] & SPLICE_F_NONBLOCK)))
		return 0;
	snprintf(path, sizeof path, "/proc/%d/fdinfo/%d", t->tid, (int)args[c->in]);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "flags: %o", &flags) == 1)
			break;
	fclose(f);
	return !(flags & O_NONBLOCK);
}

/* From an empty pipe the call would sleep until a writer comes, and then
 * move bytes nobody saw. It is made a poll for the pipe to be readable
 * (its pollfd written below the red zone); at the poll's exit the thread
 * is put back before its syscall instruction, to make the call again with
 * bytes to peek (rec_copy_exit). Nothing of the poll is recorded: to the
 * replay the thread had not reached the call yet. */
static int poll_instead(struct task *t, int fd, struct err *e)
{
	struct user_regs_struct r = t->entry_regs;
	struct pollfd p = {fd, POLLIN, 0};
	uint64_t at = (r.rsp - 512) & ~7ull;
	if (mem_read(t->tid, at, &t->copy_poll_saved, sizeof p, e) < 0 ||
	    mem_write(t->tid, at, &p, sizeof p, e) < 0)
		return 0; /* no room: the call runs as asked */
	r.orig_rax = SYS_poll;
	r.rdi = at;
	r.rsi = 1;
	r.rdx = (uint64_t)-1;
	t->copy_waits = 1;
	t->copy_poll_at = at;
	free(t->copy_peek);
	t->copy_peek = NULL;
	t->copy_to = OUT_FD_OTHER;
	return pt_setregs(t->tid, &r, e);
}

int rec_copy_entry(struct rec_session *s, struct task *t, struct err *e)
{
	const struct fd_copy *c = fd_copy_of(t->nr);
	t->copy_to = OUT_FD_OTHER;
	if (!c)
		return 0;
	uint64_t args[6];
	regs_args(&t->entry_regs, args);
	enum out_fd_kind kind = out_fd_kind(s, t, args[c->out]);
	if (kind != OUT_FD_STDOUT && kind != OUT_FD_STDERR)
		return 0;
	char path[64], name[32];
	struct stat st;
	snprintf(path, sizeof path, "/proc/%d/fd/%d", t->tid, (int)args[c->in]);
	free(t->copy_peek);
	t->copy_peek = NULL;
	t->copy_len_cut = 0;
	if (stat(path, &st) == 0 && S_ISFIFO(st.st_mode)) {
		t->copy_peek = peek_pipe(path, args[c->len], &t->copy_peek_len);
		t->copy_to = t->copy_peek ? kind : OUT_FD_OTHER;
		int polled = t->copy_polled;
		t->copy_polled = 0;
		if (t->copy_peek_len)
			return cut_to_peeked(t, c, args, e);
		/* still empty after a poll said readable: the writers are gone
		 * and the call returns 0 at once */
		return !polled && would_block(t, c, args) ?
		       poll_instead(t, (int)args[c->in], e) : 0;
	}
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return err_set(e, "event %llu: thread %d called %s from a socket or device to "
			       "heisen's %s: those bytes cannot be recorded (a limit)",
			       (unsigned long long)rec_next_event(s), t->vtid,
			       sys_name(t->nr, name, sizeof name),
			       kind == OUT_FD_STDOUT ? "stdout" : "stderr");
	int64_t off = 0;
	/* the kernel reads the offset before it moves a byte, and fails
	 * with EFAULT when it cannot: a pointer we cannot read means that
	 * failure, with nothing sent to keep (copy_to stays OUT_FD_OTHER) */
	if (c->in_off >= 0 && args[c->in_off]) {
		struct err ignored;
		if (mem_read(t->tid, args[c->in_off], &off, sizeof off, &ignored) < 0)
			return 0;
	} else if (fd_position(t->tid, args[c->in], &off) < 0)
		return err_set(e, "event %llu: cannot tell where %s reads from",
			       (unsigned long long)rec_next_event(s),
			       sys_name(t->nr, name, sizeof name));
	t->copy_to = kind;
	t->copy_src_off = off;
	return 0;
}

/* vmsplice into a pipe that is our stdout: the bytes of its iovecs. */
static int note_vmsplice(struct rec_session *s, struct task *t, struct event *ev,
			 int64_t result, uint8_t **data, struct err *e)
{
	enum out_fd_kind kind = out_fd_kind(s, t, ev->sys.args[0]);
	if (result <= 0 || (kind != OUT_FD_STDOUT && kind != OUT_FD_STDERR))
		return 0;
	*data = written_bytes(t, ev->sys.args, (size_t)result, e);
	if (!*data)
		return err_set(e, "event %llu: cannot read what vmsplice sent to stdout/stderr",
			       (unsigned long long)rec_next_event(s));
	return attach(s, ev, kind, *data, result, e);
}

int rec_note_copy(struct rec_session *s, struct task *t, struct event *ev,
		  int64_t result, uint8_t **data, struct err *e)
{
	if (t->nr == SYS_vmsplice)
		return note_vmsplice(s, t, ev, result, data, e);
	const struct fd_copy *c = fd_copy_of(t->nr);
	if (!c || t->copy_to == OUT_FD_OTHER || result <= 0)
		return 0;
	if (t->copy_peek) { /* from a pipe: the bytes peeked at entry */
		*data = t->copy_peek;
		t->copy_peek = NULL;
		if ((size_t)result > t->copy_peek_len)
			return err_set(e, "event %llu: %lld bytes went from a pipe to stdout/stderr, "
				       "more than were in it", (unsigned long long)rec_next_event(s),
				       (long long)result);
		return attach(s, ev, (enum out_fd_kind)t->copy_to, *data, result, e);
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/fd/%d", t->tid, (int)ev->sys.args[c->in]);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	*data = fd < 0 ? NULL : malloc((size_t)result);
	ssize_t got = *data ? pread(fd, *data, (size_t)result, t->copy_src_off) : -1;
	if (fd >= 0)
		close(fd);
	if (got != result)
		return err_set(e, "event %llu: cannot read back the %lld bytes that went to "
			       "stdout/stderr", (unsigned long long)rec_next_event(s),
			       (long long)result);
	return attach(s, ev, (enum out_fd_kind)t->copy_to, *data, result, e);
}
