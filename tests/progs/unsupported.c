/* Does something heisen cannot record yet, chosen by argv[1]:
 * "shm" creates System V shared memory; "io_uring" calls io_uring_setup;
 * "mapshared FILE" maps FILE shared and writable. */
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	printf("start\n");
	fflush(stdout);
	if (argc > 2 && strcmp(argv[1], "shmat") == 0) {
		syscall(SYS_shmat, atoi(argv[2]), NULL, 0);
	} else if (argc > 2 && strcmp(argv[1], "mapshared") == 0) {
		int fd = open(argv[2], O_RDONLY);
		if (fd >= 0)
			mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	} else if (argc > 1 && strcmp(argv[1], "io_uring") == 0) {
		char params[120] = {0};
		syscall(SYS_io_uring_setup, 4, params);
	}
	printf("end\n");
	return 0;
}
