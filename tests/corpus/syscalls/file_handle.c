/* File handles: name_to_handle_at with no room for the handle (EOVERFLOW,
 * and the header then says the size needed), again with room (the handle
 * and the mount id stored), open_by_handle_at of it through a directory
 * on the same file system (root: CAP_DAC_READ_SEARCH) reading the file's
 * bytes, and a path that does not exist (ENOENT).
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char path[] = "/tmp/heisen-handle-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, "handle bytes\n", 13) != 13)
		return 1;
	close(fd);
	struct file_handle *fh = malloc(sizeof *fh + MAX_HANDLE_SZ);
	int mount_id = -1, mount_id2 = -2;
	fh->handle_bytes = 0;
	errno = 0;
	int r = name_to_handle_at(AT_FDCWD, path, fh, &mount_id, 0);
	printf("no room: %d %s, size needed nonzero: %s\n", r,
	       strerrorname_np(errno), fh->handle_bytes ? "yes" : "no");
	unsigned need = fh->handle_bytes;
	fh->handle_bytes = MAX_HANDLE_SZ;
	r = name_to_handle_at(AT_FDCWD, path, fh, &mount_id2, 0);
	printf("with room: %d, size as said: %s, same mount id: %s\n", r,
	       fh->handle_bytes == need ? "yes" : "no",
	       mount_id == mount_id2 ? "yes" : "no");
	int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
	int back = open_by_handle_at(dir, fh, O_RDONLY);
	char buf[32] = "";
	if (back >= 0 && read(back, buf, sizeof buf - 1) < 0)
		return 1;
	printf("open_by_handle_at: %s, reads: %s", back >= 0 ? "ok" :
	       strerrorname_np(errno), buf[0] ? buf : "nothing\n");
	unlink(path);
	fh->handle_bytes = MAX_HANDLE_SZ;
	errno = 0;
	r = name_to_handle_at(AT_FDCWD, path, fh, &mount_id, 0);
	printf("after unlink: %d %s\n", r, strerrorname_np(errno));
	free(fh);
	return 0;
}
