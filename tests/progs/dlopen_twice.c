/* Loads a library with dlopen, runs its bug_main (a bug kernel built as a
 * library: tests/bugs/in_library), unloads it with dlclose, and does it
 * again ROUNDS times: the library's code is mapped, unmapped and mapped
 * again, each time perhaps at another address. Prints each round's exit
 * status: "round 1: 0".
 *
 * usage: dlopen_twice LIBRARY ROUNDS */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: dlopen_twice LIBRARY ROUNDS\n");
		return 2;
	}
	int rounds = atoi(argv[2]);
	for (int i = 1; i <= rounds && i <= 100; i++) {
		void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			fprintf(stderr, "dlopen: %s\n", dlerror());
			return 2;
		}
		int (*run)(void) = (int (*)(void))dlsym(h, "bug_main");
		if (!run) {
			fprintf(stderr, "dlsym: %s\n", dlerror());
			return 2;
		}
		int rc = run();
		printf("round %d: %d\n", i, rc);
		fflush(stdout);
		if (dlclose(h) != 0) {
			fprintf(stderr, "dlclose: %s\n", dlerror());
			return 2;
		}
	}
	return 0;
}
