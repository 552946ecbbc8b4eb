/* signalfd: blocked signals are read from a file descriptor as
 * signalfd_siginfo records, several per read (the recorder must save
 * the data the kernel wrote into the buffer). sigqueue values, kill and
 * tgkill, then a non-blocking read that finds nothing (EAGAIN).
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN + 4);
	sigprocmask(SIG_BLOCK, &set, NULL);
	int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0) {
		perror("signalfd");
		return 1;
	}
	for (int i = 0; i < 3; i++) {
		union sigval v = { .sival_int = 100 + i };
		sigqueue(getpid(), SIGRTMIN + 4, v);
	}
	kill(getpid(), SIGUSR1);
	struct signalfd_siginfo info[8];
	ssize_t r = read(fd, info, sizeof info);
	int n = r > 0 ? (int)(r / (ssize_t)sizeof info[0]) : 0;
	printf("one read returned %d records\n", n);
	for (int i = 0; i < n; i++) {
		const char *code = info[i].ssi_code == SI_QUEUE ? "SI_QUEUE" :
				   info[i].ssi_code == SI_USER ? "SI_USER" :
				   info[i].ssi_code == SI_TKILL ? "SI_TKILL" : "other";
		if ((int)info[i].ssi_signo == SIGUSR1)
			printf("  SIGUSR1 %s self=%d\n", code, info[i].ssi_pid == (unsigned)getpid());
		else
			printf("  RTMIN+%d %s int=%d self=%d\n", (int)info[i].ssi_signo - SIGRTMIN, code,
			       info[i].ssi_int, info[i].ssi_pid == (unsigned)getpid());
	}
	syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), SIGUSR1);
	r = read(fd, info, sizeof info);
	printf("after tgkill: %zd bytes, %s\n", r,
	       r > 0 && info[0].ssi_code == SI_TKILL ? "SI_TKILL" : "?");
	r = read(fd, info, sizeof info);
	printf("empty: %zd %s\n", r, r < 0 && errno == EAGAIN ? "EAGAIN" : "?");
	close(fd);
	return n != 4;
}
