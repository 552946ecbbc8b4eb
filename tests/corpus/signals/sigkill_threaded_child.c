/* SIGKILL to a child with four threads blocked in different places (read,
 * futex via pthread_cond_wait, nanosleep, sigsuspend): the whole process
 * dies at once and the parent's waitpid sees WTERMSIG SIGKILL. Three
 * rounds.
 * corpus: native=same */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int ready[2], never[2];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;

static void *t_read(void *a)
{
	(void)a;
	char c;
	write(ready[1], "r", 1);
	read(never[0], &c, 1);
	return NULL;
}

static void *t_cond(void *a)
{
	(void)a;
	pthread_mutex_lock(&mu);
	write(ready[1], "c", 1);
	for (int i = 0; i < 1000; i++)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	return NULL;
}

static void *t_sleep(void *a)
{
	(void)a;
	struct timespec ts = { 30, 0 };
	write(ready[1], "s", 1);
	nanosleep(&ts, NULL);
	return NULL;
}

int main(void)
{
	int bad = 0;
	for (int round = 0; round < 3; round++) {
		if (pipe(ready) || pipe(never))
			return 1;
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			pthread_t t;
			pthread_create(&t, NULL, t_read, NULL);
			pthread_create(&t, NULL, t_cond, NULL);
			pthread_create(&t, NULL, t_sleep, NULL);
			sigset_t empty;
			sigemptyset(&empty);
			write(ready[1], "m", 1);
			for (int i = 0; i < 1000; i++)
				sigsuspend(&empty);
			_exit(1);
		}
		char c;
		for (int i = 0; i < 4; i++)
			read(ready[0], &c, 1);
		kill(pid, SIGKILL);
		int st;
		waitpid(pid, &st, 0);
		printf("round %d: child %s\n", round,
		       WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL ? "killed by SIGKILL" : "ended otherwise");
		bad |= !(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
		close(ready[0]);
		close(ready[1]);
		close(never[0]);
		close(never[1]);
	}
	return bad;
}
