/* A SysV segment the parent has not attached when it forks: the first
 * child shmat()s it by id itself, fills it and shmdt()s; a second child
 * attaches it SHM_RDONLY, reads it, and gets SIGSEGV when it stores
 * there; the parent attaches it last and reads the first child's data.
 * IPC_RMID while attached only marks it for removal (SHM_DEST in the
 * mode IPC_STAT gives); it disappears at the last shmdt.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

enum { SIZE = 8192 };

static int id = -1;

static void remove_segment(void)
{
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
}

static int reap(pid_t c)
{
	int st;
	if (waitpid(c, &st, 0) != c)
		return -1;
	return st;
}

int main(void)
{
	id = shmget(IPC_PRIVATE, SIZE, IPC_CREAT | 0600);
	if (id < 0) {
		perror("shmget");
		return 1;
	}
	atexit(remove_segment);
	fflush(stdout);
	pid_t w = fork();
	if (w < 0) {
		perror("fork");
		return 1;
	}
	if (w == 0) {
		char *m = shmat(id, NULL, 0);
		if (m == (void *)-1)
			_exit(3);
		for (int i = 0; i < 8; i++)
			snprintf(m + i * 1024, 64, "record %d by the writer child", i);
		_exit(shmdt(m) < 0 ? 4 : 0);
	}
	int st = reap(w);
	printf("writer child: exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	fflush(stdout);
	pid_t r = fork();
	if (r < 0) {
		perror("fork");
		return 1;
	}
	if (r == 0) {
		volatile char *m = shmat(id, NULL, SHM_RDONLY);
		if (m == (void *)-1)
			_exit(3);
		printf("reader child sees: \"%s\"\n", (const char *)m + 7 * 1024);
		fflush(stdout);
		struct rlimit no_core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &no_core);
		signal(SIGSEGV, SIG_DFL);
		m[0] = 'X';	/* read-only attachment: this faults */
		_exit(5);
	}
	st = reap(r);
	printf("reader child: %s\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV ?
	       "killed by SIGSEGV on its store" : "not killed by SIGSEGV");
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGSEGV)
		ok = 0;
	char *m = shmat(id, NULL, 0);
	if (m == (void *)-1) {
		perror("shmat");
		return 1;
	}
	for (int i = 0; i < 8; i += 3)
		printf("parent reads: \"%s\"\n", m + i * 1024);
	if (strcmp(m + 3 * 1024, "record 3 by the writer child") || m[0] != 'r')
		ok = 0;
	if (shmctl(id, IPC_RMID, NULL) < 0) {
		perror("IPC_RMID");
		ok = 0;
	}
	struct shmid_ds ds;
	int stat_ok = shmctl(id, IPC_STAT, &ds) == 0;
	printf("after IPC_RMID while attached: stat %s, marked for removal %s, nattch %lu\n",
	       stat_ok ? "works" : "fails", stat_ok && (ds.shm_perm.mode & SHM_DEST) ? "yes" : "no",
	       stat_ok ? (unsigned long)ds.shm_nattch : 0UL);
	if (!stat_ok || !(ds.shm_perm.mode & SHM_DEST))
		ok = 0;
	shmdt(m);
	errno = 0;
	int gone = shmctl(id, IPC_STAT, &ds) < 0 && (errno == EINVAL || errno == EIDRM);
	printf("after the last shmdt: %s\n", gone ? "gone" : "still there");
	if (!gone)
		ok = 0;
	id = -1;
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}
