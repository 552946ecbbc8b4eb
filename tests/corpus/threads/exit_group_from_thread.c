/* A thread issues the raw exit_group syscall (no atexit, no stdio flush)
 * while main spins and another thread sleeps: stdout written with write(2)
 * before it must survive, the buffered printf text must be lost.
 * corpus: native=same */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static sem_t ready;

static void at_exit_handler(void)
{
	static const char m[] = "atexit handler ran: should not happen\n";
	if (write(1, m, strlen(m)) < 0)
		_exit(1);
}

static void *sleeper(void *arg)
{
	(void)arg;
	struct timespec ts = { 20, 0 };
	sem_post(&ready);
	nanosleep(&ts, NULL);
	return NULL;
}

static void *killer(void *arg)
{
	(void)arg;
	static const char m[] = "killer: exit_group(11)\n";
	sem_wait(&ready);
	if (write(1, m, strlen(m)) < 0)
		return NULL;
	syscall(SYS_exit_group, 11);
	return NULL;
}

int main(void)
{
	atexit(at_exit_handler);
	setvbuf(stdout, NULL, _IOFBF, 4096);
	printf("buffered text that exit_group drops\n");
	static const char m[] = "main: starting threads\n";
	if (write(1, m, strlen(m)) < 0)
		return 1;
	pthread_t a, b;
	pthread_create(&a, NULL, sleeper, NULL);
	pthread_create(&b, NULL, killer, NULL);
	for (volatile unsigned long i = 0; i < 4000000000UL; i++)
		;
	return 0;
}
