/* tls: a single-threaded HTTPS static file server whose ciphertext leaves
 * through a bounded ring, an OpenSSL BIO pair of RING_SIZE bytes, that a
 * network writer drains into the socket. It re-creates race 4 of
 * shared/races.md: when the ring is full, SSL_write reports WANT_WRITE and
 * the write paths treat that as failure, discarding the unsent tail. */
#ifndef TLS_H
#define TLS_H

#include <openssl/ssl.h>
#include <stdbool.h>
#include <stddef.h>

#define MAX_CONNS  16
#define RING_SIZE  (17 * 1024)  /* ciphertext ring: holds one full TLS record */
#define SLICE      (16 * 1024)  /* body written one TLS record at a time */
#define REQ_MAX    4096

enum wr { WR_OK, WR_PARKED, WR_FAILED };

struct response {
    bool active;
    char head[256];
    int head_len;
    bool head_done;             /* SSL_write accepted the head */
    char *body;
    size_t body_len, body_off;  /* body_off: bytes SSL_write accepted */
};

struct conn {
    int fd;
    SSL *ssl;
    BIO *net_bio;               /* our end of the pair: the network side */
    char in[REQ_MAX];           /* decrypted request bytes */
    size_t in_len;
    struct response resp;
    bool closed;                /* peer gone or fatal error */
};

struct server {
    int listen_fd;
    SSL_CTX *ctx;
    const char *docroot;
    int sndbuf;
    long max_conns, accepted, closed;
    struct conn *conns[MAX_CONNS];
};

/* tlsconn.c: the TLS object, the ring, the network side */
SSL_CTX *make_ctx(const char *cert, const char *key);
struct conn *conn_new(SSL_CTX *ctx, int fd);
void conn_free(struct conn *c);
void read_ciphertext(struct conn *c);
/* The network writer: move ciphertext from the ring to the socket. */
void flush_ciphertext(struct conn *c);
bool ciphertext_pending(struct conn *c);

/* response.c: the two write paths, and the request handler */
void handle_input(struct server *srv, struct conn *c);
/* The network side drained the ring: resume a parked response. */
void resume_response(struct conn *c);

/* loop.c */
void event_loop(struct server *srv);

#endif
