/* Across fork a MAP_PRIVATE anonymous mapping becomes copy-on-write while
 * a MAP_SHARED one stays common: the child writes to both, and the parent
 * sees only the shared writes (its private page keeps its own value, and
 * its own later private write is not seen by the child).
 * corpus: native=same */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	size_t len = 2 * 4096;
	char *priv = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *shr = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (priv == MAP_FAILED || shr == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	strcpy(priv, "private before fork");
	strcpy(shr, "shared before fork");
	int p2c[2], c2p[2];
	if (pipe(p2c) < 0 || pipe(c2p) < 0) {
		perror("pipe");
		return 1;
	}
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		char b;
		int bad = strcmp(priv, "private before fork") || strcmp(shr, "shared before fork");
		strcpy(priv, "private from child");
		strcpy(shr, "shared from child");
		strcpy(shr + 4096, "second page from child");
		if (write(c2p[1], "c", 1) != 1 || read(p2c[0], &b, 1) != 1)
			_exit(3);
		/* the parent wrote its private page and the shared one meanwhile */
		if (strcmp(priv, "private from child"))
			bad = 1;
		if (strcmp(shr + 100, "shared from parent"))
			bad = 1;
		_exit(bad ? 2 : 0);
	}
	char b;
	if (read(c2p[0], &b, 1) != 1) {
		fprintf(stderr, "no word from child\n");
		return 1;
	}
	printf("parent private page: \"%s\"\n", priv);
	printf("parent shared page:  \"%s\" / \"%s\"\n", shr, shr + 4096);
	strcpy(priv, "private from parent");
	strcpy(shr + 100, "shared from parent");
	if (write(p2c[1], "p", 1) != 1)
		return 1;
	int st;
	waitpid(c, &st, 0);
	printf("child exit status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
		 !strcmp(priv, "private from parent") && !strcmp(shr, "shared from child");
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}
