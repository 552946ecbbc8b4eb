/* Nested cleanup handlers: a thread pushes three handlers in two
 * functions and is canceled in a write to a full pipe; the handlers must
 * run last-pushed first. A second thread pops one with execute=1 itself.
 * corpus: native=same */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char log_buf[64];
static int p[2];
static int full[2];

static void note(void *arg)
{
	strcat(log_buf, (const char *)arg);
}

static void inner(void)
{
	pthread_cleanup_push(note, "C");
	/* fill the pipe; the last write blocks and is canceled there */
	char block[4096];
	memset(block, 'x', sizeof block);
	if (write(full[1], "r", 1) != 1)
		return;
	for (int i = 0; i < 1000; i++)
		if (write(p[1], block, sizeof block) < 0)
			break;
	pthread_cleanup_pop(0);
}

static void *victim(void *arg)
{
	(void)arg;
	pthread_cleanup_push(note, "A");
	pthread_cleanup_push(note, "B");
	inner();
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	return NULL;
}

static void *popper(void *arg)
{
	(void)arg;
	pthread_cleanup_push(note, "x");
	pthread_cleanup_push(note, "y");
	pthread_cleanup_pop(1);
	pthread_cleanup_pop(0);
	return NULL;
}

int main(void)
{
	if (pipe(p) < 0 || pipe(full) < 0)
		return 1;
	pthread_t t;
	pthread_create(&t, NULL, popper, NULL);
	pthread_join(t, NULL);
	pthread_create(&t, NULL, victim, NULL);
	char c;
	if (read(full[0], &c, 1) != 1)
		return 1;
	for (int i = 0; i < 10; i++)
		sched_yield();
	pthread_cancel(t);
	void *ret;
	pthread_join(t, &ret);
	printf("handlers ran in order: %s (expected yCBA), canceled: %s\n", log_buf,
	       ret == PTHREAD_CANCELED ? "yes" : "no");
	return strcmp(log_buf, "yCBA") != 0;
}
