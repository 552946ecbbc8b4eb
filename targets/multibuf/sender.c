/* The shared connection: every worker's messages go out here. Race 5
 * lives in send_message(). */
#define _GNU_SOURCE
#include "multibuf.h"
#include "../common/util.h"

#include <errno.h>
#include <limits.h>
#include <unistd.h>

static int sock_fd = -1;
/* Concurrent writers on one socket are not safe: one lock per socket. */
static pthread_mutex_t sock_mu = PTHREAD_MUTEX_INITIALIZER;

void sender_init(int fd)
{
    sock_fd = fd;
}

#ifdef FIXED
/* writev() may stop short on a stream socket (signal, buffer space):
 * continue from where it stopped. */
static int writev_all(int fd, struct iovec *iov, int cnt)
{
    while (cnt > 0) {
        ssize_t n = writev(fd, iov, cnt < IOV_MAX ? cnt : IOV_MAX);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        while (cnt > 0 && (size_t)n >= iov->iov_len) {
            n -= (ssize_t)iov->iov_len;
            iov++;
            cnt--;
        }
        if (cnt > 0) {
            iov->iov_base = (char *)iov->iov_base + n;
            iov->iov_len -= (size_t)n;
        }
    }
    return 0;
}

int send_message(struct message *m)
{
    widen_pause(5);             /* TARGET_WIDEN only; no window to widen here */
    /* Fix: one gather write for the whole chain, under the socket lock,
     * so the message reaches the stream in one piece. */
    pthread_mutex_lock(&sock_mu);
    int r = writev_all(sock_fd, m->iov, m->iovcnt);
    pthread_mutex_unlock(&sock_mu);
    return r;
}
#else
int send_message(struct message *m)
{
    /* BUG: the chain goes out as one write() per buffer. Each write is
     * whole, but between two of them another worker's buffers can enter
     * the stream, and the peer's framing breaks. */
    for (int i = 0; i < m->iovcnt; i++) {
        if (i > 0)
            widen_pause(5);     /* TARGET_WIDEN only: between two pieces */
        pthread_mutex_lock(&sock_mu);
        int r = write_all(sock_fd, m->iov[i].iov_base, m->iov[i].iov_len);
        pthread_mutex_unlock(&sock_mu);
        if (r < 0)
            return -1;
    }
    return 0;
}
#endif
