/* Starting CGI programs: fork, point stdout at a pipe, exec. */
#define _GNU_SOURCE
#include "cgi.h"
#include "../common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int sigchld_wr = -1;

/* Async-signal-safe: one byte into the self-pipe wakes the event loop,
 * which then runs the handlers of all CGI requests. */
static void on_sigchld(int sig)
{
    (void)sig;
    int saved = errno;
    char b = 'c';
    if (write(sigchld_wr, &b, 1) < 0) {
        /* pipe full: a wakeup is already pending */
    }
    errno = saved;
}

void install_sigchld(struct server *srv)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC | O_NONBLOCK) < 0)
        die(errno, "pipe2");
    srv->sig_rd = p[0];
    srv->sig_wr = sigchld_wr = p[1];
    struct sigaction sa = { .sa_handler = on_sigchld, .sa_flags = SA_RESTART | SA_NOCLDSTOP };
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGCHLD, &sa, NULL) < 0)
        die(errno, "sigaction");
}

/* "hello" and "hello.sh" are fine; anything with a slash or a leading
 * dot is not a CGI program name. */
static bool valid_name(const char *name, size_t len)
{
    if (len == 0 || len > 64 || name[0] == '.')
        return false;
    for (size_t i = 0; i < len; i++)
        if (name[i] == '/')
            return false;
    return true;
}

/* In the child: never returns. */
static void exec_cgi(const char *prog, const char *name, const char *query, int out_fd)
{
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull < 0 || dup2(devnull, STDIN_FILENO) < 0 || dup2(out_fd, STDOUT_FILENO) < 0)
        _exit(127);
    char e_query[600], e_script[128];
    snprintf(e_query, sizeof e_query, "QUERY_STRING=%s", query);
    snprintf(e_script, sizeof e_script, "SCRIPT_NAME=/cgi-bin/%s", name);
    const char *widen = widen_enabled() ? "TARGET_WIDEN=1" : NULL;
    char *envp[] = {
        "GATEWAY_INTERFACE=CGI/1.1", "SERVER_PROTOCOL=HTTP/1.1",
        "REQUEST_METHOD=GET", "PATH=/usr/bin:/bin", e_query, e_script,
        (char *)widen, NULL,
    };
    char *argv[] = { (char *)prog, NULL };
    execve(prog, argv, envp);
    _exit(127);
}

bool start_cgi(struct server *srv, struct conn *c, const char *target)
{
    static const char prefix[] = "/cgi-bin/";
    if (strncmp(target, prefix, sizeof prefix - 1) != 0)
        return false;
    const char *name = target + sizeof prefix - 1;
    const char *q = strchr(name, '?');
    size_t name_len = q ? (size_t)(q - name) : strlen(name);
    if (!valid_name(name, name_len))
        return false;
    char prog[4096];
    snprintf(prog, sizeof prog, "%s/%.*s", srv->cgi_dir, (int)name_len, name);
    if (access(prog, X_OK) != 0)
        return false;

    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        die(errno, "pipe2");
    pid_t pid = fork();
    if (pid < 0)
        die(errno, "fork");
    if (pid == 0) {
        char nm[80];
        snprintf(nm, sizeof nm, "%.*s", (int)name_len, name);
        exec_cgi(prog, nm, q ? q + 1 : "", p[1]);
    }
    close(p[1]);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    c->pid = pid;
    c->pipe_fd = p[0];
    c->state = RUNNING_CGI;
    static const char head[] = "HTTP/1.1 200 OK\r\nConnection: close\r\n";
    out_append(c, head, sizeof head - 1);
    return true;
}
