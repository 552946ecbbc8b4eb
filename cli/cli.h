/* The heisen command line: one function per subcommand. */
#ifndef HEISEN_CLI_H
#define HEISEN_CLI_H

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
int cmd_ps(int argc, char **argv);

/* Print "heisen CMD: msg" on stderr and return EXIT_HEISEN_ERROR. */
int cli_fail(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The trace root ($HEISEN_TRACE_DIR, or ~/.local/share/heisen). */
void trace_root(char *out, unsigned len);
/* Resolve a TRACE argument (NULL: the latest trace) to a directory. */
int resolve_trace(const char *cmd, const char *arg, char *out, unsigned len);

#endif
