/* Landlock: the ABI version (landlock_create_ruleset with
 * LANDLOCK_CREATE_RULESET_VERSION), then a child makes a ruleset that
 * handles reading files, allows it beneath /usr only
 * (landlock_add_rule with a path-beneath rule), restricts itself
 * (no_new_privs, landlock_restrict_self) and tries to read a file under
 * /usr (allowed) and /etc/hostname (EACCES). The parent, not restricted,
 * still reads /etc/hostname. A bad ruleset attribute gives EFAULT.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/landlock.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *en(long r)
{
	return r < 0 ? strerrorname_np(errno) : "ok";
}

static int try_open(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	printf("  open %s: %s\n", path, en(fd));
	if (fd >= 0)
		close(fd);
	return fd >= 0;
}

int main(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			   LANDLOCK_CREATE_RULESET_VERSION);
	printf("landlock ABI at least 1: %s\n", abi >= 1 ? "yes" : en(abi));
	if (abi < 1)
		return 0;
	errno = 0;
	long r = syscall(SYS_landlock_create_ruleset, (void *)8,
			 sizeof(struct landlock_ruleset_attr), 0);
	printf("bad attribute: %ld %s\n", r, en(r));
	fflush(stdout);
	pid_t c = fork();
	if (c == 0) {
		struct landlock_ruleset_attr attr = {
			.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE,
		};
		int rs = (int)syscall(SYS_landlock_create_ruleset, &attr,
				      sizeof attr, 0);
		struct landlock_path_beneath_attr beneath = {
			.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE,
			.parent_fd = open("/usr", O_PATH | O_CLOEXEC),
		};
		printf("child: ruleset %s\n", en(rs));
		r = syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH,
			    &beneath, 0);
		printf("child: add rule %s\n", en(r));
		prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
		r = syscall(SYS_landlock_restrict_self, rs, 0);
		printf("child: restrict self %s\n", en(r));
		int ok = try_open("/usr/include/stdio.h") &&
			 !try_open("/etc/hostname");
		fflush(stdout);
		_exit(ok ? 0 : 1);
	}
	int st;
	waitpid(c, &st, 0);
	printf("child exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	printf("parent:\n");
	try_open("/etc/hostname");
	return 0;
}
