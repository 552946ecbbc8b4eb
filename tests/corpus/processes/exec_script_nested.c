/* A #! script whose interpreter is itself a #! script (allowed by Linux,
 * a few levels deep): outer -> middle -> inner -> /bin/sh. Each level
 * gets the one above as an argument; we print what the innermost saw.
 * corpus: native=same */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = "/tmp/execnest.XXXXXX";

static void put(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		exit(1);
	close(fd);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	char text[256];
	put("inner", "#!/bin/sh\n"
		     "n=0; for a in \"$@\"; do n=$((n+1)); echo \"inner arg $n: ${a##*/}\"; done\n"
		     "exit $n\n");
	snprintf(text, sizeof text, "#!%s/inner\nthis line is never run\n", dir);
	put("middle", text);
	snprintf(text, sizeof text, "#!%s/middle\nneither is this one\n", dir);
	put("outer", text);
	char path[128];
	snprintf(path, sizeof path, "%s/outer", dir);
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		execl(path, "outer", "last-arg", (char *)NULL);
		perror("execl");
		_exit(127);
	}
	int st;
	waitpid(p, &st, 0);
	printf("outer exited %d\n", WEXITSTATUS(st));
	const char *names[] = { "inner", "middle", "outer" };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	return WEXITSTATUS(st) == 127;
}
