/* exec of #! scripts written to a temp dir: sh, perl and python3
 * (Debian's, by absolute path), one with an interpreter argument, and
 * one run through execvp's PATH search; each prints its argv.
 * corpus: native=same */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = "/tmp/execscr.XXXXXX";

static void put(const char *name, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		exit(1);
	close(fd);
}

static int run(const char *name, int use_path)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		char *argv[] = { (char *)name, "arg one", "two", NULL };
		if (use_path)
			execvp(name, argv);
		else
			execv(path, argv);
		_exit(127);
	}
	int st;
	waitpid(p, &st, 0);
	printf("%s exited %d\n", name, WEXITSTATUS(st));
	return WEXITSTATUS(st);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	put("s.sh", "#!/bin/sh\necho \"sh: $# args: $1|$2\"\nexit 1\n");
	put("p.pl", "#!/usr/bin/perl\nprint \"perl: \", scalar(@ARGV), \" args: \", join('|', @ARGV), \"\\n\";\nexit 2;\n");
	put("y.py", "#!/usr/bin/python3\nimport sys\nprint('python3:', len(sys.argv) - 1, 'args:', '|'.join(sys.argv[1:]))\nsys.exit(3)\n");
	put("e.sh", "#!/bin/sh -e\necho \"sh -e: before false\"\nfalse\necho not reached\n");
	put("n.sh", "#! /bin/sh\necho \"found through PATH: ${0##*/}\"\n");
	int sum = run("s.sh", 0) + run("p.pl", 0) + run("y.py", 0) + run("e.sh", 0);
	setenv("PATH", dir, 1);
	sum += run("n.sh", 1);
	const char *names[] = { "s.sh", "p.pl", "y.py", "e.sh", "n.sh" };
	for (int i = 0; i < 5; i++) {
		char path[128];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	return sum != 7;
}
