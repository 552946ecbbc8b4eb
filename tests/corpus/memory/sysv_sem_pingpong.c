/* SysV semaphores between parent and child: a set of two from
 * semget(IPC_PRIVATE), SETVAL/GETVAL/GETALL, a 50-round ping-pong with
 * semop, one semop of two operations at once (atomic), IPC_NOWAIT giving
 * EAGAIN, and SEM_UNDO: a child takes a unit with SEM_UNDO and exits, and
 * the kernel gives it back. IPC_RMID at the end (and at exit on failure).
 * corpus: native=same */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ROUNDS = 50 };

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
};

static int id = -1;

static void remove_set(void)
{
	if (id >= 0)
		semctl(id, 0, IPC_RMID);
}

static int op(unsigned short num, short delta, short flags)
{
	struct sembuf b = { num, delta, flags };
	int r;
	do
		r = semop(id, &b, 1);
	while (r < 0 && errno == EINTR);
	return r;
}

static int reap(pid_t c)
{
	int st;
	return waitpid(c, &st, 0) == c && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(void)
{
	id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
	if (id < 0) {
		perror("semget");
		return 1;
	}
	atexit(remove_set);
	union semun arg = { .val = 0 };
	if (semctl(id, 0, SETVAL, arg) < 0 || semctl(id, 1, SETVAL, arg) < 0) {
		perror("SETVAL");
		return 1;
	}
	int ok = 1;
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		/* semaphore 0: the child's turn; 1: the parent's */
		for (int i = 0; i < ROUNDS; i++)
			if (op(0, -1, 0) < 0 || op(1, 1, 0) < 0)
				_exit(3);
		_exit(0);
	}
	int rounds = 0;
	for (int i = 0; i < ROUNDS; i++) {
		if (op(0, 1, 0) < 0 || op(1, -1, 0) < 0) {
			perror("semop");
			ok = 0;
			break;
		}
		rounds++;
	}
	int code = reap(c);
	printf("ping-pong: %d rounds, child exit %d, values %d %d\n", rounds, code,
	       semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
	if (code != 0 || rounds != ROUNDS)
		ok = 0;

	errno = 0;
	int r = op(1, -1, IPC_NOWAIT);
	printf("IPC_NOWAIT on zero: %d %s\n", r, errno == EAGAIN ? "EAGAIN" : "?");
	if (r != -1 || errno != EAGAIN)
		ok = 0;

	struct sembuf two[2] = { { 0, 5, 0 }, { 1, 3, 0 } };
	if (semop(id, two, 2) < 0)
		ok = 0;
	unsigned short all[2] = { 0, 0 };
	arg.array = all;
	semctl(id, 0, GETALL, arg);
	printf("after one semop of two operations: %u %u\n", all[0], all[1]);
	if (all[0] != 5 || all[1] != 3)
		ok = 0;

	fflush(stdout);
	c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		if (op(0, -4, SEM_UNDO) < 0)
			_exit(3);
		printf("child took 4 with SEM_UNDO: value %d\n", semctl(id, 0, GETVAL));
		fflush(stdout);
		_exit(0);
	}
	code = reap(c);
	int v = semctl(id, 0, GETVAL);
	printf("child exit %d, value after its exit %d\n", code, v);
	if (code != 0 || v != 5)
		ok = 0;

	if (semctl(id, 0, IPC_RMID) < 0) {
		perror("IPC_RMID");
		ok = 0;
	}
	errno = 0;
	r = semctl(id, 0, GETVAL);
	printf("GETVAL after IPC_RMID: %s\n", r < 0 && (errno == EINVAL || errno == EIDRM) ?
	       "error" : "works");
	id = -1;
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}
