/* Kind: ABA on a lock-free stack
 *
 * A Treiber stack of POOL nodes (indices into a static pool, so nothing is
 * really freed): `top` is one 64-bit word holding a tag and the index of
 * the top node, and pop() is
 *     old = top; next = pool[old].next; CAS(top, old, {tag, next})
 * Two threads each loop: pop a, pop b, push a, push b. The buggy stack
 * never changes the tag, so the CAS only compares the index.
 *
 * Failing interleaving: thread 1 loads top = A and A's next = B and is
 * preempted before its CAS; thread 2 pops A, pops B and pushes A back
 * (A is on top again, now above C); thread 1's CAS still sees A on top
 * and succeeds, setting top to B, a node thread 2 holds. The stack is
 * corrupt: a later pop takes B twice, "BUG: popped a node that is not on
 * the stack", or nodes go missing, "BUG: stack holds N nodes".
 *
 * Natively thread 1's window is a few instructions and the two threads
 * barely overlap.
 *
 * FIXED: every successful push and pop adds 1 to the tag, so a CAS that
 * read the top before any change fails and retries.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { POOL = 4, ITERS = 200, THREADS = 2, MAX_TRIES = 1000000 };
enum { ON_STACK = 1, HELD = 2 };
#define NIL 0xffffffffu

#ifdef FIXED
#define TAG_STEP 1u
#else
#define TAG_STEP 0u	/* the bug: the tag never changes */
#endif

struct node {
	uint32_t next;	/* index of the node below, or NIL */
	int state;	/* ON_STACK or HELD, to catch corruption */
};

static struct node pool[POOL];
static uint64_t top;	/* (tag << 32) | index of the top node */
static unsigned long cas_attempts[THREADS];	/* statistics */

static uint64_t pack(uint32_t tag, uint32_t idx)
{
	return (uint64_t)tag << 32 | idx;
}

static void bug_exit(const char *what, unsigned idx)
{
	fprintf(stderr, "BUG: %s (node %u)\n", what, idx);
	exit(1);
}

static uint32_t pop(int me)
{
	for (int tries = 0; tries < MAX_TRIES; tries++) {
		uint64_t old = __atomic_load_n(&top, __ATOMIC_SEQ_CST);
		uint32_t idx = (uint32_t)old;
		if (idx == NIL)
			bug_exit("stack empty: nodes were lost", idx);
		uint32_t next = __atomic_load_n(&pool[idx].next, __ATOMIC_SEQ_CST);
		cas_attempts[me]++;
		if (__atomic_compare_exchange_n(&top, &old, pack((uint32_t)(old >> 32) + TAG_STEP, next),
						0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
			if (__atomic_exchange_n(&pool[idx].state, HELD, __ATOMIC_SEQ_CST) != ON_STACK)
				bug_exit("popped a node that is not on the stack", idx);
			return idx;
		}
	}
	bug_exit("pop: CAS kept failing", 0);
	return NIL;
}

static void push(int me, uint32_t idx)
{
	__atomic_store_n(&pool[idx].state, ON_STACK, __ATOMIC_SEQ_CST);
	for (int tries = 0; tries < MAX_TRIES; tries++) {
		uint64_t old = __atomic_load_n(&top, __ATOMIC_SEQ_CST);
		__atomic_store_n(&pool[idx].next, (uint32_t)old, __ATOMIC_SEQ_CST);
		cas_attempts[me]++;
		if (__atomic_compare_exchange_n(&top, &old, pack((uint32_t)(old >> 32) + TAG_STEP, idx),
						0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return;
	}
	bug_exit("push: CAS kept failing", idx);
}

static void *worker(void *arg)
{
	int me = (int)(long)arg;
	for (int i = 0; i < ITERS; i++) {
		uint32_t a = pop(me);
		uint32_t b = pop(me);
		push(me, a);
		push(me, b);
	}
	return NULL;
}

int main(void)
{
	/* pool[0] on top, then 1, 2, 3 */
	for (uint32_t i = 0; i < POOL; i++) {
		pool[i].next = i + 1 < POOL ? i + 1 : NIL;
		pool[i].state = ON_STACK;
	}
	top = pack(0, 0);
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	/* Walk the stack (at most POOL + 1 steps: a cycle shows as too many). */
	int count = 0;
	for (uint32_t idx = (uint32_t)top; idx != NIL && count <= POOL; idx = pool[idx].next) {
		if (pool[idx].state != ON_STACK)
			bug_exit("a node on the stack is marked held", idx);
		count++;
	}
	if (count != POOL) {
		fprintf(stderr, "BUG: stack holds %s%d nodes, expected %d\n", count > POOL ? "more than " : "",
			count > POOL ? POOL : count, POOL);
		return 1;
	}
	printf("ok nodes=%d\n", count);
	return 0;
}
