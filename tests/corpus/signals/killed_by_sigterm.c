/* The program kills itself with raise(SIGTERM) under the default action:
 * its exit status must show it died of SIGTERM (128+15 in a shell), in the
 * recording and in every replay. Output written before is flushed first.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>

int main(void)
{
	printf("about to raise SIGTERM\n");
	fflush(stdout);
	signal(SIGTERM, SIG_DFL);
	raise(SIGTERM);
	printf("still alive?\n");
	return 1;
}
