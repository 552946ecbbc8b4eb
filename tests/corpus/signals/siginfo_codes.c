/* SA_SIGINFO: si_code, si_pid and si_uid for signals sent four ways
 * (kill, tgkill, sigqueue, raise). The siginfo is built by the kernel and
 * must be the same in the replayed handler; pids are compared, not printed.
 * corpus: native=same */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static siginfo_t got;
static volatile sig_atomic_t hits;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGUSR2) {
		got = *si;
		hits++;
	}
}

static const char *code_name(int c)
{
	switch (c) {
	case SI_USER: return "SI_USER";
	case SI_TKILL: return "SI_TKILL";
	case SI_QUEUE: return "SI_QUEUE";
	case SI_KERNEL: return "SI_KERNEL";
	default: return "other";
	}
}

static int show(const char *how, int want_code)
{
	printf("%-8s si_signo=%s si_code=%s si_pid=%s si_uid=%s",
	       how, got.si_signo == SIGUSR2 ? "SIGUSR2" : "?", code_name(got.si_code),
	       got.si_pid == getpid() ? "self" : "other",
	       got.si_uid == getuid() ? "self" : "other");
	if (got.si_code == SI_QUEUE)
		printf(" si_value=%d", got.si_value.sival_int);
	printf("\n");
	if (got.si_code != want_code) {
		fprintf(stderr, "%s: si_code %d, expected %d\n", how, got.si_code, want_code);
		return 1;
	}
	return 0;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	int bad = 0;

	kill(getpid(), SIGUSR2);
	bad |= show("kill", SI_USER);
	syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), SIGUSR2);
	bad |= show("tgkill", SI_TKILL);
	union sigval v = { .sival_int = 4242 };
	sigqueue(getpid(), SIGUSR2, v);
	bad |= show("sigqueue", SI_QUEUE);
	raise(SIGUSR2);
	bad |= show("raise", SI_TKILL);
	if (hits != 4) {
		fprintf(stderr, "handler ran %d times, expected 4\n", (int)hits);
		return 1;
	}
	return bad;
}
