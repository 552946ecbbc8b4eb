/* Two processes map the same regular file each by itself: the parent
 * creates it in a mkdtemp directory and maps it; a forked child opens the
 * file by its path and maps it with its own mmap (plus a MAP_PRIVATE
 * mapping, whose stores stay its own). Both add 20000 to a counter in the
 * file with atomics at the same time: the separate mappings are one page.
 * corpus: native=same */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ADDS = 20000, LEN = 4096 };
#define SPIN_LIMIT 5000000L

struct page {
	long counter;
	int arrived;
	char note[64];
};

static void add_all(struct page *p)
{
	__atomic_fetch_add(&p->arrived, 1, __ATOMIC_SEQ_CST);
	for (long n = 0; __atomic_load_n(&p->arrived, __ATOMIC_SEQ_CST) < 2 && n < SPIN_LIMIT; n++)
		sched_yield();
	for (int i = 0; i < ADDS; i++)
		__atomic_fetch_add(&p->counter, 1, __ATOMIC_SEQ_CST);
}

int main(void)
{
	char dir[] = "/tmp/corpus-mem-XXXXXX", path[64];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/counter", dir);
	int ok = 1;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || ftruncate(fd, LEN) < 0) {
		perror("open");
		ok = 0;
		goto out;
	}
	struct page *p = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		ok = 0;
		goto out;
	}
	close(fd);
	fd = -1;
	strcpy(p->note, "from the parent");
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		ok = 0;
		goto out;
	}
	if (c == 0) {
		munmap(p, LEN);
		int cfd = open(path, O_RDWR);
		if (cfd < 0)
			_exit(3);
		struct page *q = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		struct page *priv = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE, cfd, 0);
		close(cfd);
		if (q == MAP_FAILED || priv == MAP_FAILED)
			_exit(4);
		strcpy(priv->note, "private store by the child");
		add_all(q);
		int bad = strcmp(q->note, "from the parent") != 0;
		munmap(q, LEN);
		munmap(priv, LEN);
		_exit(bad ? 2 : 0);
	}
	add_all(p);
	int st;
	waitpid(c, &st, 0);
	printf("child exit %d; counter %ld (expected %d); note \"%s\"\n",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1, p->counter, 2 * ADDS, p->note);
	ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && p->counter == 2 * ADDS &&
	     !strcmp(p->note, "from the parent");
	munmap(p, LEN);
out:
	if (fd >= 0)
		close(fd);
	if (unlink(path) < 0 || rmdir(dir) < 0) {
		perror("cleanup");
		ok = 0;
	}
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}
