/* The heisen command line: one function per subcommand. */
#ifndef HEISEN_CLI_H
#define HEISEN_CLI_H

#include <stdint.h>
#include <stdio.h>

/* Exit statuses of heisen itself (the program's own pass through). */
enum {
	EXIT_HEISEN_ERROR = 125, /* bad options, bad trace, internal error */
	EXIT_CANNOT_RUN = 126,   /* the program exists but cannot be run */
	EXIT_NOT_FOUND = 127,    /* the program to record does not exist */
	EXIT_DIVERGED = 3,       /* the replay diverged from the trace */
	EXIT_INCOMPLETE = 4,     /* the trace has no end (recorder killed) */
};

int cmd_record(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_ls(int argc, char **argv);
int cmd_hunt(int argc, char **argv);
int cmd_ps(int argc, char **argv);

/* Write s with its control bytes as \xNN (newline and tab too if
 * one_line): strings that come from a trace (paths, arguments, an error
 * it recorded) may hold terminal escape sequences. */
void cli_put_safe(FILE *f, const char *s, int one_line);
/* "heisen CMD: msg" on stderr, msg written by cli_put_safe. */
void cli_error(const char *cmd, const char *msg);
/* Print "heisen CMD: msg" on stderr (as cli_error) and return
 * EXIT_HEISEN_ERROR. */
int cli_fail(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Recording and replaying need CAP_SYS_ADMIN (namespaces, mounts) and
 * CAP_SYS_PTRACE (the program runs in another pid namespace): 0, or
 * cli_fail() saying which is missing. */
int cli_check_privileges(const char *cmd);

/* The trace root ($HEISEN_TRACE_DIR, or ~/.local/share/heisen). */
void trace_root(char *out, unsigned len);
/* $HEISEN_TRACE_DIR/latest-trace in out; -1 if that name is taken by
 * anything but a symlink (heisen only ever makes and replaces one). */
int cli_latest_trace(char *out, unsigned len);
/* Make path's missing parent directories (0755), as mkdir -p would, but
 * not path itself. */
void cli_mkdir_parents(const char *path);
/* A list of code addresses joined by ',' ("0x55..,0x55..", as record
 * --stats prints the conflicting sites): how many (1..max) into sites, or
 * -1 if it is not one. */
int cli_parse_sites(const char *list, uint64_t *sites, unsigned max);
/* Resolve a TRACE argument (NULL: the latest trace) to a directory. */
int resolve_trace(const char *cmd, const char *arg, char *out, unsigned len);

/* A command's non-option argument: the TRACE (an unknown option or a
 * second trace is an error). Returns 0, or EXIT_HEISEN_ERROR after saying
 * why. */
int cli_trace_arg(const char *cmd, const char *arg, const char **trace);

struct ev_header;
struct event;
/* Read the trace in dir: on_header once, then on_event for every event.
 * Returns 0, EXIT_INCOMPLETE after every event and a warning line when the
 * trace has no end, or EXIT_HEISEN_ERROR after one error line. */
int cli_walk_trace(const char *cmd, const char *dir,
		   void (*on_header)(void *ctx, const struct ev_header *h),
		   void (*on_event)(void *ctx, const struct event *ev), void *ctx);

#endif
