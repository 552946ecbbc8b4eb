/* cgi: a single-threaded event-loop HTTP server that runs CGI programs
 * through fork/exec with a non-blocking pipe for their stdout. It
 * re-creates race 2 of shared/races.md: the child is reaped (waitpid)
 * and its pipe dropped before the pipe's EOF finished the response. */
#ifndef CGI_H
#define CGI_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define MAX_CONNS 256
#define REQ_MAX   4096

enum conn_state {
    READING_REQUEST,    /* waiting for the request head */
    RUNNING_CGI,        /* response is coming from the CGI pipe */
    FINISHED,           /* response complete: flush, then close */
};

struct conn {
    int fd;
    enum conn_state state;
    char in[REQ_MAX];
    size_t in_len;

    char *out;                      /* bytes for the client */
    size_t out_off, out_len, out_cap;
    bool client_gone;               /* send failed: stop writing */

    pid_t pid;                      /* CGI child, 0 if none */
    bool reaped;                    /* waitpid() collected it */
    int pipe_fd;                    /* read end of its stdout, -1 once dropped */
    bool pipe_eof;                  /* read() returned 0 */

    bool job;                       /* run the handler this loop iteration */
};

struct server {
    int listen_fd;
    int sig_rd, sig_wr;             /* SIGCHLD self-pipe */
    const char *cgi_dir;
    long max_conns, accepted, closed;
    struct conn *conns[MAX_CONNS];
};

/* conn.c */
struct conn *conn_new(int fd);
void conn_free(struct conn *c);
void out_append(struct conn *c, const char *data, size_t len);
void out_flush(struct conn *c);
bool out_empty(const struct conn *c);
void read_request(struct server *srv, struct conn *c);

/* spawn.c */
/* Fork and exec the CGI program for path "/cgi-bin/NAME?QUERY". Returns
 * false (and queues an error response) if there is no such program. */
bool start_cgi(struct server *srv, struct conn *c, const char *target);
void install_sigchld(struct server *srv);

/* cgi_io.c */
void read_cgi_output(struct conn *c);
void handle_subrequest(struct conn *c);

/* loop.c */
void event_loop(struct server *srv);

#endif
