/* Writes through fd numbers whose meaning changes: fd 1 is pointed at
 * /dev/null and back, fd 2 at stdout, and a closed fd 1's number is reused
 * by open(). Only what reached the real stdout and stderr may be re-emitted
 * by a replay, so the recorder must not trust what it learnt about an fd
 * number before it was closed or replaced. Deterministic. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static void say(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		_exit(2);
}

int main(void)
{
	int saved_out = dup(1), saved_err = dup(2);
	int null = open("/dev/null", O_WRONLY);
	if (saved_out < 0 || saved_err < 0 || null < 0)
		return 1;
	say(1, "1: to stdout\n");
	say(2, "2: to stderr\n");
	dup2(null, 1);
	say(1, "hidden: fd 1 is /dev/null\n");
	dup2(saved_out, 1);
	say(1, "3: stdout again\n");
	dup2(1, 2);
	say(2, "4: fd 2 is now stdout\n");
	dup2(saved_err, 2);
	say(2, "5: stderr again\n");
	close(1);
	int again = open("/dev/null", O_WRONLY); /* takes number 1 */
	if (again != 1)
		return 3;
	say(1, "hidden: number 1 reused by open\n");
	close(1);
	if (dup(saved_out) != 1)
		return 4;
	say(1, "6: done\n");
	return 0;
}
