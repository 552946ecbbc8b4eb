/* execve from a non-main thread while three other threads are blocked:
 * the kernel kills the other threads, the exec'ing thread takes over the
 * leader's pid, and the new image (this program again) has one thread.
 * corpus: native=same */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdlib.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int block[2];

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

static void *blocked(void *arg)
{
	(void)arg;
	char c;
	if (read(block[0], &c, 1) < 0)
		return NULL;
	printf("blocked thread woke: should not happen\n");
	return NULL;
}

static void *execer(void *arg)
{
	char **argv = arg;
	char pidbuf[16];
	snprintf(pidbuf, sizeof pidbuf, "%d", (int)getpid());
	char *nargv[] = { argv[0], "after", pidbuf, NULL };
	printf("thread: %d threads before exec\n", count_threads());
	fflush(stdout);
	execv("/proc/self/exe", nargv);
	perror("execv");
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "after") == 0) {
		printf("new image: %d thread(s), same pid: %s, main thread is the leader: %s\n",
		       count_threads(), atoi(argv[2]) == getpid() ? "yes" : "no",
		       gettid() == getpid() ? "yes" : "no");
		return 0;
	}
	if (pipe(block) < 0)
		return 1;
	pthread_t t[4];
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, blocked, NULL);
	pthread_create(&t[3], NULL, execer, argv);
	pthread_join(t[3], NULL);
	printf("main: join returned: should not happen\n");
	return 1;
}
