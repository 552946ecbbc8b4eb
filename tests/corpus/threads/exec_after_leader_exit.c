/* The leader pthread_exits (a zombie leader), then a worker thread
 * execs: the kernel must turn the exec'ing worker into the leader of the
 * new image with the old pid. The new image reports its thread count.
 * corpus: native=same */
#define _GNU_SOURCE
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_t leader;
static char *self_argv0;
static char exe[4096];

static int count_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	if (!d)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static void *worker(void *arg)
{
	(void)arg;
	pthread_join(leader, NULL); /* the leader has exited */
	char pid[16];
	snprintf(pid, sizeof pid, "%d", (int)getpid());
	printf("worker: leader gone, exec'ing\n");
	fflush(stdout);
	char *argv[] = { self_argv0, "after", pid, NULL };
	execv(exe, argv); /* /proc/self/exe is gone with the leader */
	perror("execv");
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "after") == 0) {
		printf("new image: %d thread(s), same pid %s, we are the leader %s\n", count_threads(),
		       atoi(argv[2]) == getpid() ? "yes" : "no", gettid() == getpid() ? "yes" : "no");
		return 0;
	}
	self_argv0 = argv[0];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n < 0)
		return 1;
	exe[n] = 0;
	leader = pthread_self();
	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
	printf("leader: pthread_exit\n");
	fflush(stdout);
	pthread_exit(NULL);
}
