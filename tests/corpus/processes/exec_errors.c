/* Exec calls that fail, each errno reported: ENOENT, EACCES (no x bit,
 * and a directory), ENOEXEC (x bit, not a binary: execve fails, execvp
 * falls back to /bin/sh), ENOTDIR, ELOOP, E2BIG; the process goes on in
 * its old image after each failure.
 * corpus: native=same */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = "/tmp/execerr.XXXXXX";
static char path[8][128];

static const char *ename(int e)
{
	switch (e) {
	case ENOENT: return "ENOENT";
	case EACCES: return "EACCES";
	case ENOEXEC: return "ENOEXEC";
	case ENOTDIR: return "ENOTDIR";
	case ELOOP: return "ELOOP";
	case E2BIG: return "E2BIG";
	default: return strerror(e);
	}
}

static void try(const char *what, const char *file, char *const argv[])
{
	char *envp[] = { NULL };
	errno = 0;
	execve(file, argv, envp);
	printf("%s: %s\n", what, ename(errno));
}

static void mk(int i, const char *name, const char *text, mode_t mode)
{
	snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
	int fd = open(path[i], O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		exit(1);
	close(fd);
	chmod(path[i], mode);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	char *argv[] = { "x", NULL };
	mk(0, "noexec", "#!/bin/sh\necho hi\n", 0644);
	mk(1, "garbage", "echo ran through sh fallback\n", 0755);
	snprintf(path[2], sizeof path[2], "%s/loop", dir);
	if (symlink(path[2], path[2]) < 0)
		return 1;
	snprintf(path[3], sizeof path[3], "%s/garbage/sub", dir);

	try("nonexistent file", "/nonexistent/prog", argv);
	try("file without x bit", path[0], argv);
	try("a directory", dir, argv);
	try("x bit but no #! and no ELF header", path[1], argv);
	try("a path through a regular file", path[3], argv);
	try("a symlink loop", path[2], argv);
	size_t big = 4 * 1024 * 1024;
	char *huge = malloc(big);
	memset(huge, 'a', big - 1);
	huge[big - 1] = 0;
	char *bigargv[] = { "x", huge, NULL };
	try("a 4 MiB argument", "/bin/true", bigargv);
	free(huge);

	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		execvp(path[1], argv);
		_exit(127);
	}
	int st;
	waitpid(p, &st, 0);
	printf("execvp of the same file: exited %d\n", WEXITSTATUS(st));
	printf("still in the old image: yes\n");
	unlink(path[0]);
	unlink(path[1]);
	unlink(path[2]);
	rmdir(dir);
	return 0;
}
