/* Children killed by signals: SIGKILL, SIGTERM, SIGSEGV (a real fault),
 * SIGABRT (abort), SIGFPE (a division by zero) and SIGILL (ud2), with
 * RLIMIT_CORE 0 and no dumping: WIFSIGNALED, WTERMSIG and WCOREDUMP false.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int zero, seven = 7;
static int *volatile null_ptr;

static void die(int how)
{
	switch (how) {
	case 0: pause(); break; /* killed from outside */
	case 1: pause(); break;
	case 2: *null_ptr = 1; break;
	case 3: abort();
	case 4: { volatile int x = seven / zero; (void)x; break; }
	case 5: __asm__ volatile("ud2"); break;
	}
	_exit(0);
}

int main(void)
{
	struct rlimit rl = { 0, 0 };
	setrlimit(RLIMIT_CORE, &rl);
	const char *names[] = { "SIGKILL from parent", "SIGTERM from parent", "NULL store",
				"abort()", "division by zero", "ud2" };
	int want[] = { SIGKILL, SIGTERM, SIGSEGV, SIGABRT, SIGFPE, SIGILL };
	int bad = 0;
	for (int i = 0; i < 6; i++) {
		int ready[2];
		if (pipe(ready) < 0)
			return 1;
		pid_t c = fork();
		if (c == 0) {
			prctl(PR_SET_DUMPABLE, 0);
			close(ready[0]);
			close(ready[1]); /* EOF tells the parent we are set up */
			die(i);
		}
		close(ready[1]);
		char ch;
		if (read(ready[0], &ch, 1) != 0)
			return 1;
		close(ready[0]);
		if (i == 0)
			kill(c, SIGKILL);
		if (i == 1)
			kill(c, SIGTERM);
		int st;
		waitpid(c, &st, 0);
		printf("%-20s signaled %s, %s, core dumped %s\n", names[i],
		       WIFSIGNALED(st) ? "yes" : "no", WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "-",
		       WCOREDUMP(st) ? "yes" : "no");
		bad += !(WIFSIGNALED(st) && WTERMSIG(st) == want[i]);
	}
	return bad;
}
