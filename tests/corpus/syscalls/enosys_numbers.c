/* Numbers the kernel answers with ENOSYS are let through and recorded:
 * syscall(-1) (a marker some test harnesses use), numbers past heisen's
 * table (500, 1000, 1 << 20), numbers x86-64 leaves unassigned (337,
 * 400, 423) and numbers it defines without implementing them (uselib,
 * create_module, get_kernel_syms, tuxcall, vserver, set_thread_area,
 * epoll_wait_old). Between them ordinary calls go on working.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void try(const char *what, long nr)
{
	errno = 0;
	long r = syscall(nr, 1, 2, 3, 4, 5, 6);
	printf("%-16s %5ld -> %ld %s\n", what, nr, r,
	       r < 0 ? strerrorname_np(errno) : "");
}

int main(void)
{
	try("minus one", -1);
	try("past the table", 500);
	try("far past", 1000);
	try("very far", 1L << 20);
	try("unassigned", 337);
	try("unassigned", 400);
	try("unassigned", 423);
	try("uselib", SYS_uselib);
	try("create_module", SYS_create_module);
	try("get_kernel_syms", SYS_get_kernel_syms);
	try("tuxcall", SYS_tuxcall);
	try("vserver", SYS_vserver);
	try("set_thread_area", SYS_set_thread_area);
	try("epoll_wait_old", SYS_epoll_wait_old);
	/* an ordinary call still answers */
	printf("getppid works: %s\n", getppid() > 0 ? "yes" : "no");
	return 0;
}
