/* An event loop that other threads wake through a pipe: they queue
 * functions (posted functions) and write one byte to post_fd; the loop
 * thread blocks reading wait_fd. It counts clients and shuts down when
 * no client is left and nothing is queued. Race 3 of shared/races.md
 * lives in how that shutdown is decided and notified. */
#ifndef EVENTLOOP_H
#define EVENTLOOP_H

#include <pthread.h>
#include <stdbool.h>

struct posted_fn {
    void (*fn)(void *arg);
    void *arg;
    bool *done;                 /* sync posts: set once fn has run */
    struct posted_fn *next;
};

struct event_loop {
    pthread_mutex_t mu;
    pthread_cond_t ran;         /* a sync post has run */
    int wait_fd, post_fd;       /* read and write ends of the wake pipe */
    int num_clients;            /* guarded by mu */
    struct posted_fn *async_fns;        /* guarded by mu: FIFO head */
    struct posted_fn **async_tail;      /* guarded by mu */
    bool shutdown_notified;     /* guarded by mu (fixed build) */
};

void loop_init(struct event_loop *el);
/* Run posted functions until shutdown; closes wait_fd on the way out. */
void loop_run(struct event_loop *el);
/* After loop_run returned and every other thread is joined. */
void loop_destroy(struct event_loop *el);

/* Queue fn to run on the loop thread; do not wait for it. */
void loop_post(struct event_loop *el, void (*fn)(void *), void *arg);
/* Queue fn to run on the loop thread and wait until it has run. */
void loop_sync(struct event_loop *el, void (*fn)(void *), void *arg);

void loop_add_client(struct event_loop *el);
void loop_remove_client(struct event_loop *el);

/* Functions queued but never run (checked at exit). */
int loop_pending(struct event_loop *el);

#endif
