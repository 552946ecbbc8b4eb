/* Kind: state machine that needs 3 preemptions to fail
 *
 * A client thread and a server thread drive a shared resource state.
 * Every transition is atomic (step() checks and changes the state under
 * a mutex), but each thread's SEQUENCE of transitions is not:
 *     client: C1 request  IDLE -> REQUESTED
 *             C2 use      GRANTED -> IN_USE
 *             C3 release  IN_USE -> IDLE
 *     server: S1 grant    REQUESTED -> GRANTED
 *             S2 expire   GRANTED -> IDLE (a grant not taken up);
 *                         finding IN_USE here is the bug
 * A step only fires if the state is the one it expects, so almost every
 * interleaving is harmless.
 *
 * Failing interleaving (the only one): C1 | S1 | C2 | S2, i.e. the client
 * preempted right after C1, the server right after S1, and the client
 * again right after C2, before its release C3: three preemptions, each
 * between two particular critical sections. The server then expires a
 * grant in use: "BUG: server expired a grant that is in use".
 *
 * Natively the client's three steps run back to back before the server
 * thread has started.
 *
 * FIXED: each thread runs its whole sequence in one critical section, so
 * the two sequences cannot interleave.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { IDLE, REQUESTED, GRANTED, IN_USE };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int state = IDLE;

/* One transition: from -> to if the state is `from`. The caller holds the
 * lock. */
static void transition(int from, int to)
{
	if (state == from)
		state = to;
}

/* The server's expiry, S2. The caller holds the lock. */
static void expire(void)
{
	if (state == GRANTED)
		state = IDLE;
	else if (state == IN_USE) {
		fprintf(stderr, "BUG: server expired a grant that is in use\n");
		exit(1);
	}
}

#ifdef FIXED
#define STEP(call) call			/* inside the thread's one critical section */
#else
/* Each step its own critical section. */
#define STEP(call)                           \
	do {                                 \
		pthread_mutex_lock(&lock);   \
		call;                        \
		pthread_mutex_unlock(&lock); \
	} while (0)
#endif

static void *client(void *arg)
{
	(void)arg;
#ifdef FIXED
	pthread_mutex_lock(&lock);
#endif
	STEP(transition(IDLE, REQUESTED));	/* C1 */
	STEP(transition(GRANTED, IN_USE));	/* C2 */
	STEP(transition(IN_USE, IDLE));		/* C3 */
#ifdef FIXED
	pthread_mutex_unlock(&lock);
#endif
	return NULL;
}

static void *server(void *arg)
{
	(void)arg;
#ifdef FIXED
	pthread_mutex_lock(&lock);
#endif
	STEP(transition(REQUESTED, GRANTED));	/* S1 */
	STEP(expire());				/* S2 */
#ifdef FIXED
	pthread_mutex_unlock(&lock);
#endif
	return NULL;
}

int main(void)
{
	pthread_t c, s;
	pthread_create(&c, NULL, client, NULL);
	pthread_create(&s, NULL, server, NULL);
	pthread_join(c, NULL);
	pthread_join(s, NULL);
	printf("ok steps=5\n");
	return 0;
}
