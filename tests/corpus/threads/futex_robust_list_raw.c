/* A robust list registered by hand with set_robust_list: a thread puts
 * two futex words it "owns" (holding its tid) on it and exits; the
 * kernel must set FUTEX_OWNER_DIED in both and wake the waiter blocked
 * on one of them. get_robust_list reads the registration back.
 * corpus: native=same */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

struct lock {
	struct robust_list link;
	int word;
};

static struct robust_list_head head;
static struct lock l1, l2;
static int tid_seen;
static int ready[2];

static void *owner(void *arg)
{
	(void)arg;
	int tid = (int)syscall(SYS_gettid);
	l1.word = tid | FUTEX_WAITERS;
	l2.word = tid;
	head.list.next = &l1.link;
	l1.link.next = &l2.link;
	l2.link.next = &head.list;
	head.futex_offset = offsetof(struct lock, word) - offsetof(struct lock, link);
	head.list_op_pending = NULL;
	if (syscall(SYS_set_robust_list, &head, sizeof head) != 0)
		return (void *)1;
	struct robust_list_head *got;
	size_t len;
	syscall(SYS_get_robust_list, 0, &got, &len);
	tid_seen = got == &head && len == sizeof head;
	if (write(ready[1], "r", 1) != 1)
		return (void *)1;
	syscall(SYS_exit, 0); /* not pthread_exit: nothing of glibc's runs */
	return NULL;
}

int main(void)
{
	if (pipe(ready) < 0)
		return 1;
	pthread_t t;
	pthread_create(&t, NULL, owner, NULL);
	char c;
	if (read(ready[0], &c, 1) != 1)
		return 1;
	/* block on l1 until its owner's death changes it */
	for (int i = 0; i < 1000; i++) {
		int v = __atomic_load_n(&l1.word, __ATOMIC_SEQ_CST);
		if (v & FUTEX_OWNER_DIED)
			break;
		syscall(SYS_futex, &l1.word, FUTEX_WAIT, v, NULL, NULL, 0);
	}
	/* the kernel walks the whole list before it clears the thread's tid
	 * word, which is what pthread_join waits for */
	pthread_join(t, NULL);
	printf("get_robust_list returned our head: %s\n", tid_seen ? "yes" : "no");
	printf("l1: owner died bit %s, tid cleared %s, waiters bit %s\n",
	       l1.word & FUTEX_OWNER_DIED ? "set" : "clear",
	       (l1.word & FUTEX_TID_MASK) == 0 ? "yes" : "no",
	       l1.word & FUTEX_WAITERS ? "set" : "clear");
	printf("l2: owner died bit %s, tid cleared %s\n",
	       l2.word & FUTEX_OWNER_DIED ? "set" : "clear",
	       (l2.word & FUTEX_TID_MASK) == 0 ? "yes" : "no");
	return !((l1.word & FUTEX_OWNER_DIED) && (l2.word & FUTEX_OWNER_DIED));
}
