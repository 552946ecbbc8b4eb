/* The event loop: poll over the listener and the client sockets. POLLOUT
 * is requested while ciphertext waits in a connection's ring. */
#define _GNU_SOURCE
#include "tls.h"
#include "../common/util.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>

static void accept_conn(struct server *srv)
{
    /* A bounded kernel send buffer: the ring, not the kernel, absorbs a
     * response, as it does over a real network. */
    int fd = accept_nonblocking(srv->listen_fd, srv->sndbuf);
    if (fd < 0)
        return;
    srv->conns[srv->accepted++] = conn_new(srv->ctx, fd);
}

static void on_conn_event(struct server *srv, struct conn *c, short re)
{
    if (re & (POLLIN | POLLHUP | POLLERR)) {
        read_ciphertext(c);
        handle_input(srv, c);
    }
    /* The network writer (on POLLOUT, and after new handshake or response
     * bytes): push out what the ring holds; once it has drained, a
     * parked response may go on. */
    flush_ciphertext(c);
    resume_response(c);
}

void event_loop(struct server *srv)
{
    struct pollfd fds[MAX_CONNS + 1];
    struct conn *owner[MAX_CONNS + 1];
    while (srv->closed < srv->max_conns) {
        int n = 0;
        if (srv->accepted < srv->max_conns) {
            fds[n] = (struct pollfd){ .fd = srv->listen_fd, .events = POLLIN };
            owner[n++] = NULL;
        }
        for (long i = 0; i < srv->accepted; i++) {
            struct conn *c = srv->conns[i];
            if (!c)
                continue;
            short ev = POLLIN;
            if (ciphertext_pending(c))
                ev |= POLLOUT;
            fds[n] = (struct pollfd){ .fd = c->fd, .events = ev };
            owner[n++] = c;
        }
        if (poll(fds, n, -1) < 0) {
            if (errno == EINTR)
                continue;
            die(errno, "poll");
        }
        for (int i = 0; i < n; i++) {
            if (!fds[i].revents)
                continue;
            if (!owner[i])
                accept_conn(srv);
            else
                on_conn_event(srv, owner[i], fds[i].revents);
        }
        for (long i = 0; i < srv->accepted; i++) {
            struct conn *c = srv->conns[i];
            if (c && c->closed) {
                conn_free(c);
                srv->conns[i] = NULL;
                srv->closed++;
            }
        }
    }
}
