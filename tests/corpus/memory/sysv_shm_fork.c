/* SysV shared memory: shmget(IPC_PRIVATE), shmat, fork (the child inherits
 * the attachment, so shm_nattch goes from 1 to 2), the child writes and
 * exits (back to 1), the parent reads, shmdt (0), IPC_RMID, and then
 * IPC_STAT fails with EINVAL. Only deterministic IPC_STAT fields are
 * printed: size, nattch, mode. An atexit handler removes the segment if
 * a check fails on the way.
 * corpus: native=same */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

enum { SIZE = 3 * 4096 };

static int id = -1;

static void remove_segment(void)
{
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
}

static void show(const char *when)
{
	struct shmid_ds ds;
	if (shmctl(id, IPC_STAT, &ds) < 0) {
		printf("%s: IPC_STAT failed: %s\n", when, errno == EINVAL ? "EINVAL" : strerror(errno));
		return;
	}
	printf("%s: size %zu, nattch %lu, mode %o\n", when, (size_t)ds.shm_segsz,
	       (unsigned long)ds.shm_nattch, (unsigned)(ds.shm_perm.mode & 0777));
}

static unsigned long nattch(void)
{
	struct shmid_ds ds;
	return shmctl(id, IPC_STAT, &ds) < 0 ? 999 : (unsigned long)ds.shm_nattch;
}

int main(void)
{
	id = shmget(IPC_PRIVATE, SIZE, IPC_CREAT | 0600);
	if (id < 0) {
		perror("shmget");
		return 1;
	}
	atexit(remove_segment);
	show("created");
	int *m = shmat(id, NULL, 0);
	if (m == (void *)-1) {
		perror("shmat");
		return 1;
	}
	show("attached");
	int p2c[2], c2p[2];
	if (pipe(p2c) < 0 || pipe(c2p) < 0) {
		perror("pipe");
		return 1;
	}
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		char b;
		if (write(c2p[1], "f", 1) != 1 || read(p2c[0], &b, 1) != 1)
			_exit(3);
		for (int i = 0; i < SIZE / 4; i++)
			m[i] = SIZE / 4 - i;
		_exit(0);
	}
	char b;
	if (read(c2p[0], &b, 1) != 1)
		return 1;
	show("after fork");
	int nat_fork = nattch();
	if (write(p2c[1], "g", 1) != 1)
		return 1;
	int st;
	waitpid(c, &st, 0);
	show("child gone");
	int nat_exit = nattch();
	long sum = 0;
	for (int i = 0; i < SIZE / 4; i++)
		sum += m[i];
	printf("parent reads [0]=%d [3071]=%d sum=%ld\n", m[0], m[SIZE / 4 - 1], sum);
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && sum == 3072L * 3073 / 2 &&
		 nat_fork == 2 && nat_exit == 1;
	if (shmdt(m) < 0) {
		perror("shmdt");
		ok = 0;
	}
	show("detached");
	if (nattch() != 0)
		ok = 0;
	if (shmctl(id, IPC_RMID, NULL) < 0) {
		perror("IPC_RMID");
		ok = 0;
	}
	show("removed");
	id = -1;
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}
