/* The event loop: poll over the SIGCHLD pipe, the listener, client
 * sockets and CGI pipes; then run the handler of every request that had
 * an event (the "joblist"). */
#define _GNU_SOURCE
#include "cgi.h"
#include "../common/util.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_FDS (2 + 2 * MAX_CONNS)

struct pollset {
    struct pollfd fds[MAX_FDS];
    struct conn *owner[MAX_FDS];
    bool is_pipe[MAX_FDS];
    int n;
};

static void add(struct pollset *ps, int fd, short ev, struct conn *c, bool is_pipe)
{
    ps->fds[ps->n] = (struct pollfd){ .fd = fd, .events = ev };
    ps->owner[ps->n] = c;
    ps->is_pipe[ps->n] = is_pipe;
    ps->n++;
}

static void accept_conn(struct server *srv)
{
    int fd = accept_nonblocking(srv->listen_fd, 0);
    if (fd < 0)
        return;
    srv->conns[srv->accepted++] = conn_new(fd);
}

static void build_pollset(struct server *srv, struct pollset *ps)
{
    ps->n = 0;
    add(ps, srv->sig_rd, POLLIN, NULL, false);
    if (srv->accepted < srv->max_conns)
        add(ps, srv->listen_fd, POLLIN, NULL, false);
    for (long i = 0; i < srv->accepted; i++) {
        struct conn *c = srv->conns[i];
        if (!c)
            continue;
        short ev = c->state == READING_REQUEST ? POLLIN : 0;
        if (!out_empty(c))
            ev |= POLLOUT;
        add(ps, c->fd, ev, c, false);
        if (c->pipe_fd >= 0)
            add(ps, c->pipe_fd, POLLIN, c, true);
    }
}

static void on_sigchld_pipe(struct server *srv)
{
    char buf[64];
    while (read(srv->sig_rd, buf, sizeof buf) > 0)
        ;
    for (long i = 0; i < srv->accepted; i++)
        if (srv->conns[i] && srv->conns[i]->pid)
            srv->conns[i]->job = true;
}

static void dispatch(struct server *srv, struct pollset *ps)
{
    for (int i = 0; i < ps->n; i++) {
        struct conn *c = ps->owner[i];
        short re = ps->fds[i].revents;
        if (!re)
            continue;
        if (ps->fds[i].fd == srv->sig_rd && !c) {
            on_sigchld_pipe(srv);
        } else if (!c) {
            accept_conn(srv);
        } else if (ps->is_pipe[i]) {
            if (c->pipe_fd >= 0)
                read_cgi_output(c);
            c->job = true;
        } else {
            if (c->state == READING_REQUEST && (re & (POLLIN | POLLHUP | POLLERR)))
                read_request(srv, c);
            c->job = true;
        }
    }
}

/* A connection is over when its response is complete and sent, and its
 * child (if any) has been reaped. */
static bool conn_over(const struct conn *c)
{
    return c->state == FINISHED && out_empty(c) && (c->pid == 0 || c->reaped);
}

static void run_jobs(struct server *srv)
{
    for (long i = 0; i < srv->accepted; i++) {
        struct conn *c = srv->conns[i];
        if (!c || !c->job)
            continue;
        c->job = false;
        handle_subrequest(c);
        if (conn_over(c)) {
            conn_free(c);
            srv->conns[i] = NULL;
            srv->closed++;
        }
    }
}

void event_loop(struct server *srv)
{
    struct pollset ps;
    while (srv->closed < srv->max_conns) {
        build_pollset(srv, &ps);
        if (poll(ps.fds, ps.n, -1) < 0) {
            if (errno == EINTR)
                continue;
            die(errno, "poll");
        }
        dispatch(srv, &ps);
        run_jobs(srv);
    }
}
