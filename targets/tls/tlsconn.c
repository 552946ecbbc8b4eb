/* The TLS connection: SSL over one end of a BIO pair; the other end is
 * the ciphertext ring, drained into the socket by flush_ciphertext() and
 * filled from the socket by read_ciphertext(). */
#define _GNU_SOURCE
#include "tls.h"
#include "../common/util.h"

#include <errno.h>
#include <openssl/err.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

SSL_CTX *make_ctx(const char *cert, const char *key)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (!ctx)
        die(0, "SSL_CTX_new");
    if (SSL_CTX_use_certificate_file(ctx, cert, SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
        die(0, "cannot load %s / %s", cert, key);
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    return ctx;
}

struct conn *conn_new(SSL_CTX *ctx, int fd)
{
    struct conn *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->fd = fd;
    c->ssl = SSL_new(ctx);
    BIO *ssl_bio;
    if (!c->ssl || !BIO_new_bio_pair(&ssl_bio, RING_SIZE, &c->net_bio, RING_SIZE))
        die(0, "SSL_new / BIO_new_bio_pair");
    SSL_set_bio(c->ssl, ssl_bio, ssl_bio);
    SSL_set_accept_state(c->ssl);
    return c;
}

void conn_free(struct conn *c)
{
    SSL_free(c->ssl);           /* frees ssl_bio */
    BIO_free(c->net_bio);
    close(c->fd);
    free(c->resp.body);
    free(c);
}

/* Socket -> ring, only as much as the ring can take right now. */
void read_ciphertext(struct conn *c)
{
    size_t room = BIO_ctrl_get_write_guarantee(c->net_bio);
    if (room == 0)
        return;
    char buf[RING_SIZE];
    ssize_t n = recv(c->fd, buf, room < sizeof buf ? room : sizeof buf, MSG_DONTWAIT);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        c->closed = true;
        return;
    }
    if (n > 0 && BIO_write(c->net_bio, buf, (int)n) != n)
        die(0, "BIO_write: ring refused bytes it promised to take");
}

/* Ring -> socket, zero-copy: send straight from the ring and consume
 * exactly what the socket took. Stops at EAGAIN; poll's POLLOUT resumes. */
void flush_ciphertext(struct conn *c)
{
    for (int i = 0; i < 64 && !c->closed; i++) {
        char *p;
        int avail = BIO_nread0(c->net_bio, &p);
        if (avail <= 0)
            return;
        ssize_t n = send(c->fd, p, (size_t)avail, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            if (errno != EAGAIN && errno != EINTR)
                c->closed = true;
            return;
        }
        BIO_nread(c->net_bio, &p, (int)n);
        if (n < avail)
            return;             /* socket full */
    }
}

bool ciphertext_pending(struct conn *c)
{
    return BIO_ctrl_pending(c->net_bio) > 0;
}
