/* Memory shared between processes, one object of each kind: an anonymous
 * MAP_SHARED region and /dev/zero mapped shared (inherited over fork), a
 * memfd that each child also maps itself, an unlinked tmpfile() that the
 * children change with pwrite while the parent has it mapped, and a SysV
 * segment each child attaches again. Prints what the parent sees.
 * (tests/test_shared_memory.py) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 3
#define ROUNDS 1000

static void *map_fd(int fd, size_t len)
{
	return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
}

static void child(int k, atomic_int *anon, atomic_int *zero, int memfd, int tmpfd, int seg)
{
	atomic_int *m = map_fd(memfd, 8192);
	atomic_int *s = shmat(seg, NULL, 0);
	if (m == MAP_FAILED || s == (void *)-1)
		_exit(1);
	for (int i = 0; i < ROUNDS; i++) {
		atomic_fetch_add(anon, 1);
		atomic_fetch_add(zero, 1);
		atomic_fetch_add(&m[i % 4], 1);
		atomic_fetch_add(&s[i % 4], 1);
	}
	char tag[3];
	snprintf(tag, sizeof tag, "c%d", k);
	if (pwrite(tmpfd, tag, 2, 100 + 2 * k) != 2 || shmdt(s) < 0)
		_exit(1);
	_exit(0);
}

int main(void)
{
	atomic_int *anon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int zfd = open("/dev/zero", O_RDWR);
	atomic_int *zero = map_fd(zfd, 4096);
	int memfd = memfd_create("counters", 0);
	FILE *tmp = tmpfile();
	int tmpfd = tmp ? fileno(tmp) : -1;
	if (anon == MAP_FAILED || zero == MAP_FAILED || memfd < 0 || tmpfd < 0 ||
	    ftruncate(memfd, 8192) < 0 || ftruncate(tmpfd, 4096) < 0)
		return 1;
	atomic_int *m = map_fd(memfd, 8192);
	char *t = map_fd(tmpfd, 4096);
	int seg = shmget(IPC_PRIVATE, 5000, IPC_CREAT | 0600);
	atomic_int *s = seg < 0 ? (void *)-1 : shmat(seg, NULL, 0);
	if (m == MAP_FAILED || t == MAP_FAILED || s == (void *)-1)
		return 1;
	for (int k = 0; k < CHILDREN; k++) {
		pid_t p = fork();
		if (p == 0)
			child(k, anon, zero, memfd, tmpfd, seg);
		int st;
		if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st))
			return 1;
	}
	printf("anonymous %d, /dev/zero %d\n", *anon, *zero);
	printf("memfd %d %d %d %d\n", m[0], m[1], m[2], m[3]);
	printf("sysv %d %d %d %d\n", s[0], s[1], s[2], s[3]);
	printf("tmpfile through the mapping: %.6s\n", t + 100);
	shmdt(s);
	shmctl(seg, IPC_RMID, NULL);
	return 0;
}
