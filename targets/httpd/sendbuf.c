/* The per-client send buffer, its mutex and the send_ready flag: the
 * place where race 1 lives.
 *
 * Protocol: send_ready true means "the I/O thread polls this socket for
 * POLLOUT and will send what is buffered"; while it is true the I/O
 * thread reads no new request from the client. The I/O thread clears it
 * when a send leaves the buffer empty. Nothing else clears it. */
#define _GNU_SOURCE
#include "httpd.h"
#include "../common/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

void client_init_send(struct client *c)
{
    pthread_mutex_init(&c->send_mu, NULL);
    c->out = NULL;
    c->out_off = c->out_len = c->out_cap = 0;
    c->send_failed = false;
    c->send_ready = false;
}

/* Caller holds send_mu. */
static size_t unsent_locked(const struct client *c)
{
    return c->out_len - c->out_off;
}

/* Caller holds send_mu. */
static void append_locked(struct client *c, const char *data, size_t len)
{
    outbuf_append(&c->out, &c->out_off, &c->out_len, &c->out_cap, data, len);
}

/* Caller holds send_mu. One non-blocking send of the buffered bytes.
 * EAGAIN is transient: the bytes stay buffered and the I/O thread
 * retries when poll reports POLLOUT. */
static void send_some_locked(struct client *c)
{
    ssize_t n = send(c->fd, c->out + c->out_off, unsent_locked(c),
                     MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            c->out_off = c->out_len = 0;    /* peer gone: drop the output */
            c->send_failed = true;
        }
        return;
    }
    c->out_off += (size_t)n;
}

/* TARGET_WIDEN only (tests): when the I/O thread was already writing to
 * this socket, hold the window open until it has sent everything we
 * appended (at most about a second). */
static void widen_window(struct client *c, bool io_was_writing)
{
    if (!widen_enabled() || !io_was_writing)
        return;
    for (int i = 0; i < 1000 && !client_output_idle(c); i++)
        widen_pause(1);
}

void write_reply(struct client *c, const char *data, size_t len)
{
    pthread_mutex_lock(&c->send_mu);
    bool was_idle = unsent_locked(c) == 0;
    append_locked(c, data, len);
    /* Optimistic send: when nothing was queued before us the I/O thread
     * is not writing to this socket, so we may. Otherwise it owns the
     * socket's output and will send our bytes after the earlier ones. */
    if (was_idle)
        send_some_locked(c);
    bool pending = unsent_locked(c) > 0;
#ifdef FIXED
    /* Fix: publish write mode while the buffer cannot change under us. */
    if (pending)
        c->send_ready = true;
#endif
    pthread_mutex_unlock(&c->send_mu);
    if (pending)
        widen_window(c, !was_idle);
#ifndef FIXED
    /* BUG: between the unlock above and this store, the I/O thread may
     * send everything we appended and clear send_ready. We then set it
     * with nothing left to send, and nothing will ever clear it. */
    if (pending)
        c->send_ready = true;
#endif
}

void flush_client(struct client *c)
{
    pthread_mutex_lock(&c->send_mu);
    if (unsent_locked(c) == 0) {
        /* Writable but nothing queued: nothing to do. */
        pthread_mutex_unlock(&c->send_mu);
        return;
    }
    send_some_locked(c);
    if (unsent_locked(c) == 0)
        c->send_ready = false;
    pthread_mutex_unlock(&c->send_mu);
}

bool client_in_write_mode(struct client *c)
{
    pthread_mutex_lock(&c->send_mu);
    bool r = c->send_ready;
    pthread_mutex_unlock(&c->send_mu);
    return r;
}

bool client_output_idle(struct client *c)
{
    pthread_mutex_lock(&c->send_mu);
    bool r = unsent_locked(c) == 0;
    pthread_mutex_unlock(&c->send_mu);
    return r;
}

bool client_send_failed(struct client *c)
{
    pthread_mutex_lock(&c->send_mu);
    bool r = c->send_failed;
    pthread_mutex_unlock(&c->send_mu);
    return r;
}
