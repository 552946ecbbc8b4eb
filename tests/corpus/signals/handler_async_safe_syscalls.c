/* A handler that makes async-signal-safe syscalls: write, getpid, kill
 * (sending a second signal from inside the handler), clock_gettime. The
 * syscalls made inside a handler must be recorded and replayed in place.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t usr2_hits, usr1_hits, pid_ok;

static void on_usr2(int sig)
{
	(void)sig;
	usr2_hits++;
	const char m[] = "  usr2 handler: write from nested handler\n";
	write(1, m, sizeof m - 1);
}

static void on_usr1(int sig)
{
	(void)sig;
	char buf[96];
	usr1_hits++;
	if (getpid() > 0)
		pid_ok++;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	int n = snprintf(buf, sizeof buf, "usr1 handler #%d: getpid ok, clock ok=%d\n",
			 (int)usr1_hits, ts.tv_sec >= 0);
	write(1, buf, (size_t)n);
	kill(getpid(), SIGUSR2);
	const char m[] = "usr1 handler: after kill\n";
	write(1, m, sizeof m - 1);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	for (int i = 0; i < 3; i++)
		kill(getpid(), SIGUSR1);
	printf("usr1=%d usr2=%d pid_ok=%d\n", (int)usr1_hits, (int)usr2_hits, (int)pid_ok);
	return !(usr1_hits == 3 && usr2_hits == 3);
}
