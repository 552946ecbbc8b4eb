/* sigqueue() passes an int and a pointer in si_value to a SA_SIGINFO
 * handler; the handler follows the pointer. A replay must hand the handler
 * the same siginfo (value and code) as the recording.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *names[] = { "zero", "one", "two", "three" };
static char seen[256];
static volatile sig_atomic_t hits;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (si->si_code != SI_QUEUE)
		return;
	if (sig == SIGUSR1) {
		size_t n = strlen(seen);
		snprintf(seen + n, sizeof seen - n, "int:%d ", si->si_value.sival_int);
	} else {
		const char *s = si->si_value.sival_ptr;
		size_t n = strlen(seen);
		snprintf(seen + n, sizeof seen - n, "ptr:%s ", s);
	}
	hits++;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	for (int i = 0; i < 4; i++) {
		union sigval v;
		v.sival_int = i * 1000 + 7;
		if (sigqueue(getpid(), SIGUSR1, v)) {
			perror("sigqueue");
			return 1;
		}
		v.sival_ptr = (void *)names[i];
		if (sigqueue(getpid(), SIGUSR2, v)) {
			perror("sigqueue");
			return 1;
		}
	}
	printf("%s\n", seen);
	if (hits != 8) {
		fprintf(stderr, "handler ran %d times, expected 8\n", (int)hits);
		return 1;
	}
	return 0;
}
