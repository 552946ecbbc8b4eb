#ifndef HEISEN_GDB_SIGNALS_H
#define HEISEN_GDB_SIGNALS_H

/* gdb's number for a Linux signal (stop replies, QPassSignals), or 0 for
 * one it has no number for. */
int gdb_signal_from_host(int sig);

#endif
