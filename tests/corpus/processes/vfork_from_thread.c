/* vfork in a multi-threaded process: only the calling thread is
 * suspended; another thread keeps running and finishes a handoff with
 * main while a vforked child is still alive (blocked before its exec).
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int to_worker[2], to_main[2], child_go[2];

static void *vforker(void *arg)
{
	(void)arg;
	pid_t p = vfork();
	if (p == 0) {
		char c;
		/* the child blocks here; its parent thread is suspended */
		if (read(child_go[0], &c, 1) != 1)
			_exit(1);
		execl("/bin/echo", "echo", "vforked child exec'd", (char *)NULL);
		_exit(127);
	}
	int st;
	waitpid(p, &st, 0);
	return (void *)(long)WEXITSTATUS(st);
}

static void *other(void *arg)
{
	(void)arg;
	int v;
	for (int i = 0; i < 100; i++) {
		if (read(to_worker[0], &v, sizeof v) != sizeof v)
			return NULL;
		v++;
		if (write(to_main[1], &v, sizeof v) != sizeof v)
			return NULL;
	}
	return NULL;
}

int main(void)
{
	if (pipe(to_worker) < 0 || pipe(to_main) < 0 || pipe(child_go) < 0)
		return 1;
	pthread_t vt, ot;
	pthread_create(&vt, NULL, vforker, NULL);
	pthread_create(&ot, NULL, other, NULL);
	int v = 0;
	for (int i = 0; i < 100; i++)
		if (write(to_worker[1], &v, sizeof v) != sizeof v || read(to_main[0], &v, sizeof v) != sizeof v)
			return 1;
	printf("100 handoffs with another thread while the vfork is pending: %d\n", v);
	fflush(stdout);
	if (write(child_go[1], "g", 1) != 1)
		return 1;
	void *r;
	pthread_join(vt, &r);
	pthread_join(ot, NULL);
	printf("vforked child exited %ld\n", (long)r);
	return v != 100 || r != NULL;
}
