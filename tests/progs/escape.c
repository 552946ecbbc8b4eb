/* A program that reaches outside its own process tree, in one of three
 * ways, for the replay sandbox's test (tests/test_untrusted.py):
 *   escape file PATH   creates PATH (by creat, which nothing else here
 *                      calls) and writes to it
 *   escape socket PORT connects to 127.0.0.1:PORT and sends a line
 *   escape signal PID  sends SIGUSR1 to process PID
 * Exits 0 when it did, 1 when the call failed. Recorded, each really
 * happens; replayed, none may. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int make_file(const char *path)
{
	int fd = creat(path, 0644);
	if (fd < 0)
		return 1;
	int ok = write(fd, "escaped\n", 8) == 8;
	close(fd);
	return !ok;
}

static int send_line(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0)
		return 1;
	int ok = write(fd, "escaped\n", 8) == 8;
	close(fd);
	return !ok;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: escape file PATH | socket PORT | signal PID\n");
		return 2;
	}
	int rc = 2;
	if (!strcmp(argv[1], "file"))
		rc = make_file(argv[2]);
	else if (!strcmp(argv[1], "socket"))
		rc = send_line(atoi(argv[2]));
	else if (!strcmp(argv[1], "signal"))
		rc = kill((pid_t)atoi(argv[2]), SIGUSR1) != 0;
	printf("%s: %s\n", argv[1], rc ? "failed" : "done");
	return rc;
}
