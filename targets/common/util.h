/* Small helpers shared by the race targets: argument parsing, the
 * loopback listener, the port announcement, the lifetime bound and the
 * TARGET_WIDEN switch used only by the targets' own tests. */
#ifndef TARGETS_UTIL_H
#define TARGETS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Print "NAME: message" (and strerror(errno) when errnum != 0) and exit 2. */
void die(int errnum, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

/* Value of "--name N" on the command line, or def when absent. */
long arg_long(int argc, char **argv, const char *name, long def);
/* Value of "--name STR" on the command line, or def when absent. */
const char *arg_str(int argc, char **argv, const char *name, const char *def);

/* A TCP socket listening on 127.0.0.1:port (0 = any free port), CLOEXEC. */
int listen_loopback(int port, int backlog);
/* Tell the driver which port we got: "port N\n" as stdout's first line. */
void announce_port(int listen_fd);

/* Milliseconds on the monotonic clock. */
int64_t now_ms(void);
/* Arm a watchdog: SIGALRM ends the process after `seconds`, so a server
 * abandoned by its driver cannot outlive it for long. */
void arm_lifetime(long seconds);

/* True when TARGET_WIDEN=1 is in the environment (tests only). */
bool widen_enabled(void);
/* Sleep ms milliseconds when TARGET_WIDEN=1; no-op otherwise. */
void widen_pause(int ms);

/* Write all of buf to fd (blocking fd), retrying short writes and EINTR.
 * Returns 0, or -1 with errno set. */
int write_all(int fd, const void *buf, size_t len);

/* accept4 a non-blocking client; -1 on a transient failure (EAGAIN, EINTR,
 * ECONNABORTED), dies on others. sndbuf > 0 bounds its kernel send buffer
 * (like nginx's "listen ... sndbuf="). */
int accept_nonblocking(int listen_fd, int sndbuf);

/* Append len bytes to a growable buffer whose bytes [*off, *len) are
 * unsent; an emptied buffer is reused from its start. */
void outbuf_append(char **buf, size_t *off, size_t *len, size_t *cap,
                   const char *data, size_t n);

#endif
