/* Messages: payload bytes derived from the request id (so the client can
 * regenerate them), an FNV-1a checksum in the trailer, and the payload
 * cut into BUF_SIZE buffers as the allocator hands them out. */
#include "multibuf.h"

#include <string.h>

static uint32_t fnv1a(const void *p, size_t len)
{
    const unsigned char *b = p;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= b[i];
        h *= 16777619u;
    }
    return h;
}

/* xorshift32 stream seeded by the id. */
static void fill_payload(char *dst, uint32_t id, uint32_t len)
{
    uint32_t x = id * 2654435761u + 1;
    for (uint32_t i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        dst[i] = (char)(x & 0xff);
    }
}

void build_message(struct message *m, uint32_t id, uint32_t len)
{
    if (len > MAX_PAYLOAD)
        len = MAX_PAYLOAD;
    fill_payload(m->payload, id, len);
    uint32_t nbufs = (len + BUF_SIZE - 1) / BUF_SIZE;
    m->head = (struct header){ MAGIC, id, len, nbufs };
    m->tail = (struct trailer){ TRAILER, fnv1a(m->payload, len) };
    int k = 0;
    m->iov[k++] = (struct iovec){ &m->head, sizeof m->head };
    for (uint32_t off = 0; off < len; off += BUF_SIZE) {
        uint32_t n = len - off < BUF_SIZE ? len - off : BUF_SIZE;
        m->iov[k++] = (struct iovec){ m->payload + off, n };
    }
    m->iov[k++] = (struct iovec){ &m->tail, sizeof m->tail };
    m->iovcnt = k;
}
