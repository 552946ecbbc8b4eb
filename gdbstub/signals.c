/* Signal numbers as gdb's remote protocol has them: its own numbering
 * (gdb's include/gdb/signals.def), which agrees with Linux's only for
 * signals 1-15 (but 7, 10 and 12). */
#include "gdbstub/signals.h"

#include <signal.h>
#include <stddef.h>

static const struct {
	int host, gdb;
} signal_map[] = {
	{SIGHUP, 1},     {SIGINT, 2},     {SIGQUIT, 3},   {SIGILL, 4},
	{SIGTRAP, 5},    {SIGABRT, 6},    {SIGBUS, 10},   {SIGFPE, 8},
	{SIGKILL, 9},    {SIGUSR1, 30},   {SIGSEGV, 11},  {SIGUSR2, 31},
	{SIGPIPE, 13},   {SIGALRM, 14},   {SIGTERM, 15},  {SIGCHLD, 20},
	{SIGCONT, 19},   {SIGSTOP, 17},   {SIGTSTP, 18},  {SIGTTIN, 21},
	{SIGTTOU, 22},   {SIGURG, 16},    {SIGXCPU, 24},  {SIGXFSZ, 25},
	{SIGVTALRM, 26}, {SIGPROF, 27},   {SIGWINCH, 28}, {SIGIO, 23},
	{SIGPWR, 32},    {SIGSYS, 12},
};

/* gdb numbers the real-time signals 33-63 from 45 on (GDB_SIGNAL_REALTIME_33);
 * glibc keeps 32 and 33 for itself. */
#define GDB_REALTIME_33 45

int gdb_signal_from_host(int sig)
{
	for (size_t i = 0; i < sizeof signal_map / sizeof signal_map[0]; i++)
		if (signal_map[i].host == sig)
			return signal_map[i].gdb;
	if (sig >= 33 && sig <= 63)
		return GDB_REALTIME_33 + (sig - 33);
	return 0;
}
