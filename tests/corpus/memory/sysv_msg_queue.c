/* A SysV message queue between parent and child: the child sends twelve
 * messages of types 1, 2 and 3 and a 64-byte one of type 9, and exits;
 * the parent checks msg_qnum with IPC_STAT and receives by type: all of
 * type 2 first (in their order), then type <= 1 (msgtyp -1), then any
 * (0) with a buffer too small for the last one, so E2BIG, and then
 * MSG_NOERROR truncates it; an empty queue with IPC_NOWAIT gives ENOMSG.
 * The queue is removed with IPC_RMID (also at exit on failure).
 * corpus: native=same */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

struct msg {
	long type;
	char text[64];
};

static int id = -1;

static void remove_queue(void)
{
	if (id >= 0)
		msgctl(id, IPC_RMID, NULL);
}

static int recv(long type, int flags, struct msg *m, size_t size)
{
	ssize_t n;
	do
		n = msgrcv(id, m, size, type, flags);
	while (n < 0 && errno == EINTR);
	return (int)n;
}

int main(void)
{
	id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (id < 0) {
		perror("msgget");
		return 1;
	}
	atexit(remove_queue);
	int ok = 1;
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		for (int i = 0; i < 12; i++) {
			struct msg m = { .type = i % 3 + 1 };
			snprintf(m.text, sizeof m.text, "message %d of type %ld", i, m.type);
			if (msgsnd(id, &m, strlen(m.text) + 1, 0) < 0)
				_exit(3);
		}
		struct msg big = { .type = 9 };
		memset(big.text, 'L', sizeof big.text - 1);
		if (msgsnd(id, &big, sizeof big.text, 0) < 0)
			_exit(4);
		_exit(0);
	}
	/* the first message (blocking) may arrive before the child is done */
	struct msg m;
	int n = recv(2, 0, &m, sizeof m.text);
	printf("type 2 : %s (%d bytes)\n", m.text, n);
	int st;
	waitpid(c, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		ok = 0;
	struct msqid_ds ds;
	msgctl(id, IPC_STAT, &ds);
	printf("child exit %d, %lu of its 13 messages still queued\n",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1, (unsigned long)ds.msg_qnum);
	if (ds.msg_qnum != 12)
		ok = 0;
	while (recv(2, IPC_NOWAIT, &m, sizeof m.text) > 0)
		printf("type 2 : %s\n", m.text);
	while (recv(-1, IPC_NOWAIT, &m, sizeof m.text) > 0)
		printf("type<=1: %s\n", m.text);
	int count = 0;
	while (recv(0, IPC_NOWAIT, &m, sizeof m.text - 1) > 0 && count++ < 20)
		printf("any    : %s\n", m.text);
	errno = 0;
	n = recv(0, IPC_NOWAIT, &m, 10);
	printf("64-byte message into 10 bytes: %d %s\n", n, errno == E2BIG ? "E2BIG" : "?");
	if (n != -1 || errno != E2BIG)
		ok = 0;
	n = recv(0, IPC_NOWAIT | MSG_NOERROR, &m, 10);
	printf("with MSG_NOERROR: %d bytes of type %ld, \"%.10s\"\n", n, m.type, m.text);
	if (n != 10 || m.type != 9)
		ok = 0;
	errno = 0;
	n = recv(0, IPC_NOWAIT, &m, sizeof m.text);
	printf("empty queue: %d %s\n", n, errno == ENOMSG ? "ENOMSG" : "?");
	if (n != -1 || errno != ENOMSG || count != 4)
		ok = 0;
	if (msgctl(id, IPC_RMID, NULL) < 0) {
		perror("IPC_RMID");
		ok = 0;
	}
	id = -1;
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}
