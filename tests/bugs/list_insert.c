/* Kind: lost insertion into a shared linked list
 *
 * Two threads insert 30 keys each (one the even keys, one the odd keys)
 * into one sorted singly-linked list with no lock: find the node `prev`
 * after which the key belongs, set new->next = prev->next, then
 * prev->next = new. Nodes come from a static array.
 *
 * Failing interleaving: thread A finds `prev` and sets its new node's
 * next, and is preempted before linking it in; thread B inserts a node
 * right after the same `prev`; A resumes and overwrites prev->next with
 * its node, whose next is the OLD successor: B's node is unlinked, "BUG:
 * list holds 59 nodes".
 *
 * Natively the first thread's inserts are done before the second thread
 * starts.
 *
 * FIXED: a mutex around each insert.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { PER_THREAD = 30, NODES = 2 * PER_THREAD };

struct node {
	int key;
	struct node *volatile next;
};

static struct node head = { -1, NULL };	/* sentinel */
static struct node nodes[NODES];
#ifdef FIXED
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
#endif

static void insert(struct node *n)
{
#ifdef FIXED
	pthread_mutex_lock(&lock);
#endif
	struct node *prev = &head;
	/* At most NODES steps: the list never holds more. */
	for (int steps = 0; steps < NODES && prev->next && prev->next->key < n->key; steps++)
		prev = prev->next;
	n->next = prev->next;
	prev->next = n;		/* may overwrite another thread's link */
#ifdef FIXED
	pthread_mutex_unlock(&lock);
#endif
}

static void *inserter(void *arg)
{
	int parity = (int)(long)arg;
	for (int i = 0; i < PER_THREAD; i++) {
		int key = 2 * i + parity;
		nodes[key].key = key;
		insert(&nodes[key]);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[2];
	for (long i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, inserter, (void *)i);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	int count = 0, last = -1;
	for (struct node *n = head.next; n && count <= NODES; n = n->next) {
		if (n->key <= last) {
			fprintf(stderr, "BUG: list out of order at key %d\n", n->key);
			return 1;
		}
		last = n->key;
		count++;
	}
	if (count != NODES) {
		fprintf(stderr, "BUG: list holds %d nodes, expected %d\n", count, NODES);
		return 1;
	}
	printf("ok nodes=%d\n", count);
	return 0;
}
