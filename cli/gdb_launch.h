/* Serving a replay to gdb from the command line (cli/gdb_launch.c). pid:
 * the recorded process gdb debugs (heisen ps lists them), 0 for the first. */
#ifndef HEISEN_GDB_LAUNCH_H
#define HEISEN_GDB_LAUNCH_H

#include "core/err.h"

/* On stdin/stdout: `target remote | heisen replay --stdio TRACE`. */
int gdb_serve_stdio(const char *dir, int pid, struct err *e);
/* On addr:port (port 0: any free one), for one connection. */
int gdb_serve_port(const char *dir, const char *addr, int port, int pid,
		   struct err *e);
/* Become gdb (started with gdb_args after its own), connected to a
 * child that serves the replay. Returns only on failure. */
int gdb_launch(const char *dir, const char *gdb, int pid,
	       char *const *gdb_args, int ngdb_args, struct err *e);

#endif
