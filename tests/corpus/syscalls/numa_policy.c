/* NUMA memory policy on node 0: get_mempolicy of the thread (default),
 * set_mempolicy(MPOL_BIND) and back, mbind of a mapping to
 * MPOL_INTERLEAVE and get_mempolicy(MPOL_F_ADDR) of it, the node of a
 * touched page (MPOL_F_NODE | MPOL_F_ADDR), move_pages asking where two
 * pages are (one touched: node 0; one not: ENOENT), migrate_pages to the
 * same node, and a node mask too short for the kernel (EINVAL).
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { MPOL_DEFAULT = 0, MPOL_BIND = 2, MPOL_INTERLEAVE = 3 };
#define MPOL_F_NODE (1 << 0)
#define MPOL_F_ADDR (1 << 1)
#define MAXNODE 1025 /* as libnuma: room for 1024 nodes */

static const char *en(long r)
{
	return r < 0 ? strerrorname_np(errno) : "ok";
}

int main(void)
{
	unsigned long mask[16] = { 0 }, node0[16] = { 1 };
	int mode = -1;
	long r = syscall(SYS_get_mempolicy, &mode, mask, MAXNODE, NULL, 0);
	printf("thread policy: %s mode %d mask %#lx\n", en(r), mode, mask[0]);
	r = syscall(SYS_set_mempolicy, MPOL_BIND, node0, MAXNODE);
	printf("set BIND node 0: %s\n", en(r));
	r = syscall(SYS_get_mempolicy, &mode, mask, MAXNODE, NULL, 0);
	printf("thread policy: %s mode %d mask %#lx\n", en(r), mode, mask[0]);
	r = syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	printf("back to default: %s\n", en(r));

	long page = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 1;
	r = syscall(SYS_mbind, m, 4 * page, MPOL_INTERLEAVE, node0, MAXNODE, 0);
	printf("mbind INTERLEAVE: %s\n", en(r));
	mode = -1;
	r = syscall(SYS_get_mempolicy, &mode, mask, MAXNODE, m, MPOL_F_ADDR);
	printf("mapping policy: %s mode %d mask %#lx\n", en(r), mode, mask[0]);
	m[0] = 1;
	int node = -1;
	r = syscall(SYS_get_mempolicy, &node, NULL, 0, m,
		    MPOL_F_NODE | MPOL_F_ADDR);
	printf("node of a touched page: %s %d\n", en(r), node);
	void *pages[2] = { m, m + 3 * page };
	int status[2] = { 99, 99 };
	r = syscall(SYS_move_pages, 0, 2, pages, NULL, status, 0);
	printf("move_pages query: %s status %d %s\n", en(r), status[0],
	       status[1] < 0 ? strerrorname_np(-status[1]) : "?");
	r = syscall(SYS_migrate_pages, 0, MAXNODE, node0, node0);
	printf("migrate_pages 0 -> 0: %ld\n", r);
	errno = 0;
	r = syscall(SYS_get_mempolicy, &mode, mask, 0, NULL, 0);
	printf("maxnode 0: %ld %s\n", r, en(r));
	munmap(m, 4 * page);
	return 0;
}
