/* The I/O thread: one poll() loop over the wake pipe, the listening
 * socket and every client. A client in write mode (send_ready) is polled
 * for POLLOUT only, so no new request is read from it until its output
 * has drained. */
#define _GNU_SOURCE
#include "httpd.h"
#include "../common/util.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void accept_client(struct server *srv)
{
    /* The bounded send buffer makes a reply larger than it leave through
     * the I/O thread in several sends. */
    int fd = accept_nonblocking(srv->listen_fd, srv->sndbuf);
    if (fd < 0)
        return;
    struct client *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->fd = fd;
    c->slot = (int)srv->accepted;
    client_init_send(c);
    srv->clients[srv->accepted++] = c;
}

/* Hand the next complete buffered request to a worker, one at a time per
 * client so that responses leave in request order. */
static void dispatch_next(struct client *c)
{
    if (c->busy || c->dead)
        return;
    size_t len = request_length(c->in, c->in_len);
    if (len == 0)
        return;
    char path[PATH_MAX_];
    if (!parse_request_line(c->in, len, path, sizeof path))
        strcpy(path, "/bad-request");
    memmove(c->in, c->in + len, c->in_len - len);
    c->in_len -= len;
    c->busy = true;
    workers_submit(c, path);
}

static void read_client(struct client *c)
{
    if (c->in_len == IN_MAX) {
        c->dead = true;         /* a request larger than we accept */
        return;
    }
    ssize_t n = read(c->fd, c->in + c->in_len, IN_MAX - c->in_len);
    if (n == 0)
        c->peer_closed = true;
    else if (n < 0 && errno != EAGAIN && errno != EINTR)
        c->dead = true;
    else if (n > 0)
        c->in_len += (size_t)n;
}

/* Workers write the slot of each client whose request they finished. */
static void drain_wake_pipe(struct server *srv)
{
    int slots[64];
    ssize_t n = read(srv->wake_rd, slots, sizeof slots);
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    if (n <= 0 || n % (ssize_t)sizeof(int) != 0)
        die(errno, "read wake pipe");
    for (ssize_t i = 0; i < n / (ssize_t)sizeof(int); i++) {
        struct client *c = srv->clients[slots[i]];
        c->busy = false;
        dispatch_next(c);
    }
}

static bool client_finished(struct client *c)
{
    if (c->busy)
        return false;           /* a worker still holds a pointer to it */
    if (c->dead || client_send_failed(c))
        return true;
    return c->peer_closed && request_length(c->in, c->in_len) == 0 &&
           client_output_idle(c);
}

static void close_finished(struct server *srv)
{
    for (long i = 0; i < srv->accepted; i++) {
        struct client *c = srv->clients[i];
        if (!c || !client_finished(c))
            continue;
        close(c->fd);
        pthread_mutex_destroy(&c->send_mu);
        free(c->out);
        free(c);
        srv->clients[i] = NULL;
    }
}

static bool all_done(const struct server *srv)
{
    if (srv->accepted < srv->max_conns)
        return false;
    for (long i = 0; i < srv->accepted; i++)
        if (srv->clients[i])
            return false;
    return true;
}

static short client_events(struct client *c)
{
    if (client_in_write_mode(c))
        return POLLOUT;
    return c->peer_closed ? 0 : POLLIN;
}

static void handle_client_events(struct client *c, short revents)
{
    if (revents & POLLNVAL)
        c->dead = true;
    if (revents & POLLOUT)
        flush_client(c);
    else if (revents & (POLLIN | POLLHUP | POLLERR))
        read_client(c);
    dispatch_next(c);
}

void io_loop(struct server *srv)
{
    struct pollfd fds[MAX_CONNS + 2];
    struct client *owner[MAX_CONNS + 2];
    while (!all_done(srv)) {
        int n = 0;
        fds[n] = (struct pollfd){ .fd = srv->wake_rd, .events = POLLIN };
        owner[n++] = NULL;
        bool listening = srv->accepted < srv->max_conns;
        if (listening) {
            fds[n] = (struct pollfd){ .fd = srv->listen_fd, .events = POLLIN };
            owner[n++] = NULL;
        }
        for (long i = 0; i < srv->accepted; i++) {
            struct client *c = srv->clients[i];
            if (!c)
                continue;
            fds[n] = (struct pollfd){ .fd = c->fd, .events = client_events(c) };
            owner[n++] = c;
        }
        if (poll(fds, n, -1) < 0) {
            if (errno == EINTR)
                continue;
            die(errno, "poll");
        }
        if (fds[0].revents)
            drain_wake_pipe(srv);
        if (listening && fds[1].revents)
            accept_client(srv);
        for (int i = 0; i < n; i++)
            if (owner[i] && fds[i].revents)
                handle_client_events(owner[i], fds[i].revents);
        close_finished(srv);
    }
}
