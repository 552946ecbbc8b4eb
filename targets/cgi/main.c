/* cgi [--port N] [--conns N] [--cgi-dir DIR] [--lifetime S]
 *
 * Listens on 127.0.0.1:N (0: any free port), prints "port P" as the first
 * line of stdout, serves GET /cgi-bin/NAME?QUERY by running DIR/NAME, one
 * request per connection, and exits 0 after --conns connections. */
#define _GNU_SOURCE
#include "cgi.h"
#include "../common/util.h"

#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Default: build/cgi-bin next to our own binary. */
static const char *default_cgi_dir(void)
{
    static char dir[PATH_MAX];
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return "cgi-bin";
    exe[n] = '\0';
    snprintf(dir, sizeof dir, "%s/cgi-bin", dirname(exe));
    return dir;
}

int main(int argc, char **argv)
{
    struct server srv = { 0 };
    int port = (int)arg_long(argc, argv, "--port", 0);
    srv.max_conns = arg_long(argc, argv, "--conns", 1);
    srv.cgi_dir = arg_str(argc, argv, "--cgi-dir", NULL);
    if (!srv.cgi_dir)
        srv.cgi_dir = default_cgi_dir();
    arm_lifetime(arg_long(argc, argv, "--lifetime", 60));
    if (srv.max_conns < 1 || srv.max_conns > MAX_CONNS)
        die(0, "--conns must be 1..%d", MAX_CONNS);

    signal(SIGPIPE, SIG_IGN);
    install_sigchld(&srv);
    srv.listen_fd = listen_loopback(port, 128);
    announce_port(srv.listen_fd);
    event_loop(&srv);
    close(srv.listen_fd);
    return 0;
}
