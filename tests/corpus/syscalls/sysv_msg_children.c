/* SysV message queues between a parent and a child: the parent blocks in
 * msgrcv before the child has sent anything; the child sends messages of
 * types 1 to 3, the parent takes type 3 first, then the lowest type up to
 * 2 (msgtyp -2), then any; msgctl IPC_STAT counts the queue, IPC_SET
 * makes it small (msg_qbytes 64), and a child's msgsnd then blocks until
 * the parent drains the queue; MSG_INFO and IPC_INFO agree on the
 * limits; MSG_NOERROR truncates, IPC_NOWAIT on an empty queue is ENOMSG,
 * and a child blocked in msgrcv when the queue is removed gets EIDRM.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

struct msg {
	long type;
	char text[48];
};

static int q = -1;

static int reap(pid_t c)
{
	int st;
	return waitpid(c, &st, 0) == c && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void send_text(long type, const char *text)
{
	struct msg m = { .type = type };
	snprintf(m.text, sizeof m.text, "%s", text);
	if (msgsnd(q, &m, strlen(m.text) + 1, 0) < 0)
		_exit(2);
}

static void recv_show(long type, int flags, size_t room)
{
	struct msg m;
	memset(&m, 0, sizeof m);
	errno = 0;
	ssize_t n = msgrcv(q, &m, room, type, flags);
	if (n < 0)
		printf("msgrcv(%ld): %s\n", type, strerrorname_np(errno));
	else
		printf("msgrcv(%ld): type %ld, %zd bytes \"%.*s\"\n", type, m.type,
		       n, (int)n, m.text);
}

static unsigned long qnum(void)
{
	struct msqid_ds ds;
	return msgctl(q, IPC_STAT, &ds) == 0 ? (unsigned long)ds.msg_qnum : 999;
}

int main(void)
{
	q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (q < 0) {
		perror("msgget");
		return 1;
	}
	fflush(stdout);
	pid_t c = fork();
	if (c == 0) {
		usleep(20000); /* the parent is asleep in msgrcv by now */
		send_text(2, "two");
		send_text(1, "one");
		send_text(3, "three");
		send_text(1, "one again");
		_exit(0);
	}
	recv_show(3, 0, sizeof(struct msg) - sizeof(long));
	printf("child exit %d\n", reap(c));
	printf("queued: %lu\n", qnum());
	recv_show(-2, 0, sizeof(struct msg) - sizeof(long));
	recv_show(0, 0, sizeof(struct msg) - sizeof(long));
	recv_show(0, MSG_NOERROR, 3);
	printf("queued: %lu\n", qnum());
	recv_show(0, IPC_NOWAIT, sizeof(struct msg) - sizeof(long));

	struct msqid_ds ds;
	msgctl(q, IPC_STAT, &ds);
	ds.msg_qbytes = 64;
	printf("IPC_SET qbytes 64: %d\n", msgctl(q, IPC_SET, &ds));
	msgctl(q, IPC_STAT, &ds);
	printf("qbytes now %lu\n", (unsigned long)ds.msg_qbytes);
	fflush(stdout);
	c = fork();
	if (c == 0) {
		/* 3 x 30 bytes: the third waits for room */
		for (int i = 0; i < 3; i++)
			send_text(10 + i, "thirty bytes of text, padded.");
		_exit(0);
	}
	for (int i = 0; i < 2000 && qnum() < 2; i++)
		usleep(1000);
	printf("queue full at: %lu\n", qnum());
	for (int i = 0; i < 3; i++)
		recv_show(0, 0, sizeof(struct msg) - sizeof(long));
	printf("filler exit %d\n", reap(c));

	struct msginfo a, b;
	int r1 = msgctl(0, IPC_INFO, (struct msqid_ds *)&a);
	int r2 = msgctl(0, MSG_INFO, (struct msqid_ds *)&b);
	printf("IPC_INFO and MSG_INFO agree on msgmax, msgmnb: %s\n",
	       r1 >= 0 && r2 >= 0 && a.msgmax == b.msgmax && a.msgmnb == b.msgmnb ?
	       "yes" : "no");
	fflush(stdout);
	c = fork();
	if (c == 0) {
		struct msg m;
		ssize_t n = msgrcv(q, &m, sizeof m.text, 0, 0);
		_exit(n < 0 && errno == EIDRM ? 30 : 1);
	}
	usleep(20000);
	printf("IPC_RMID: %d\n", msgctl(q, IPC_RMID, NULL));
	printf("waiter exit %d (30: EIDRM)\n", reap(c));
	return 0;
}
