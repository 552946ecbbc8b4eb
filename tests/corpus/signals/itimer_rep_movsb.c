/* ITIMER_REAL ticks land in the middle of a long `rep movsb` (1 MiB per
 * instruction): the instruction is interrupted with rcx/rsi/rdi partly
 * advanced and resumed after the handler. The handler notes the remaining
 * count in rcx at each of 20 ticks; the copies are verified.
 * corpus: native=differs */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>

enum { TICKS = 20, SIZE = 1 << 20 };
static long rcx_at[TICKS];
static volatile int n, in_rep;
static volatile int ticks;

static void handler(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	(void)si;
	ucontext_t *uc = ucv;
	ticks++;
	if (n < TICKS)
		rcx_at[n++] = in_rep ? (long)uc->uc_mcontext.gregs[REG_RCX] : -1;
}

static void copy(void *dst, const void *src, size_t len)
{
	in_rep = 1;
	__asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(len) : : "memory");
	in_rep = 0;
}

int main(void)
{
	unsigned char *src = malloc(SIZE), *dst = malloc(SIZE);
	if (!src || !dst)
		return 1;
	for (int i = 0; i < SIZE; i++)
		src[i] = (unsigned char)(i * 7 + 3);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	int bad = 0, copies = 0;
	while (n < TICKS && copies < 20000) {
		memset(dst, 0, SIZE);
		copy(dst, src, SIZE);
		copies++;
		if (memcmp(dst, src, SIZE) != 0)
			bad++;
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	int mid = 0;
	printf("rcx at ticks (-1: not in rep movsb):");
	for (int i = 0; i < n; i++) {
		printf(" %ld", rcx_at[i]);
		mid += rcx_at[i] > 0;
	}
	printf("\n%d copies, %d bad; %d ticks landed mid-instruction\n", copies, bad, mid);
	free(src);
	free(dst);
	return bad != 0 || n != TICKS;
}
