#define _GNU_SOURCE
#include "util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>


void die(int errnum, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", program_invocation_short_name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (errnum)
        fprintf(stderr, ": %s", strerror(errnum));
    fputc('\n', stderr);
    exit(2);
}

static int find_arg(int argc, char **argv, const char *name)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return i + 1;
    return -1;
}

long arg_long(int argc, char **argv, const char *name, long def)
{
    int i = find_arg(argc, argv, name);
    if (i < 0)
        return def;
    char *end;
    errno = 0;
    long v = strtol(argv[i], &end, 10);
    if (errno || *end || end == argv[i])
        die(0, "bad value for %s: %s", name, argv[i]);
    return v;
}

const char *arg_str(int argc, char **argv, const char *name, const char *def)
{
    int i = find_arg(argc, argv, name);
    return i < 0 ? def : argv[i];
}

int listen_loopback(int port, int backlog)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die(errno, "socket");
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
        die(errno, "bind 127.0.0.1:%d", port);
    if (listen(fd, backlog) < 0)
        die(errno, "listen");
    return fd;
}

void announce_port(int listen_fd)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;
    if (getsockname(listen_fd, (struct sockaddr *)&sa, &len) < 0)
        die(errno, "getsockname");
    /* One write so the driver never sees half a line. */
    char line[32];
    int n = snprintf(line, sizeof line, "port %d\n", ntohs(sa.sin_port));
    if (write_all(STDOUT_FILENO, line, n) < 0)
        die(errno, "announce port");
}

int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void arm_lifetime(long seconds)
{
    /* alarm() delivers SIGALRM whose default action ends the process;
     * that is all a watchdog needs and keeps it out of the code paths
     * that are being studied. */
    if (seconds > 0)
        alarm((unsigned)seconds);
}

bool widen_enabled(void)
{
    const char *v = getenv("TARGET_WIDEN");
    return v && strcmp(v, "1") == 0;
}

void widen_pause(int ms)
{
    if (!widen_enabled() || ms <= 0)
        return;
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int accept_nonblocking(int listen_fd, int sndbuf)
{
    int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
        if (errno == EAGAIN || errno == EINTR || errno == ECONNABORTED)
            return -1;
        die(errno, "accept4");
    }
    if (sndbuf > 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    return fd;
}

void outbuf_append(char **buf, size_t *off, size_t *len, size_t *cap,
                   const char *data, size_t n)
{
    if (*off == *len)
        *off = *len = 0;
    if (*len + n > *cap) {
        size_t c = *cap ? *cap : 1024;
        while (c < *len + n)
            c *= 2;
        *buf = realloc(*buf, c);
        if (!*buf)
            abort();
        *cap = c;
    }
    memcpy(*buf + *len, data, n);
    *len += n;
}
