/* posix_spawn with file actions: dup2 of a pipe onto the child's stdout,
 * close of an inherited fd, open of a file in a temp dir as fd 5; the
 * spawned sh reports which fds it has and the parent reads both outputs.
 * corpus: native=same */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(void)
{
	char dir[] = "/tmp/spawnfa.XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char file[64];
	snprintf(file, sizeof file, "%s/out", dir);
	int p[2];
	if (pipe(p) < 0)
		return 1;
	int keep = open("/dev/null", O_RDONLY);   /* inherited: stays open */
	int drop = open("/dev/null", O_RDONLY);   /* closed by an action */
	if (dup2(keep, 7) < 0 || dup2(drop, 8) < 0)
		return 1;
	close(keep);
	close(drop);

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_addclose(&fa, p[1]);
	posix_spawn_file_actions_addclose(&fa, 8);
	posix_spawn_file_actions_addopen(&fa, 5, file, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	char *argv[] = { "sh", "-c",
		"echo 'to the pipe'; echo 'to fd 5' >&5; "
		"for fd in 7 8; do if { true <&$fd; } 2>/dev/null; then echo fd $fd open; "
		"else echo fd $fd closed; fi; done; exit 4", NULL };
	pid_t pid;
	int r = posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, environ);
	if (r != 0) {
		printf("posix_spawn: %s\n", strerror(r));
		return 1;
	}
	close(p[1]);
	char buf[256];
	ssize_t n, total = 0;
	while ((n = read(p[0], buf + total, sizeof buf - 1 - total)) > 0)
		total += n;
	buf[total] = 0;
	int st;
	waitpid(pid, &st, 0);
	printf("child exited %d; on the pipe:\n%s", WEXITSTATUS(st), buf);
	FILE *f = fopen(file, "r");
	if (!f || !fgets(buf, sizeof buf, f))
		return 1;
	fclose(f);
	printf("in the file opened by the action: %s", buf);
	unlink(file);
	rmdir(dir);
	posix_spawn_file_actions_destroy(&fa);
	return WEXITSTATUS(st) != 4;
}
