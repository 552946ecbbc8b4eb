/* execve with a custom envp: /usr/bin/env prints exactly the variables
 * we pass (and none of ours), an empty envp, and the child re-running
 * this program sees argv[0] as we set it and PWD-less environ.
 * corpus: native=same */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int run(char *const argv[], char *const envp[])
{
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		execve(argv[0][0] == '/' ? argv[0] : "/proc/self/exe", argv, envp);
		_exit(127);
	}
	int st;
	waitpid(p, &st, 0);
	return WEXITSTATUS(st);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "show") == 0) {
		int n = 0;
		for (char **e = environ; *e; e++)
			n++;
		printf("re-run: argv[0] \"%s\", %d variables, MARK=%s\n", argv[0], n,
		       getenv("MARK") ? getenv("MARK") : "(unset)");
		return n;
	}
	setenv("SHOULD_NOT_LEAK", "1", 1);
	char *envp[] = { "ALPHA=1", "BETA=two words", "EMPTY=", "Z_LAST=z", NULL };
	char *env_argv[] = { "/usr/bin/env", NULL };
	printf("env with 4 variables:\n");
	int a = run(env_argv, envp);
	char *none[] = { NULL };
	printf("env with an empty envp:\n");
	int b = run(env_argv, none);
	char *self_argv[] = { "custom-argv0", "show", NULL };
	char *mark[] = { "MARK=set", "X=1", NULL };
	int c = run(self_argv, mark);
	printf("exit codes %d %d %d\n", a, b, c);
	return !(a == 0 && b == 0 && c == 2);
}
