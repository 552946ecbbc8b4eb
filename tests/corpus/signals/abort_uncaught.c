/* An uncaught abort(): the process dies of SIGABRT (and would dump core,
 * where core dumps are on); the recorded exit status must be the signal,
 * and the replay must end the same way. stderr written before is kept.
 * corpus: native=same */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

int main(void)
{
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);
	fprintf(stderr, "calling abort()\n");
	printf("stdout line before abort\n");
	fflush(stdout);
	abort();
}
