/* SIGPIPE with its default action: a child writes to a pipe whose only
 * reader has exited; the write raises SIGPIPE and kills it. A writer that
 * blocked on a full pipe is killed when the reader goes away.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int trial(int fill_first)
{
	int p[2], ready[2];
	if (pipe(p) < 0 || pipe(ready) < 0)
		return -1;
	pid_t w = fork();
	if (w == 0) {
		close(p[0]);
		char block[4096];
		memset(block, 'x', sizeof block);
		if (fill_first) {
			close(ready[0]);
			/* fill the pipe; tell the parent; the next write blocks */
			for (int i = 0; i < 16; i++)
				if (write(p[1], block, sizeof block) != sizeof block)
					_exit(2);
			if (write(ready[1], "f", 1) != 1)
				_exit(3);
			for (int i = 0; i < 1000; i++)
				if (write(p[1], block, sizeof block) < 0)
					_exit(4);
			_exit(5);
		}
		/* wait until the reader is gone: the parent closes it, then
		 * closes its end of ready (EOF here) */
		char c;
		close(ready[1]);
		if (read(ready[0], &c, 1) != 0)
			_exit(8);
		for (int i = 0; i < 1000; i++)
			if (write(p[1], "y", 1) < 0)
				_exit(6);
		_exit(7);
	}
	close(p[1]);
	if (fill_first) {
		close(ready[1]);
		char c;
		if (read(ready[0], &c, 1) != 1)
			return -1;
	}
	close(p[0]); /* the only reader goes away */
	close(ready[0]);
	if (!fill_first)
		close(ready[1]);
	int st;
	waitpid(w, &st, 0);
	printf("%s: writer %s\n", fill_first ? "blocked writer" : "plain writer  ",
	       WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "exited");
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE;
}

int main(void)
{
	int a = trial(0);
	int b = trial(1);
	return !(a == 1 && b == 1);
}
