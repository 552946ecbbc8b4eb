/* signalfd in an epoll set next to a pipe: a child alternates writing to
 * the pipe and sending SIGUSR2 (each only when the parent asks), and the
 * parent's epoll loop sees which fd is ready and reads the signal or the
 * byte. Both kinds of readiness must be replayed in the same order.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	int sfd = signalfd(-1, &set, SFD_CLOEXEC);
	int data[2], ask[2];
	if (sfd < 0 || pipe(data) || pipe(ask))
		return 1;
	pid_t parent = getpid();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(ask[1]);
		char c;
		int i = 0;
		while (read(ask[0], &c, 1) == 1) {
			if (i++ % 2)
				kill(parent, SIGUSR2);
			else
				write(data[1], "d", 1);
		}
		_exit(0);
	}
	close(ask[0]);
	close(data[1]);
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = sfd };
	epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev);
	ev.data.fd = data[0];
	epoll_ctl(ep, EPOLL_CTL_ADD, data[0], &ev);
	int bad = 0;
	for (int i = 0; i < 8; i++) {
		write(ask[1], "a", 1);
		struct epoll_event out[2];
		int n = epoll_wait(ep, out, 2, 5000);
		if (n != 1) {
			printf("round %d: epoll_wait returned %d\n", i, n);
			bad = 1;
			continue;
		}
		if (out[0].data.fd == sfd) {
			struct signalfd_siginfo si;
			ssize_t r = read(sfd, &si, sizeof si);
			printf("round %d: signal %s from child=%s\n", i,
			       r == sizeof si && si.ssi_signo == SIGUSR2 ? "SIGUSR2" : "?",
			       si.ssi_pid == (unsigned)pid ? "yes" : "no");
			bad |= i % 2 == 0;
		} else {
			char c;
			read(data[0], &c, 1);
			printf("round %d: pipe byte '%c'\n", i, c);
			bad |= i % 2 == 1;
		}
	}
	close(ask[1]);
	int st;
	waitpid(pid, &st, 0);
	close(ep);
	close(sfd);
	return bad;
}
