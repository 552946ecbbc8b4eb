/* SysV shared memory segments without attaching them: shmget of three
 * pages, shmctl IPC_STAT (size, attachments, mode), IPC_SET of the mode,
 * IPC_INFO (shmmax, shmmni) and SHM_INFO, SHM_LOCK and SHM_UNLOCK
 * (root), a second shmget of the same key with IPC_EXCL (EEXIST), one
 * larger than the segment (EINVAL), IPC_RMID, and IPC_STAT after it
 * (EINVAL).
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/shm.h>
#include <unistd.h>

static void show(const char *what, long r)
{
	printf("%-26s %ld %s\n", what, r, r < 0 ? strerrorname_np(errno) : "");
	errno = 0;
}

int main(void)
{
	/* a key of our own from the pid, removed before we go */
	key_t key = (key_t)(0x4e150000 | (getpid() & 0xffff));
	int id = shmget(key, 3 * 4096, IPC_CREAT | IPC_EXCL | 0600);
	if (id < 0) {
		perror("shmget");
		return 1;
	}
	struct shmid_ds ds;
	memset(&ds, 0, sizeof ds);
	long r = shmctl(id, IPC_STAT, &ds);
	show("IPC_STAT", r);
	printf("size %zu, attached %lu, mode %o\n", ds.shm_segsz,
	       (unsigned long)ds.shm_nattch, ds.shm_perm.mode & 0777);
	ds.shm_perm.mode = 0640;
	show("IPC_SET", shmctl(id, IPC_SET, &ds));
	shmctl(id, IPC_STAT, &ds);
	printf("mode now %o\n", ds.shm_perm.mode & 0777);
	struct shminfo info;
	r = shmctl(id, IPC_INFO, (struct shmid_ds *)&info);
	printf("IPC_INFO: %s, shmmax nonzero %s, shmmni nonzero %s\n",
	       r >= 0 ? "ok" : strerrorname_np(errno),
	       info.shmmax ? "yes" : "no", info.shmmni ? "yes" : "no");
	struct shm_info si;
	r = shmctl(id, SHM_INFO, (struct shmid_ds *)&si);
	printf("SHM_INFO: %s, segments in use: %s\n",
	       r >= 0 ? "ok" : strerrorname_np(errno),
	       si.used_ids >= 1 ? "at least ours" : "none?");
	show("SHM_LOCK", shmctl(id, SHM_LOCK, NULL));
	shmctl(id, IPC_STAT, &ds);
	printf("locked flag: %s\n", ds.shm_perm.mode & SHM_LOCKED ? "yes" : "no");
	show("SHM_UNLOCK", shmctl(id, SHM_UNLOCK, NULL));
	show("same key, IPC_EXCL", shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600));
	show("same key, larger", shmget(key, 8 * 4096, 0600));
	show("same key, smaller", shmget(key, 4096, 0600) == id ? 0 : -1);
	show("IPC_RMID", shmctl(id, IPC_RMID, NULL));
	show("IPC_STAT after", shmctl(id, IPC_STAT, &ds));
	return 0;
}
