/* File ioctls on a file of three 4 KiB blocks written in /tmp: FIGETBSZ,
 * FIONREAD (the bytes left from the offset), FIOQSIZE, FS_IOC_GETFLAGS
 * (an int, though declared with a long), FS_IOC_FIEMAP with room for
 * extents (the kernel fills fm_mapped_extents of them), FIEMAP with
 * fm_extent_count 0 (only counted), FIEMAP with an unknown flag (EBADR,
 * the header stored back all the same), FIBMAP of block 0 (needs
 * CAP_SYS_RAWIO: root), and FIONREAD on a directory (ENOTTY or EINVAL).
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static const char *en(long r)
{
	return r < 0 ? strerrorname_np(errno) : "ok";
}

int main(void)
{
	char path[] = "/tmp/heisen-ioctl-XXXXXX", block[4096];
	int fd = mkstemp(path);
	if (fd < 0)
		return 1;
	unlink(path);
	memset(block, 'h', sizeof block);
	for (int i = 0; i < 3; i++)
		if (write(fd, block, sizeof block) != (ssize_t)sizeof block)
			return 1;
	fsync(fd);
	lseek(fd, 1000, SEEK_SET);
	int bsz = -1, n = -1, flags = -1;
	long long qsize = -1;
	long r = ioctl(fd, FIGETBSZ, &bsz);
	printf("FIGETBSZ: %s %d\n", en(r), bsz);
	r = ioctl(fd, FIONREAD, &n);
	printf("FIONREAD: %s %d\n", en(r), n);
	r = ioctl(fd, FIOQSIZE, &qsize);
	printf("FIOQSIZE: %s %lld\n", en(r), qsize);
	r = ioctl(fd, FS_IOC_GETFLAGS, &flags);
	printf("FS_IOC_GETFLAGS: %s extents flag %d\n", en(r),
	       flags >= 0 && (flags & FS_EXTENT_FL) ? 1 : 0);
	struct {
		struct fiemap f;
		struct fiemap_extent e[8];
	} fm;
	memset(&fm, 0, sizeof fm);
	fm.f.fm_length = FIEMAP_MAX_OFFSET;
	fm.f.fm_flags = FIEMAP_FLAG_SYNC;
	fm.f.fm_extent_count = 8;
	r = ioctl(fd, FS_IOC_FIEMAP, &fm);
	unsigned long long bytes = 0;
	for (unsigned i = 0; i < fm.f.fm_mapped_extents && i < 8; i++)
		bytes += fm.e[i].fe_length;
	printf("FIEMAP: %s, extents cover %llu bytes, last flagged %s\n", en(r),
	       bytes, fm.f.fm_mapped_extents &&
	       (fm.e[fm.f.fm_mapped_extents - 1].fe_flags & FIEMAP_EXTENT_LAST) ?
	       "yes" : "no");
	unsigned mapped = fm.f.fm_mapped_extents;
	memset(&fm, 0, sizeof fm);
	fm.f.fm_length = FIEMAP_MAX_OFFSET;
	r = ioctl(fd, FS_IOC_FIEMAP, &fm);
	printf("FIEMAP count only: %s, same count: %s\n", en(r),
	       fm.f.fm_mapped_extents == mapped ? "yes" : "no");
	memset(&fm, 0, sizeof fm);
	fm.f.fm_length = FIEMAP_MAX_OFFSET;
	fm.f.fm_flags = 0x40000000;
	r = ioctl(fd, FS_IOC_FIEMAP, &fm);
	printf("FIEMAP unknown flag: %s, flags stored back %#x\n", en(r),
	       fm.f.fm_flags);
	int blk = 0;
	r = ioctl(fd, FIBMAP, &blk);
	printf("FIBMAP: %s, block %s\n", en(r), blk > 0 ? "nonzero" : "zero");
	int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
	r = ioctl(dir, FIONREAD, &n);
	printf("FIONREAD on a directory fails: %s\n", r < 0 ? "yes" : "no");
	return 0;
}
