/* The worker pool: the I/O thread submits (client, path) jobs; a worker
 * builds the response, queues it with write_reply() and tells the I/O
 * thread through the wake pipe that the client's request is done. */
#include "httpd.h"
#include "../common/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define QUEUE_LEN   (MAX_CONNS)     /* at most one job in flight per client */
#define MAX_WORKERS 8

struct job {
    struct client *c;
    char path[PATH_MAX_];
};

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct job q[QUEUE_LEN];
    int head, count;
    bool stop;
    int wake_wr;
    int nthreads;
    pthread_t threads[MAX_WORKERS];
} pool = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/* Returns false when the pool is stopping. */
static bool take_job(struct job *out)
{
    pthread_mutex_lock(&pool.mu);
    while (pool.count == 0 && !pool.stop)
        pthread_cond_wait(&pool.cv, &pool.mu);
    bool got = pool.count > 0;
    if (got) {
        *out = pool.q[pool.head];
        pool.head = (pool.head + 1) % QUEUE_LEN;
        pool.count--;
    }
    pthread_mutex_unlock(&pool.mu);
    return got;
}

/* The client slot number is 4 bytes, well under PIPE_BUF, so concurrent
 * workers' notifications never interleave. */
static void notify_io(const struct client *c)
{
    int slot = c->slot;
    if (write_all(pool.wake_wr, &slot, sizeof slot) < 0)
        die(errno, "write wake pipe");
}

static void *worker_main(void *arg)
{
    (void)arg;
    struct job j;
    while (take_job(&j)) {
        size_t len;
        char *resp = build_response(j.path, &len);
        write_reply(j.c, resp, len);
        free(resp);
        notify_io(j.c);     /* last touch of j.c: the I/O thread may free it now */
    }
    return NULL;
}

void workers_start(int nthreads, int wake_wr)
{
    if (nthreads < 1 || nthreads > MAX_WORKERS)
        die(0, "--workers must be 1..%d", MAX_WORKERS);
    pool.wake_wr = wake_wr;
    pool.nthreads = nthreads;
    for (int i = 0; i < nthreads; i++) {
        int err = pthread_create(&pool.threads[i], NULL, worker_main, NULL);
        if (err)
            die(err, "pthread_create");
    }
}

void workers_submit(struct client *c, const char *path)
{
    pthread_mutex_lock(&pool.mu);
    if (pool.count == QUEUE_LEN)
        abort();            /* cannot happen: one job per client at most */
    struct job *j = &pool.q[(pool.head + pool.count) % QUEUE_LEN];
    j->c = c;
    strncpy(j->path, path, sizeof j->path - 1);
    j->path[sizeof j->path - 1] = '\0';
    pool.count++;
    pthread_cond_signal(&pool.cv);
    pthread_mutex_unlock(&pool.mu);
}

void workers_stop(void)
{
    pthread_mutex_lock(&pool.mu);
    pool.stop = true;
    pthread_cond_broadcast(&pool.cv);
    pthread_mutex_unlock(&pool.mu);
    for (int i = 0; i < pool.nthreads; i++)
        pthread_join(pool.threads[i], NULL);
}
