/* POSIX shared memory by name: the parent shm_open()s a new object in
 * /dev/shm, sizes it and maps it; a forked child drops the inherited fd
 * and mapping, shm_open()s the same name itself and maps it separately,
 * reads the parent's data and answers through it. After shm_unlink the
 * name is gone (ENOENT) while the parent's mapping still works.
 * corpus: native=same */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { LEN = 2 * 4096 };

struct shared {
	char greeting[64];
	long numbers[100];
	char reply[64];
	long child_sum;
};

static char name[64];

static int create_unique(void)
{
	struct timespec ts;
	for (int try = 0; try < 100; try++) {
		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(name, sizeof name, "/heisen-corpus-%d-%lx-%d", (int)getpid(),
			 (unsigned long)ts.tv_nsec, try);
		int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

int main(void)
{
	int fd = create_unique();
	if (fd < 0) {
		perror("shm_open");
		return 1;
	}
	int ok = 1;
	struct shared *s = MAP_FAILED;
	if (ftruncate(fd, LEN) < 0) {
		perror("ftruncate");
		ok = 0;
		goto out;
	}
	s = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (s == MAP_FAILED) {
		perror("mmap");
		ok = 0;
		goto out;
	}
	strcpy(s->greeting, "hello through /dev/shm");
	for (int i = 0; i < 100; i++)
		s->numbers[i] = i * 7;
	char path[128];
	struct stat sb;
	snprintf(path, sizeof path, "/dev/shm%s", name);
	printf("object in /dev/shm: %s, size %lld\n", stat(path, &sb) == 0 ? "yes" : "no",
	       stat(path, &sb) == 0 ? (long long)sb.st_size : -1LL);
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		ok = 0;
		goto out;
	}
	if (c == 0) {
		munmap(s, LEN);
		close(fd);
		int cfd = shm_open(name, O_RDWR, 0);
		if (cfd < 0)
			_exit(3);
		struct shared *t = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		close(cfd);
		if (t == MAP_FAILED)
			_exit(4);
		long sum = 0;
		for (int i = 0; i < 100; i++)
			sum += t->numbers[i];
		t->child_sum = sum;
		snprintf(t->reply, sizeof t->reply, "child read \"%s\"", t->greeting);
		munmap(t, LEN);
		_exit(0);
	}
	int st;
	waitpid(c, &st, 0);
	printf("child exit %d, sum %ld, reply: %s\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1,
	       s->child_sum, s->reply);
	ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && s->child_sum == 34650;
out:
	if (shm_unlink(name) < 0) {
		perror("shm_unlink");
		ok = 0;
	}
	errno = 0;
	int again = shm_open(name, O_RDWR, 0);
	printf("shm_open after unlink: %s\n", again < 0 && errno == ENOENT ? "ENOENT" : "found");
	if (again >= 0)
		ok = 0;
	if (ok && s != MAP_FAILED) {
		strcpy(s->reply, "mapping outlives the name");
		printf("%s\n", s->reply);
	}
	close(fd);
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}
