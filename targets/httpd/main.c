/* httpd [--port N] [--conns N] [--workers N] [--sndbuf BYTES] [--lifetime S]
 *
 * Listens on 127.0.0.1:N (0: any free port) and prints "port P" as the
 * first line of stdout. Serves GET /data/<seed>/<size> with keep-alive,
 * and exits with status 0 once --conns connections have come and gone. */
#define _GNU_SOURCE
#include "httpd.h"
#include "../common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    struct server srv = { 0 };
    int port = (int)arg_long(argc, argv, "--port", 0);
    srv.max_conns = arg_long(argc, argv, "--conns", 1);
    int nworkers = (int)arg_long(argc, argv, "--workers", 2);
    srv.sndbuf = (int)arg_long(argc, argv, "--sndbuf", 0);
    arm_lifetime(arg_long(argc, argv, "--lifetime", 60));
    if (srv.max_conns < 1 || srv.max_conns > MAX_CONNS)
        die(0, "--conns must be 1..%d", MAX_CONNS);

    signal(SIGPIPE, SIG_IGN);
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        die(errno, "pipe2");
    srv.wake_rd = p[0];
    srv.wake_wr = p[1];
    /* Non-blocking read end: the loop drains it only when poll says so,
     * but a spurious wakeup must not block the whole server. */
    fcntl(srv.wake_rd, F_SETFL, O_NONBLOCK);

    srv.listen_fd = listen_loopback(port, 64);
    announce_port(srv.listen_fd);
    workers_start(nworkers, srv.wake_wr);
    io_loop(&srv);
    workers_stop();
    close(srv.listen_fd);
    return 0;
}
