/* Client connections: the request head and the output queue. */
#define _GNU_SOURCE
#include "cgi.h"
#include "../common/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn *conn_new(int fd)
{
    struct conn *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->fd = fd;
    c->pipe_fd = -1;
    c->state = READING_REQUEST;
    return c;
}

void conn_free(struct conn *c)
{
    close(c->fd);
    if (c->pipe_fd >= 0)
        close(c->pipe_fd);
    free(c->out);
    free(c);
}

void out_append(struct conn *c, const char *data, size_t len)
{
    outbuf_append(&c->out, &c->out_off, &c->out_len, &c->out_cap, data, len);
}

bool out_empty(const struct conn *c)
{
    return c->client_gone || c->out_off == c->out_len;
}

/* One non-blocking send; the rest waits for POLLOUT. */
void out_flush(struct conn *c)
{
    if (out_empty(c))
        return;
    ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
                     MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n > 0)
        c->out_off += (size_t)n;
    else if (n < 0 && errno != EAGAIN && errno != EINTR)
        c->client_gone = true;
}

static void reply_error(struct conn *c, const char *status)
{
    char buf[128];
    int n = snprintf(buf, sizeof buf, "HTTP/1.1 %s\r\nConnection: close\r\n\r\n", status);
    out_append(c, buf, n);
    c->state = FINISHED;
}

/* Parse "GET <target> HTTP/1.1" once the head is complete, then start
 * the CGI program. */
void read_request(struct server *srv, struct conn *c)
{
    ssize_t n = read(c->fd, c->in + c->in_len, REQ_MAX - 1 - c->in_len);
    if (n <= 0) {
        if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            c->client_gone = true;
            c->state = FINISHED;
        }
        return;
    }
    c->in_len += (size_t)n;
    c->in[c->in_len] = '\0';
    if (!strstr(c->in, "\r\n\r\n")) {
        if (c->in_len == REQ_MAX - 1)
            reply_error(c, "431 Request Header Fields Too Large");
        return;
    }
    char target[512];
    if (sscanf(c->in, "GET %511s HTTP/1.1\r\n", target) != 1) {
        reply_error(c, "400 Bad Request");
        return;
    }
    if (!start_cgi(srv, c, target))
        reply_error(c, "404 Not Found");
}
