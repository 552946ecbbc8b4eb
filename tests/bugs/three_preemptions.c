/* Kind: state machine that needs 3 preemptions to fail
 *
 * A client thread and a server thread drive a shared resource state with
 * plain loads and stores:
 *     client: C1 request  IDLE -> REQUESTED
 *             C2 use      GRANTED -> IN_USE
 *             C3 release  IN_USE -> IDLE
 *     server: S1 grant    REQUESTED -> GRANTED
 *             S2 expire   GRANTED -> IDLE (a grant not taken up);
 *                         finding IN_USE here is the bug
 * Each step only fires if the state is the one it expects, so almost
 * every interleaving is harmless.
 *
 * Failing interleaving (the only one): C1 | S1 | C2 | S2, i.e. the client
 * preempted right after C1, the server right after S1, and the client
 * again right after C2, before its release C3: three preemptions, each at
 * one particular point. The server then expires a grant in use: "BUG:
 * server expired a grant that is in use".
 *
 * Natively the client's three steps run back to back before the server
 * thread has started.
 *
 * FIXED: each thread runs its steps in one critical section of a shared
 * mutex, so the two sequences cannot interleave.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { IDLE, REQUESTED, GRANTED, IN_USE };

static volatile int state = IDLE;
#ifdef FIXED
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
#endif

static void *client(void *arg)
{
	(void)arg;
#ifdef FIXED
	pthread_mutex_lock(&lock);
#endif
	if (state == IDLE)		/* C1 */
		state = REQUESTED;
	if (state == GRANTED)		/* C2 */
		state = IN_USE;
	if (state == IN_USE)		/* C3 */
		state = IDLE;
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
	if (state == REQUESTED)		/* S1 */
		state = GRANTED;
	int s = state;			/* S2 */
	if (s == GRANTED)
		state = IDLE;
	else if (s == IN_USE) {
		fprintf(stderr, "BUG: server expired a grant that is in use\n");
		exit(1);
	}
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
