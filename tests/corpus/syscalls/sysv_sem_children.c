/* SysV semaphores between a parent and two children: a set of three made
 * with semget(IPC_PRIVATE), SETALL and GETALL, IPC_STAT (sem_nsems,
 * mode), IPC_SET of the mode, IPC_INFO and SEM_INFO (the system's
 * limits: semmsl, semopm), GETNCNT while a child sleeps in semop waiting
 * for a unit, GETPID naming the last child to operate, GETZCNT while the
 * other child waits for zero, a semtimedop that times out (EAGAIN),
 * IPC_RMID. Children are reaped.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *info;
};

static int id = -1;

/* Poll a semaphore's count (GETNCNT or GETZCNT) until it is `want`. */
static int wait_count(int cmd, int num, int want)
{
	for (int i = 0; i < 2000; i++) {
		if (semctl(id, num, cmd) == want)
			return 1;
		usleep(1000);
	}
	return 0;
}

static int reap(pid_t c)
{
	int st;
	return waitpid(c, &st, 0) == c && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(void)
{
	id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
	if (id < 0) {
		perror("semget");
		return 1;
	}
	unsigned short init[3] = { 0, 5, 1 }, got[3] = { 9, 9, 9 };
	union semun arg = { .array = init };
	printf("SETALL: %d\n", semctl(id, 0, SETALL, arg));
	arg.array = got;
	int r = semctl(id, 0, GETALL, arg);
	printf("GETALL: %d -> %u %u %u\n", r, got[0], got[1], got[2]);
	struct semid_ds ds;
	arg.buf = &ds;
	semctl(id, 0, IPC_STAT, arg);
	printf("IPC_STAT: nsems %lu mode %o\n", (unsigned long)ds.sem_nsems,
	       ds.sem_perm.mode & 0777);
	ds.sem_perm.mode = 0640;
	printf("IPC_SET: %d\n", semctl(id, 0, IPC_SET, arg));
	semctl(id, 0, IPC_STAT, arg);
	printf("mode now %o\n", ds.sem_perm.mode & 0777);
	struct seminfo si, si2;
	arg.info = &si;
	int r1 = semctl(id, 0, IPC_INFO, arg);
	arg.info = &si2;
	int r2 = semctl(id, 0, SEM_INFO, arg);
	printf("IPC_INFO and SEM_INFO agree on semmsl, semopm: %s (%s)\n",
	       r1 >= 0 && r2 >= 0 && si.semmsl == si2.semmsl &&
	       si.semopm == si2.semopm ? "yes" : "no",
	       si.semmsl > 0 ? "nonzero" : "zero");
	fflush(stdout);

	/* a child waits for a unit of semaphore 0 */
	pid_t taker = fork();
	if (taker == 0) {
		struct sembuf take = { 0, -1, 0 };
		_exit(semop(id, &take, 1) == 0 ? 10 : 1);
	}
	printf("GETNCNT reaches 1: %s\n", wait_count(GETNCNT, 0, 1) ? "yes" : "no");
	struct sembuf give = { 0, 1, 0 };
	semop(id, &give, 1);
	printf("taker exit %d\n", reap(taker));
	printf("GETVAL 0: %d\n", semctl(id, 0, GETVAL));
	printf("GETPID is the taker: %s\n",
	       semctl(id, 0, GETPID) == taker ? "yes" : "no");
	fflush(stdout);

	/* another waits for semaphore 2 to be zero */
	pid_t zero = fork();
	if (zero == 0) {
		struct sembuf z = { 2, 0, 0 };
		_exit(semop(id, &z, 1) == 0 ? 20 : 1);
	}
	printf("GETZCNT reaches 1: %s\n", wait_count(GETZCNT, 2, 1) ? "yes" : "no");
	struct sembuf dec = { 2, -1, 0 };
	semop(id, &dec, 1);
	printf("zero waiter exit %d\n", reap(zero));
	struct sembuf again = { 0, -1, 0 };
	struct timespec t = { 0, 20 * 1000 * 1000 };
	errno = 0;
	r = semtimedop(id, &again, 1, &t);
	printf("semtimedop on 0: %d %s\n", r, r < 0 ? strerrorname_np(errno) : "");
	arg.array = got;
	semctl(id, 0, GETALL, arg);
	printf("GETALL: %u %u %u\n", got[0], got[1], got[2]);
	printf("IPC_RMID: %d\n", semctl(id, 0, IPC_RMID));
	errno = 0;
	r = semctl(id, 0, GETVAL);
	printf("GETVAL after removal: %d %s\n", r, strerrorname_np(errno));
	return 0;
}
