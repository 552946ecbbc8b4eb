/* execveat and fexecve: exec through an O_PATH fd with AT_EMPTY_PATH,
 * through a directory fd and a relative name, fexecve of an O_RDONLY fd,
 * and fexecve of a close-on-exec fd to a script (fails: the interpreter
 * cannot open /dev/fd/N once it is closed).
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void report(const char *what, pid_t p)
{
	int st;
	waitpid(p, &st, 0);
	if (WIFEXITED(st) && WEXITSTATUS(st) >= 100)
		printf("%s: exec failed: %s\n", what, strerror(WEXITSTATUS(st) - 100));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

int main(void)
{
	char *argv[] = { "echo", "hello from", "execveat", NULL };
	int opath = open("/bin/echo", O_PATH);
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		syscall(SYS_execveat, opath, "", argv, environ, AT_EMPTY_PATH);
		_exit(100 + errno);
	}
	report("execveat(O_PATH fd, \"\", AT_EMPTY_PATH)", p);

	int bin = open("/usr/bin", O_RDONLY | O_DIRECTORY);
	char *argv2[] = { "echo", "hello from execveat(dirfd, \"echo\")", NULL };
	fflush(stdout);
	if ((p = fork()) == 0) {
		syscall(SYS_execveat, bin, "echo", argv2, environ, 0);
		_exit(100 + errno);
	}
	report("execveat(dirfd, name)", p);

	int ro = open("/bin/echo", O_RDONLY);
	char *argv3[] = { "echo", "hello from fexecve", NULL };
	fflush(stdout);
	if ((p = fork()) == 0) {
		fexecve(ro, argv3, environ);
		_exit(100 + errno);
	}
	report("fexecve(O_RDONLY fd)", p);

	char dir[] = "/tmp/fexec.XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[64];
	snprintf(path, sizeof path, "%s/s", dir);
	int fd = open(path, O_WRONLY | O_CREAT, 0755);
	const char *text = "#!/bin/sh\necho script via fd\n";
	if (write(fd, text, strlen(text)) < 0)
		return 1;
	close(fd);
	int plain = open(path, O_RDONLY);
	int cloexec = open(path, O_RDONLY | O_CLOEXEC);
	char *argv4[] = { "s", NULL };
	fflush(stdout);
	if ((p = fork()) == 0) {
		fexecve(plain, argv4, environ);
		_exit(100 + errno);
	}
	report("fexecve(script fd)", p);
	fflush(stdout);
	if ((p = fork()) == 0) {
		fexecve(cloexec, argv4, environ);
		_exit(100 + errno);
	}
	report("fexecve(close-on-exec script fd)", p);
	unlink(path);
	rmdir(dir);
	return 0;
}
