/* `heisen replay` with a debugger: serve the replay on stdin/stdout, on a
 * TCP port, or to a gdb started here (as `rr replay` does). */
#define _GNU_SOURCE
#include "cli/gdb_launch.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/tsc.h"
#include "gdbstub/debugger.h"

static int listen_on(const char *addr, int port, int *out_port, struct err *e)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1)
		return err_set(e, "bad listen address '%s' (an IPv4 address)", addr);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (fd < 0)
		return err_sys(e, "socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	socklen_t len = sizeof sa;
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 1) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0) {
		err_sys(e, "cannot listen on %s:%d", addr, port);
		close(fd);
		return -1;
	}
	*out_port = ntohs(sa.sin_port);
	return fd;
}

static int serve_socket(const char *dir, int lfd, int pid, struct err *e)
{
	int c;
	while ((c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) < 0 && errno == EINTR)
		;
	close(lfd);
	if (c < 0)
		return err_sys(e, "accept");
	int rc = dbg_serve(dir, c, c, pid, e);
	close(c);
	return rc;
}

int gdb_serve_stdio(const char *dir, int pid, struct err *e)
{
	return dbg_serve(dir, 0, 1, pid, e);
}

int gdb_serve_port(const char *dir, const char *addr, int port, int pid, struct err *e)
{
	int bound;
	int lfd = listen_on(addr, port, &bound, e);
	if (lfd < 0)
		return -1;
	fprintf(stderr, "heisen: serving the replay on %s:%d; in gdb: target remote %s:%d\n",
		addr, bound, addr, bound);
	return serve_socket(dir, lfd, pid, e);
}

int gdb_launch(const char *dir, const char *gdb, int debuggee, int *gdb_status,
	       struct err *e)
{
	int port;
	int lfd = listen_on("127.0.0.1", 0, &port, e);
	if (lfd < 0)
		return -1;
	char target[64];
	snprintf(target, sizeof target, "target remote 127.0.0.1:%d", port);
	pid_t pid = fork();
	if (pid < 0) {
		close(lfd);
		return err_sys(e, "fork");
	}
	if (pid == 0) {
		tsc_allow_self();
		execlp(gdb, gdb, "-q", "-l", "10000", "-ex", "set sysroot /", "-ex",
		       target, (char *)NULL);
		fprintf(stderr, "heisen replay: cannot run %s: %s\n", gdb, strerror(errno));
		_exit(127);
	}
	/* gdb owns the terminal: Ctrl-C is its to send as an interrupt */
	signal(SIGINT, SIG_IGN);
	int rc = serve_socket(dir, lfd, debuggee, e);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	*gdb_status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return rc;
}
