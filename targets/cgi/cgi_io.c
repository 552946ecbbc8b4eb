/* The CGI pipe and the child's exit: the place where race 2 lives.
 *
 * The response has no Content-Length: it ends when the server closes the
 * connection, which it does once the pipe reached EOF (finish_response).
 * The per-request handler also reaps the child with waitpid(WNOHANG). */
#define _GNU_SOURCE
#include "cgi.h"
#include "../common/util.h"

#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

static void drop_pipe(struct conn *c)
{
    if (c->pipe_fd >= 0) {
        close(c->pipe_fd);
        c->pipe_fd = -1;                /* out of the poll set from now on */
    }
}

/* EOF on the pipe: the CGI program is done writing. */
static void finish_response(struct conn *c)
{
    c->pipe_eof = true;
    drop_pipe(c);
    c->state = FINISHED;
}

/* TARGET_WIDEN only (tests): hold the window open until the child has
 * exited, without reaping it (WNOWAIT). */
static void widen_until_exit(struct conn *c)
{
    if (!widen_enabled())
        return;
    siginfo_t si;
    while (waitid(P_PID, (id_t)c->pid, &si, WEXITED | WNOWAIT) < 0 && errno == EINTR)
        ;
}

/* Called when poll reports the pipe readable (or hung up): read until
 * EAGAIN or EOF. */
void read_cgi_output(struct conn *c)
{
    char buf[4096];
    for (int i = 0; i < 64 && c->pipe_fd >= 0; i++) {
        ssize_t n = read(c->pipe_fd, buf, sizeof buf);
        if (n > 0) {
            out_append(c, buf, (size_t)n);
            continue;
        }
        if (n == 0) {
            finish_response(c);
        } else if (errno == EAGAIN) {
            /* The child has not closed its end yet; poll will tell us. */
            widen_until_exit(c);
        } else if (errno != EINTR) {
            finish_response(c);
        }
        return;
    }
}

/* The child exited (waitpid said so). */
static void cgi_child_exited(struct conn *c)
{
    c->reaped = true;
#ifdef FIXED
    /* Fix: the child's exit says nothing about the pipe. Keep it in the
     * poll set; the POLLHUP/EOF path finishes the response. */
    if (c->pipe_eof)
        drop_pipe(c);
#else
    /* BUG: the child is gone, so the request is considered over and its
     * pipe is dropped. If the pipe's EOF has not been read yet, nothing
     * will ever finish the response: the client waits forever. */
    drop_pipe(c);
#endif
}

/* Per-request handler, run after any event of this request in the same
 * loop iteration and on every SIGCHLD: push output to the client, then
 * check on the CGI child. */
void handle_subrequest(struct conn *c)
{
    out_flush(c);
    if (c->pid == 0 || c->reaped)
        return;
    int status;
    pid_t r = waitpid(c->pid, &status, WNOHANG);
    if (r == c->pid || (r < 0 && errno == ECHILD))
        cgi_child_exited(c);
}
