/* Two POSIX named semaphores (sem_open, in /dev/shm as sem.NAME) make
 * parent and child take strict turns: the child opens them by name after
 * the fork (not the inherited pointers), and each side prints its step
 * only when the other has posted. sem_trywait on an empty one gives
 * EAGAIN; both names are sem_unlink()ed at the end.
 * corpus: native=same */
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { STEPS = 20 };

static char name_p[64], name_c[64];

static sem_t *create_unique(char *name, const char *role)
{
	struct timespec ts;
	for (int try = 0; try < 100; try++) {
		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(name, 64, "/heisen-corpus-%s-%d-%lx-%d", role, (int)getpid(),
			 (unsigned long)ts.tv_nsec, try);
		sem_t *s = sem_open(name, O_CREAT | O_EXCL, 0600, 0);
		if (s != SEM_FAILED || errno != EEXIST)
			return s;
	}
	return SEM_FAILED;
}

int main(void)
{
	sem_t *to_parent = create_unique(name_p, "p");
	if (to_parent == SEM_FAILED) {
		perror("sem_open");
		return 1;
	}
	sem_t *to_child = create_unique(name_c, "c");
	if (to_child == SEM_FAILED) {
		perror("sem_open");
		sem_unlink(name_p);
		return 1;
	}
	int ok = 1;
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		ok = 0;
	} else if (c == 0) {
		sem_t *mine = sem_open(name_c, 0), *theirs = sem_open(name_p, 0);
		if (mine == SEM_FAILED || theirs == SEM_FAILED)
			_exit(3);
		for (int i = 0; i < STEPS; i++) {
			if (sem_wait(mine) < 0)
				_exit(4);
			printf("child  step %2d\n", i);
			fflush(stdout);
			sem_post(theirs);
		}
		sem_close(mine);
		sem_close(theirs);
		_exit(0);
	} else {
		errno = 0;
		int r = sem_trywait(to_parent);
		printf("trywait on an empty semaphore: %d %s\n", r, errno == EAGAIN ? "EAGAIN" : "?");
		for (int i = 0; i < STEPS; i++) {
			printf("parent step %2d\n", i);
			fflush(stdout);
			sem_post(to_child);
			if (sem_wait(to_parent) < 0) {
				perror("sem_wait");
				ok = 0;
				break;
			}
		}
		int st;
		waitpid(c, &st, 0);
		int v = -1;
		sem_getvalue(to_parent, &v);
		printf("child exit %d, value left %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1, v);
		ok = ok && WIFEXITED(st) && WEXITSTATUS(st) == 0 && v == 0;
	}
	sem_close(to_parent);
	sem_close(to_child);
	if (sem_unlink(name_p) < 0 || sem_unlink(name_c) < 0) {
		perror("sem_unlink");
		ok = 0;
	}
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}
