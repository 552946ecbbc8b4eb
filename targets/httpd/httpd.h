/* httpd: a keep-alive HTTP/1.1 server with one I/O thread (poll) and a
 * pool of worker threads. It re-creates race 1 of shared/races.md: the
 * worker publishes `send_ready` after releasing the send mutex. */
#ifndef HTTPD_H
#define HTTPD_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#define MAX_CONNS   64          /* connections one server run may serve */
#define IN_MAX      8192        /* bytes of unparsed requests per client */
#define PATH_MAX_   256

struct client {
    int fd;
    int slot;                   /* index in server.clients, sent on the wake pipe */

    /* Receive side: owned by the I/O thread alone. */
    char in[IN_MAX];
    size_t in_len;
    bool busy;                  /* a request of this client is with a worker */
    bool peer_closed;           /* read() returned 0 */
    bool dead;                  /* read error: drop the client */

    /* Send side: the buffer is shared by the workers and the I/O thread. */
    pthread_mutex_t send_mu;
    char *out;                  /* guarded by send_mu */
    size_t out_off, out_len, out_cap; /* guarded by send_mu; bytes [off, len) are unsent */
    bool send_failed;           /* guarded by send_mu: the peer is gone */
    /* true: poll this socket for POLLOUT (write mode), false: POLLIN.
     * Meant to be guarded by send_mu; the buggy build stores it unlocked. */
    bool send_ready;
};

struct server {
    int listen_fd;
    int wake_rd, wake_wr;       /* workers -> I/O thread: client slot numbers */
    long max_conns;             /* exit after serving this many connections */
    int sndbuf;                 /* SO_SNDBUF for client sockets, 0: kernel default */
    long accepted;
    struct client *clients[MAX_CONNS];
};

/* http.c */
/* Length of the first complete request in buf (through "\r\n\r\n"), 0 if
 * none is complete yet. */
size_t request_length(const char *buf, size_t len);
/* Parse "GET <path> HTTP/1.1"; copies the path. Returns false if malformed. */
bool parse_request_line(const char *req, size_t len, char *path, size_t path_size);
/* Build the whole response for path into a malloc'ed buffer. */
char *build_response(const char *path, size_t *len);

/* sendbuf.c */
void client_init_send(struct client *c);
/* Worker side: queue a reply, try to send it right away, hand the rest
 * to the I/O thread. */
void write_reply(struct client *c, const char *data, size_t len);
/* I/O side: the socket is writable; send what is buffered. */
void flush_client(struct client *c);
/* I/O side: read send_ready under the send mutex. */
bool client_in_write_mode(struct client *c);
/* I/O side: nothing buffered and the socket still usable? */
bool client_output_idle(struct client *c);
/* I/O side: did a send fail for good? */
bool client_send_failed(struct client *c);

/* workers.c */
void workers_start(int nthreads, int wake_wr);
void workers_submit(struct client *c, const char *path);
void workers_stop(void);

/* io.c */
void io_loop(struct server *srv);

#endif
