#ifndef IPC_SERVER_H
#define IPC_SERVER_H

#include "eventloop.h"

#define MAX_CONNS 64

struct server {
    struct event_loop loop;
    int listen_fd;
    long max_conns;             /* the listener stops after this many */
    pthread_t listener;
    pthread_t threads[MAX_CONNS];
    long nthreads;              /* written by the listener; read after join */
};

void server_start(struct server *srv);
void server_join(struct server *srv);

#endif
