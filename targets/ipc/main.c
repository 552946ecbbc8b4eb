/* ipc [--port N] [--conns N] [--lifetime S]
 *
 * Listens on 127.0.0.1:N (0: any free port), prints "port P" as the first
 * line of stdout, accepts --conns connections, runs their requests on
 * the event loop (this thread), and exits 0 when the loop shuts down
 * after the last client has left. */
#define _GNU_SOURCE
#include "server.h"
#include "../common/util.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    struct server srv = { 0 };
    int port = (int)arg_long(argc, argv, "--port", 0);
    srv.max_conns = arg_long(argc, argv, "--conns", 4);
    arm_lifetime(arg_long(argc, argv, "--lifetime", 60));
    if (srv.max_conns < 1 || srv.max_conns > MAX_CONNS)
        die(0, "--conns must be 1..%d", MAX_CONNS);

    /* A network server: a dead peer must not kill us; we look at EPIPE. */
    signal(SIGPIPE, SIG_IGN);
    loop_init(&srv.loop);
    srv.listen_fd = listen_loopback(port, 64);
    announce_port(srv.listen_fd);
    server_start(&srv);
    loop_run(&srv.loop);
    server_join(&srv);
    int left = loop_pending(&srv.loop);
    if (left) {
        fprintf(stderr, "ipc: event loop exited with %d posted function(s) never run\n", left);
        abort();
    }
    loop_destroy(&srv.loop);
    return 0;
}
