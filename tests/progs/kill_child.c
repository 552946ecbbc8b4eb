/* A parent that kills one child with SIGKILL, watches another die of
 * SIGSEGV, and reaps four more that exit with codes 0 to 3. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void)
{
 pid_t a = fork(); if (a == 0) { for (int i = 0; i < 1000; i++) pause(); _exit(42); }
 kill(a, SIGKILL); int st; waitpid(a, &st, 0); printf("a: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
 pid_t b = fork(); if (b == 0) { volatile int *volatile p = NULL; *p = 1; _exit(9); }
 waitpid(b, &st, 0); printf("b: signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));
 for (int i = 0; i < 4; i++) { pid_t c = fork(); if (c == 0) _exit(i); waitpid(c, &st, 0); printf("c%d: exit %d\n", i, WEXITSTATUS(st)); }
 return 0; }
