/* The worker pool: each request becomes one message, built and sent by
 * whichever worker takes it. */
#include "multibuf.h"
#include "../common/util.h"

#include <stdlib.h>

#define QUEUE_LEN   256
#define MAX_WORKERS 8

struct req {
    uint32_t id, len;
};

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;      /* work queued, or finishing */
    pthread_cond_t room;    /* queue has room */
    struct req q[QUEUE_LEN];
    int head, count;
    bool finishing;
    int n;
    pthread_t threads[MAX_WORKERS];
} pool = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER,
           .room = PTHREAD_COND_INITIALIZER };

static bool take(struct req *out)
{
    pthread_mutex_lock(&pool.mu);
    while (pool.count == 0 && !pool.finishing)
        pthread_cond_wait(&pool.cv, &pool.mu);
    bool got = pool.count > 0;
    if (got) {
        *out = pool.q[pool.head];
        pool.head = (pool.head + 1) % QUEUE_LEN;
        pool.count--;
        pthread_cond_signal(&pool.room);
    }
    pthread_mutex_unlock(&pool.mu);
    return got;
}

static void *worker_main(void *arg)
{
    (void)arg;
    struct message *m = malloc(sizeof *m);
    if (!m)
        abort();
    struct req r;
    bool peer_gone = false;
    while (take(&r)) {
        if (peer_gone)
            continue;           /* drain the queue quietly */
        build_message(m, r.id, r.len);
        peer_gone = send_message(m) < 0;
    }
    free(m);
    return NULL;
}

void workers_start(int n)
{
    if (n < 1 || n > MAX_WORKERS)
        die(0, "--workers must be 1..%d", MAX_WORKERS);
    pool.n = n;
    for (int i = 0; i < n; i++) {
        int err = pthread_create(&pool.threads[i], NULL, worker_main, NULL);
        if (err)
            die(err, "pthread_create");
    }
}

void workers_submit(uint32_t id, uint32_t len)
{
    pthread_mutex_lock(&pool.mu);
    while (pool.count == QUEUE_LEN)
        pthread_cond_wait(&pool.room, &pool.mu);
    pool.q[(pool.head + pool.count) % QUEUE_LEN] = (struct req){ id, len };
    pool.count++;
    pthread_cond_signal(&pool.cv);
    pthread_mutex_unlock(&pool.mu);
}

void workers_finish(void)
{
    pthread_mutex_lock(&pool.mu);
    pool.finishing = true;
    pthread_cond_broadcast(&pool.cv);
    pthread_mutex_unlock(&pool.mu);
    for (int i = 0; i < pool.n; i++)
        pthread_join(pool.threads[i], NULL);
}
