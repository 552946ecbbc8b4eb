/* waitid(WEXITED|WSTOPPED|WCONTINUED): a child stops itself with SIGSTOP,
 * is stopped again with SIGTSTP by us, continued with SIGCONT each time,
 * then exits; every state change is reported once, with the right
 * si_code and si_status.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *code(int c)
{
	switch (c) {
	case CLD_EXITED: return "CLD_EXITED";
	case CLD_KILLED: return "CLD_KILLED";
	case CLD_STOPPED: return "CLD_STOPPED";
	case CLD_CONTINUED: return "CLD_CONTINUED";
	default: return "?";
	}
}

static int next(pid_t c, int *status)
{
	siginfo_t si = { 0 };
	if (waitid(P_PID, c, &si, WEXITED | WSTOPPED | WCONTINUED) < 0)
		return -1;
	*status = si.si_status;
	return si.si_code;
}

int main(void)
{
	int go[2];
	if (pipe(go) < 0)
		return 1;
	pid_t c = fork();
	if (c == 0) {
		/* its own group, whose parent (we) is in another group of the
		 * same session: not orphaned, so SIGTSTP/SIGTTIN do stop it */
		setpgid(0, 0);
		raise(SIGSTOP);
		char ch;
		if (read(go[0], &ch, 1) != 1)
			_exit(1);
		_exit(21);
	}
	setpgid(c, c);
	int st, k;
	k = next(c, &st);
	printf("1: %s, status %s\n", code(k), strsignal(st));
	kill(c, SIGCONT);
	k = next(c, &st);
	printf("2: %s, status %s\n", code(k), strsignal(st));
	kill(c, SIGTSTP);
	k = next(c, &st);
	printf("3: %s, status %s\n", code(k), strsignal(st));
	/* no change: WNOHANG gives si_pid 0 */
	siginfo_t si = { 0 };
	waitid(P_PID, c, &si, WEXITED | WSTOPPED | WCONTINUED | WNOHANG);
	printf("4: nothing new (si_pid 0): %s\n", si.si_pid == 0 ? "yes" : "no");
	kill(c, SIGCONT);
	k = next(c, &st);
	printf("5: %s, status %s\n", code(k), strsignal(st));
	if (write(go[1], "g", 1) != 1)
		return 1;
	k = next(c, &st);
	printf("6: %s, status %d\n", code(k), st);
	return k != CLD_EXITED || st != 21;
}
