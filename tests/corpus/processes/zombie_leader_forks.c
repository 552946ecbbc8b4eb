/* After main pthread_exits (the leader is a zombie thread), a worker
 * forks: the child's parent is still the process (getppid is our pid),
 * the worker reaps it, and the process exits when the worker returns.
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_t leader;
static pid_t process;

static void *worker(void *arg)
{
	(void)arg;
	pthread_join(leader, NULL);
	int p[2];
	if (pipe(p) < 0)
		return NULL;
	fflush(stdout);
	pid_t c = fork();
	if (c == 0) {
		char m = getppid() == process ? 'Y' : 'N';
		_exit(write(p[1], &m, 1) == 1 ? 0 : 1);
	}
	char m = '?';
	if (read(p[0], &m, 1) != 1)
		return NULL;
	int st;
	pid_t r = waitpid(c, &st, 0);
	printf("child's parent is the process with a zombie leader: %s\n", m == 'Y' ? "yes" : "no");
	printf("worker reaped it: %s, exit %d\n", r == c ? "yes" : "no", WEXITSTATUS(st));
	fflush(stdout);
	return NULL;
}

int main(void)
{
	leader = pthread_self();
	process = getpid();
	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
	printf("leader: pthread_exit\n");
	fflush(stdout);
	pthread_exit(NULL);
}
