/* Requests and responses over TLS: the two write paths (head and body)
 * that call SSL_write, which is where race 4 lives. */
#define _GNU_SOURCE
#include "tls.h"
#include "../common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Right after SSL_write put a record into the ring, try to push it out,
 * so the ring has room for the next one. TARGET_WIDEN (tests only) leaves
 * the draining to the event loop's next POLLOUT: the network writer runs
 * late, as on a slow link, and the window stays open. */
static void after_record(struct conn *c)
{
    if (!widen_enabled())
        flush_ciphertext(c);
}

/* Write path 1: the response head. */
static enum wr write_head(struct conn *c)
{
    struct response *r = &c->resp;
    int n = SSL_write(c->ssl, r->head, r->head_len);
    if (n > 0) {
        r->head_done = true;
        after_record(c);
        return WR_OK;
    }
#ifdef FIXED
    if (SSL_get_error(c->ssl, n) == SSL_ERROR_WANT_WRITE)
        return WR_PARKED;       /* retried with the same bytes on drain */
#endif
    /* BUG: a full ring (WANT_WRITE) is taken for a failed write. */
    return WR_FAILED;
}

/* Write path 2: the body, one TLS record's worth per SSL_write. */
static enum wr write_body(struct conn *c)
{
    struct response *r = &c->resp;
    while (r->body_off < r->body_len) {
        size_t left = r->body_len - r->body_off;
        int len = left < SLICE ? (int)left : SLICE;
        int n = SSL_write(c->ssl, r->body + r->body_off, len);
        if (n <= 0) {
#ifdef FIXED
            /* Fix: park the unsent slice; resume_response() retries the
             * same slice once the network side has drained the ring. */
            if (SSL_get_error(c->ssl, n) == SSL_ERROR_WANT_WRITE)
                return WR_PARKED;
#endif
            /* BUG: WANT_WRITE only means "ring full, try again later",
             * but it is treated as failure: the caller drops the tail
             * and nothing ever resumes this write. */
            return WR_FAILED;
        }
        r->body_off += (size_t)n;
        after_record(c);
    }
    return WR_OK;
}

static void end_response(struct conn *c)
{
    free(c->resp.body);
    memset(&c->resp, 0, sizeof c->resp);
}

/* Push the active response as far as the ring allows. */
static void continue_response(struct conn *c)
{
    enum wr w = c->resp.head_done ? WR_OK : write_head(c);
    if (w == WR_OK)
        w = write_body(c);
    if (w == WR_PARKED)
        return;
    /* WR_OK: all written. WR_FAILED: the response is abandoned; the
     * connection stays open for the next request (keep-alive). */
    end_response(c);
}

void resume_response(struct conn *c)
{
    if (c->resp.active && !ciphertext_pending(c))
        continue_response(c);
}

/* Whole file into memory; NULL if it cannot be served. */
static char *load_file(const char *docroot, const char *path, size_t *len)
{
    if (path[0] != '/' || strstr(path, ".."))
        return NULL;
    char full[PATH_MAX];
    snprintf(full, sizeof full, "%s%s", docroot, path);
    int fd = open(full, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= (16 << 20)) {
        buf = malloc(st.st_size ? st.st_size : 1);
        size_t got = 0;
        while (buf && got < (size_t)st.st_size) {
            ssize_t n = read(fd, buf + got, st.st_size - got);
            if (n <= 0) {
                free(buf);
                buf = NULL;
                break;
            }
            got += (size_t)n;
        }
        *len = got;
    }
    close(fd);
    return buf;
}

static void start_response(struct server *srv, struct conn *c, const char *path)
{
    struct response *r = &c->resp;
    r->body = load_file(srv->docroot, path, &r->body_len);
    const char *status = r->body ? "200 OK" : "404 Not Found";
    if (!r->body)
        r->body_len = 0;
    r->head_len = snprintf(r->head, sizeof r->head,
                           "HTTP/1.1 %s\r\nContent-Type: application/octet-stream\r\n"
                           "Content-Length: %zu\r\n\r\n", status, r->body_len);
    r->active = true;
    continue_response(c);
}

/* Take one complete request out of c->in, if there is one. */
static bool next_request(struct conn *c, char *path, size_t size)
{
    char *end = memmem(c->in, c->in_len, "\r\n\r\n", 4);
    if (!end)
        return false;
    size_t len = (size_t)(end - c->in) + 4;
    char fmt[32];
    snprintf(fmt, sizeof fmt, "GET %%%zus HTTP/1.1", size - 1);
    c->in[len - 1] = '\0';
    if (sscanf(c->in, fmt, path) != 1)
        snprintf(path, size, "/");
    memmove(c->in, c->in + len, c->in_len - len);
    c->in_len -= len;
    return true;
}

/* Ciphertext arrived: advance the handshake, decrypt, serve requests one
 * at a time (a new one only when the previous response is done). */
void handle_input(struct server *srv, struct conn *c)
{
    for (int i = 0; i < 64 && !c->closed; i++) {
        if (c->in_len == sizeof c->in) {
            c->closed = true;   /* request head too large */
            return;
        }
        int n = SSL_read(c->ssl, c->in + c->in_len, (int)(sizeof c->in - c->in_len));
        if (n > 0) {
            c->in_len += (size_t)n;
            continue;
        }
        int e = SSL_get_error(c->ssl, n);
        if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
            c->closed = true;   /* close_notify, or a protocol error */
        break;
    }
    char path[256];
    while (!c->closed && !c->resp.active && next_request(c, path, sizeof path))
        start_response(srv, c, path);
}
