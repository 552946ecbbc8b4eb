#define _GNU_SOURCE
#include "eventloop.h"
#include "../common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { WAKE_POST = 'p', WAKE_SHUTDOWN = 'x' };

void loop_init(struct event_loop *el)
{
    memset(el, 0, sizeof *el);
    pthread_mutex_init(&el->mu, NULL);
    pthread_cond_init(&el->ran, NULL);
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        die(errno, "pipe2");
    el->wait_fd = p[0];
    el->post_fd = p[1];
    el->async_tail = &el->async_fns;
}

/* One byte into the pipe. A failure here means the loop is gone while
 * someone still believes it runs: an invariant is broken, so abort, as
 * an uncaught exception would. */
static void wake(struct event_loop *el, char what)
{
    int fd = el->post_fd;
    ssize_t n;
    do
        n = write(fd, &what, 1);
    while (n < 0 && errno == EINTR);
    if (n != 1) {
        fprintf(stderr, "ipc: write(post_fd, &buffer, 1): %s\n", strerror(errno));
        abort();
    }
}

/* The loop's exit condition. Only meaningful with mu held. */
static bool exit_condition(const struct event_loop *el)
{
    return el->num_clients == 0 && el->async_fns == NULL;
}

#ifdef FIXED
/* Caller holds mu. The one place that decides to shut down: true for
 * exactly one caller, who must then make the loop see it. */
static bool claim_shutdown_locked(struct event_loop *el)
{
    if (el->shutdown_notified || !exit_condition(el))
        return false;
    el->shutdown_notified = true;
    return true;
}
#endif

static void push_locked(struct event_loop *el, struct posted_fn *p)
{
    p->next = NULL;
    *el->async_tail = p;
    el->async_tail = &p->next;
}

void loop_post(struct event_loop *el, void (*fn)(void *), void *arg)
{
    struct posted_fn *p = malloc(sizeof *p);
    if (!p)
        abort();
    *p = (struct posted_fn){ .fn = fn, .arg = arg };
    pthread_mutex_lock(&el->mu);
    push_locked(el, p);
    pthread_mutex_unlock(&el->mu);
    wake(el, WAKE_POST);
}

void loop_sync(struct event_loop *el, void (*fn)(void *), void *arg)
{
    bool done = false;
    struct posted_fn *p = malloc(sizeof *p);
    if (!p)
        abort();
    *p = (struct posted_fn){ .fn = fn, .arg = arg, .done = &done };
    pthread_mutex_lock(&el->mu);
    push_locked(el, p);
    pthread_mutex_unlock(&el->mu);
    wake(el, WAKE_POST);
    pthread_mutex_lock(&el->mu);
    while (!done)
        pthread_cond_wait(&el->ran, &el->mu);
    pthread_mutex_unlock(&el->mu);
}

void loop_add_client(struct event_loop *el)
{
    pthread_mutex_lock(&el->mu);
    el->num_clients++;
    pthread_mutex_unlock(&el->mu);
}

static bool loop_exited(struct event_loop *el)
{
    pthread_mutex_lock(&el->mu);
    bool r = el->wait_fd < 0;
    pthread_mutex_unlock(&el->mu);
    return r;
}

/* TARGET_WIDEN only (tests): a remover that did not take the count to
 * zero holds the window open until the loop has shut down (at most
 * about a second). */
static void widen_until_loop_exit(struct event_loop *el)
{
    if (!widen_enabled())
        return;
    for (int i = 0; i < 1000 && !loop_exited(el); i++)
        widen_pause(1);
}

void loop_remove_client(struct event_loop *el)
{
    pthread_mutex_lock(&el->mu);
    int left = --el->num_clients;
#ifdef FIXED
    bool notify = claim_shutdown_locked(el);
#endif
    pthread_mutex_unlock(&el->mu);
    if (left > 0)
        widen_until_loop_exit(el);
#ifdef FIXED
    if (notify)
        wake(el, WAKE_SHUTDOWN);
#else
    /* BUG: the exit condition is read without the mutex, and every
     * remover that sees it true sends its own shutdown notification.
     * When several clients leave at once, the loop exits on the first
     * byte and closes its end; the next write fails with EPIPE. */
    if (exit_condition(el))
        wake(el, WAKE_SHUTDOWN);
#endif
}

/* Take the whole queue under the mutex, run it without. */
static void run_posted(struct event_loop *el)
{
    pthread_mutex_lock(&el->mu);
    struct posted_fn *list = el->async_fns;
    el->async_fns = NULL;
    el->async_tail = &el->async_fns;
    pthread_mutex_unlock(&el->mu);
    while (list) {
        struct posted_fn *p = list;
        list = p->next;
        p->fn(p->arg);
        if (p->done) {
            pthread_mutex_lock(&el->mu);
            *p->done = true;
            pthread_cond_broadcast(&el->ran);
            pthread_mutex_unlock(&el->mu);
        }
        free(p);
    }
}

/* Should the loop stop after this wakeup? */
static bool should_exit(struct event_loop *el, char wake_byte)
{
#ifdef FIXED
    if (wake_byte == WAKE_SHUTDOWN)
        return true;
    pthread_mutex_lock(&el->mu);
    bool mine = claim_shutdown_locked(el);
    pthread_mutex_unlock(&el->mu);
    return mine;    /* we claimed it: nobody else will write */
#else
    (void)wake_byte;
    /* BUG: read without the mutex, on values other threads are changing. */
    return exit_condition(el);
#endif
}

void loop_run(struct event_loop *el)
{
    for (;;) {
        char b;
        ssize_t n = read(el->wait_fd, &b, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != 1)
            die(errno, "event loop: wait_fd closed unexpectedly");
        run_posted(el);
        if (should_exit(el, b))
            break;
    }
    /* Closing the read end: from now on a write to post_fd fails. */
    pthread_mutex_lock(&el->mu);
    close(el->wait_fd);
    el->wait_fd = -1;
    pthread_mutex_unlock(&el->mu);
}

int loop_pending(struct event_loop *el)
{
    int n = 0;
    pthread_mutex_lock(&el->mu);
    for (struct posted_fn *p = el->async_fns; p; p = p->next)
        n++;
    pthread_mutex_unlock(&el->mu);
    return n;
}

void loop_destroy(struct event_loop *el)
{
    close(el->post_fd);
    pthread_mutex_destroy(&el->mu);
    pthread_cond_destroy(&el->ran);
}
