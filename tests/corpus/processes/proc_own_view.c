/* /proc as the program sees it in its pid namespace: /proc/<getpid()>
 * and /proc/self name it, /proc/self/task lists its own threads (by the
 * tids gettid() gives), /proc/self/fd its fds, and /proc/<getpid()>/mem
 * reads its own memory.
 * corpus: native=same */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_barrier_t ready, done;
static pid_t worker_tid;

static void *worker(void *arg)
{
	(void)arg;
	worker_tid = gettid();
	pthread_barrier_wait(&ready);
	pthread_barrier_wait(&done);
	return NULL;
}

static int count_entries(const char *dir, pid_t want, int *found)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;
	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.') {
			n++;
			if (want && atoi(de->d_name) == want)
				*found = 1;
		}
	if (d)
		closedir(d);
	return d ? n : -1;
}

int main(void)
{
	static const char secret[] = "read back through /proc/PID/mem";
	char path[64], buf[64];
	pthread_t th;
	pthread_barrier_init(&ready, NULL, 2);
	pthread_barrier_init(&done, NULL, 2);
	pthread_create(&th, NULL, worker, NULL);
	pthread_barrier_wait(&ready);

	snprintf(path, sizeof path, "/proc/%d/comm", getpid());
	FILE *f = fopen(path, "r");
	printf("/proc/<getpid()>/comm: %s", f && fgets(buf, sizeof buf, f) ? buf : "(none)\n");
	if (f)
		fclose(f);
	ssize_t n = readlink("/proc/self", buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("/proc/self is our pid: %s\n", atoi(buf) == getpid() ? "yes" : "no");

	int found = 0;
	printf("threads in /proc/self/task: %d\n", count_entries("/proc/self/task", worker_tid, &found));
	printf("the worker's tid is among them: %s\n", found ? "yes" : "no");
	snprintf(path, sizeof path, "/proc/%d/task/%d/comm", getpid(), worker_tid);
	printf("its own comm file: %s\n", access(path, R_OK) == 0 ? "there" : "missing");

	int fd = open("/dev/null", O_RDONLY);
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	n = readlink(path, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("/proc/self/fd/%d -> %s\n", fd, buf);

	snprintf(path, sizeof path, "/proc/%d/mem", getpid());
	int mem = open(path, O_RDONLY);
	char back[sizeof secret] = "";
	if (mem >= 0 && pread(mem, back, sizeof back, (off_t)(uintptr_t)secret) != (ssize_t)sizeof back)
		back[0] = 0;
	printf("/proc/<getpid()>/mem: %s\n", back[0] ? back : "(unreadable)");

	pthread_barrier_wait(&done);
	pthread_join(th, NULL);
	return strcmp(back, secret) != 0 || !found;
}
