/* The IPC server around the event loop: a listener thread and one thread
 * per connection. Requests are executed on the loop thread (loop_sync),
 * and a disconnect posts its cleanup there (loop_post) before removing
 * the client. Protocol, one line each way:
 *   "SUM a b\n" -> "sum=<a+b> seq=<n>\n"   (n counts this connection's requests) */
#define _GNU_SOURCE
#include "server.h"
#include "../common/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct session {                /* touched only on the loop thread */
    long requests;
};

struct call {
    struct session *s;
    long a, b;
    char reply[64];
};

struct conn_arg {
    struct server *srv;
    int fd;
};

static void run_sum(void *arg)          /* on the loop thread */
{
    struct call *c = arg;
    c->s->requests++;
    snprintf(c->reply, sizeof c->reply, "sum=%ld seq=%ld\n", c->a + c->b, c->s->requests);
}

static void end_session(void *arg)      /* on the loop thread */
{
    free(arg);
}

static void session_new(void *arg)      /* on the loop thread */
{
    struct session **out = arg;
    *out = calloc(1, sizeof **out);
    if (!*out)
        abort();
}

/* Read one '\n'-terminated line of at most size-1 bytes; false on EOF or
 * error. Byte at a time: requests are tiny and this keeps no state. */
static bool read_line(int fd, char *buf, size_t size)
{
    size_t n = 0;
    while (n + 1 < size) {
        ssize_t r = read(fd, buf + n, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        if (buf[n++] == '\n') {
            buf[n] = '\0';
            return true;
        }
    }
    return false;
}

static void *conn_main(void *p)
{
    struct conn_arg *ca = p;
    struct event_loop *el = &ca->srv->loop;
    struct call c = { 0 };
    loop_sync(el, session_new, &c.s);
    char line[128];
    while (read_line(ca->fd, line, sizeof line)) {
        if (sscanf(line, "SUM %ld %ld", &c.a, &c.b) != 2)
            snprintf(c.reply, sizeof c.reply, "error\n");
        else
            loop_sync(el, run_sum, &c);
        if (write_all(ca->fd, c.reply, strlen(c.reply)) < 0)
            break;
    }
    close(ca->fd);
    loop_post(el, end_session, c.s);
    loop_remove_client(el);
    free(ca);
    return NULL;
}

static void *listener_main(void *p)
{
    struct server *srv = p;
    while (srv->nthreads < srv->max_conns) {
        int fd = accept4(srv->listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            die(errno, "accept4");
        }
        struct conn_arg *ca = malloc(sizeof *ca);
        if (!ca)
            abort();
        *ca = (struct conn_arg){ .srv = srv, .fd = fd };
        loop_add_client(&srv->loop);
        int err = pthread_create(&srv->threads[srv->nthreads], NULL, conn_main, ca);
        if (err)
            die(err, "pthread_create");
        srv->nthreads++;
    }
    close(srv->listen_fd);
    /* The listener held a client reference so the loop could not shut
     * down before every expected connection came. */
    loop_remove_client(&srv->loop);
    return NULL;
}

void server_start(struct server *srv)
{
    loop_add_client(&srv->loop);        /* the listener's reference */
    int err = pthread_create(&srv->listener, NULL, listener_main, srv);
    if (err)
        die(err, "pthread_create");
}

void server_join(struct server *srv)
{
    pthread_join(srv->listener, NULL);
    for (long i = 0; i < srv->nthreads; i++)
        pthread_join(srv->threads[i], NULL);
}
