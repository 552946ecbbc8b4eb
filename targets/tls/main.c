/* tls [--port N] [--conns N] [--docroot DIR] [--cert F --key F]
 *     [--sndbuf BYTES] [--lifetime S]
 *
 * Listens on 127.0.0.1:N (0: any free port), prints "port P" as the first
 * line of stdout, serves files under DIR over TLS with keep-alive, and
 * exits 0 once --conns connections have come and gone. */
#define _GNU_SOURCE
#include "tls.h"
#include "../common/util.h"

#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* build/certs/NAME next to our own binary. */
static const char *default_file(const char *name, char *buf, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return name;
    exe[n] = '\0';
    snprintf(buf, size, "%s/certs/%s", dirname(exe), name);
    return buf;
}

int main(int argc, char **argv)
{
    struct server srv = { 0 };
    char cbuf[PATH_MAX], kbuf[PATH_MAX];
    int port = (int)arg_long(argc, argv, "--port", 0);
    srv.max_conns = arg_long(argc, argv, "--conns", 1);
    srv.docroot = arg_str(argc, argv, "--docroot", ".");
    srv.sndbuf = (int)arg_long(argc, argv, "--sndbuf", 0);
    const char *cert = arg_str(argc, argv, "--cert", default_file("cert.pem", cbuf, sizeof cbuf));
    const char *key = arg_str(argc, argv, "--key", default_file("key.pem", kbuf, sizeof kbuf));
    arm_lifetime(arg_long(argc, argv, "--lifetime", 60));
    if (srv.max_conns < 1 || srv.max_conns > MAX_CONNS)
        die(0, "--conns must be 1..%d", MAX_CONNS);

    signal(SIGPIPE, SIG_IGN);
    srv.ctx = make_ctx(cert, key);
    srv.listen_fd = listen_loopback(port, 16);
    announce_port(srv.listen_fd);
    event_loop(&srv);
    close(srv.listen_fd);
    SSL_CTX_free(srv.ctx);
    return 0;
}
