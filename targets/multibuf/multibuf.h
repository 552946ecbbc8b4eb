/* multibuf: worker threads answer requests on one shared connection with
 * multi-buffer messages (header, payload in allocator-sized buffers,
 * trailer). It re-creates race 5 of shared/races.md: the buggy build
 * issues one write() per buffer, so two workers' messages interleave. */
#ifndef MULTIBUF_H
#define MULTIBUF_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#define BUF_SIZE    4096        /* the allocator's buffer size */
#define MAX_PAYLOAD (64 * 1024)
#define MAX_IOV     (2 + MAX_PAYLOAD / BUF_SIZE)
#define MAGIC       0x4655424dU /* "MBUF" little-endian */
#define TRAILER     0x21444e45U /* "END!" */

struct header {
    uint32_t magic, id, payload_len, nbufs;
};

struct trailer {
    uint32_t magic, checksum;
};

/* One message as a chain of buffers, ready for the socket. */
struct message {
    struct header head;
    char payload[MAX_PAYLOAD];
    struct trailer tail;
    struct iovec iov[MAX_IOV];
    int iovcnt;
};

/* message.c */
/* Fill m for request id with a payload of len bytes. */
void build_message(struct message *m, uint32_t id, uint32_t len);

/* sender.c: the shared connection */
void sender_init(int fd);
/* Put the whole message on the connection. Returns -1 on socket error. */
int send_message(struct message *m);

/* workers.c */
void workers_start(int n);
void workers_submit(uint32_t id, uint32_t len);
void workers_finish(void);         /* drain the queue, join */

#endif
