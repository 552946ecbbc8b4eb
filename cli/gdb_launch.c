/* `heisen replay` with a debugger: serve the replay on stdin/stdout, on a
 * TCP port, or to a gdb started here (as `rr replay` does). */
#define _GNU_SOURCE
#include "cli/gdb_launch.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <sys/prctl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
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

/* Whether a command can be run: a path that is executable, or a bare name
 * found on $PATH. */
static int runnable(const char *cmd)
{
	if (strchr(cmd, '/'))
		return access(cmd, X_OK) == 0;
	const char *path = getenv("PATH");
	char dirs[PATH_MAX * 4], file[PATH_MAX];
	snprintf(dirs, sizeof dirs, "%s", path ? path : "/usr/bin:/bin");
	for (char *save, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		snprintf(file, sizeof file, "%s/%s", *d ? d : ".", cmd);
		if (access(file, X_OK) == 0)
			return 1;
	}
	return 0;
}

/* As rr does: this process becomes gdb, which keeps the terminal and
 * whose status is heisen's, and a child serves the replay to it (so the
 * replay's tracees are that child's, and gdb is no process the replay
 * waits for). The child dies with gdb. */
int gdb_launch(const char *dir, const char *gdb, int debuggee,
	       char *const *gdb_args, int ngdb_args, struct err *e)
{
	if (!runnable(gdb))
		return err_set(e, "cannot run gdb '%s': %s", gdb, strerror(ENOENT));
	int port;
	int lfd = listen_on("127.0.0.1", 0, &port, e);
	if (lfd < 0)
		return -1;
	pid_t server = fork();
	if (server < 0) {
		close(lfd);
		return err_sys(e, "fork");
	}
	if (server == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		signal(SIGINT, SIG_IGN); /* gdb's to send, as an interrupt packet */
		struct err se = {{0}, 0};
		if (serve_socket(dir, lfd, debuggee, &se) < 0 && strcmp(se.msg, "gdb detached") &&
		    strcmp(se.msg, "gdb disconnected"))
			cli_error("replay", se.msg);
		_exit(0);
	}
	close(lfd);
	char target[64];
	snprintf(target, sizeof target, "target remote 127.0.0.1:%d", port);
	char *argv[16 + 64];
	int n = 0;
	const char *fixed[] = {gdb, "-q", "-l", "10000", "-ex", "set sysroot /", "-ex", target};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		argv[n++] = (char *)fixed[i];
	for (int i = 0; i < ngdb_args && n < (int)(sizeof argv / sizeof argv[0]) - 1; i++)
		argv[n++] = gdb_args[i];
	argv[n] = NULL;
	tsc_allow_self();
	execvp(gdb, argv);
	err_sys(e, "cannot run gdb '%s'", gdb);
	kill(server, SIGKILL);
	waitpid(server, NULL, 0);
	return -1;
}
