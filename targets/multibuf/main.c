/* multibuf [--port N] [--workers N] [--lifetime S]
 *
 * Listens on 127.0.0.1:N (0: any free port), prints "port P" as the first
 * line of stdout, accepts one connection and answers each request line
 * "GET <id> <len>\n" with one message (see multibuf.h) written by a
 * worker thread. Exits 0 when the client has closed and every queued
 * message has been written. */
#define _GNU_SOURCE
#include "multibuf.h"
#include "../common/util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

/* Read request lines until EOF and hand each to the pool. */
static void serve(int fd)
{
    char buf[4096];
    size_t len = 0;
    for (;;) {
        ssize_t n = read(fd, buf + len, sizeof buf - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        len += (size_t)n;
        buf[len] = '\0';
        char *line = buf, *nl;
        while ((nl = strchr(line, '\n'))) {
            unsigned id, plen;
            if (sscanf(line, "GET %u %u", &id, &plen) == 2)
                workers_submit(id, plen);
            line = nl + 1;
        }
        len -= (size_t)(line - buf);
        memmove(buf, line, len);
        if (len == sizeof buf - 1)
            return;             /* a line longer than any request */
    }
}

int main(int argc, char **argv)
{
    int port = (int)arg_long(argc, argv, "--port", 0);
    int nworkers = (int)arg_long(argc, argv, "--workers", 2);
    arm_lifetime(arg_long(argc, argv, "--lifetime", 60));
    signal(SIGPIPE, SIG_IGN);
    int lfd = listen_loopback(port, 4);
    announce_port(lfd);
    int fd;
    do
        fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
    while (fd < 0 && (errno == EINTR || errno == ECONNABORTED));
    if (fd < 0)
        die(errno, "accept4");
    close(lfd);
    /* Messages are small and latency matters: no Nagle delay. */
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sender_init(fd);
    workers_start(nworkers);
    serve(fd);
    workers_finish();
    close(fd);
    return 0;
}
