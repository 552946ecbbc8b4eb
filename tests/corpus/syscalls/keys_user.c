/* The kernel's key store: add_key of a "user" key into the process
 * keyring (gone with the process), keyctl DESCRIBE and READ (the full
 * size returned, with a buffer too small, with none, with room), UPDATE
 * then READ again, SEARCH finding it by description, request_key of an
 * absent key (ENOKEY: no callout asked for), REVOKE, and a READ after it
 * (EKEYREVOKED), and KEYCTL_CAPABILITIES (what the kernel supports, in
 * a buffer of 2 bytes). Serial numbers are compared, not printed.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define KEY_SPEC_PROCESS_KEYRING (-2)
enum { KEYCTL_UPDATE = 2, KEYCTL_REVOKE = 3, KEYCTL_DESCRIBE = 6,
       KEYCTL_SEARCH = 10, KEYCTL_READ = 11, KEYCTL_CAPABILITIES = 31 };

static const char *en(long r)
{
	return r < 0 ? strerrorname_np(errno) : "";
}

int main(void)
{
	const char *payload = "first payload";
	long key = syscall(SYS_add_key, "user", "heisen:corpus", payload,
			   strlen(payload), KEY_SPEC_PROCESS_KEYRING);
	if (key < 0) {
		printf("add_key: %s\n", en(key));
		return 1;
	}
	char desc[128] = "", buf[64];
	long r = syscall(SYS_keyctl, KEYCTL_DESCRIBE, key, desc, sizeof desc);
	printf("describe: %ld \"%s\"\n", r, r > 0 ? desc : "");
	r = syscall(SYS_keyctl, KEYCTL_READ, key, NULL, 0);
	printf("read, no buffer: %ld\n", r);
	memset(buf, '.', sizeof buf);
	r = syscall(SYS_keyctl, KEYCTL_READ, key, buf, sizeof buf);
	printf("read: %ld \"%.*s\"\n", r, r > 0 ? (int)r : 0, buf);
	const char *second = "second, longer payload";
	r = syscall(SYS_keyctl, KEYCTL_UPDATE, key, second, strlen(second));
	printf("update: %ld %s\n", r, en(r));
	memset(buf, '.', sizeof buf);
	r = syscall(SYS_keyctl, KEYCTL_READ, key, buf, sizeof buf);
	printf("read again: %ld \"%.*s\"\n", r, r > 0 ? (int)r : 0, buf);
	r = syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, "user",
		    "heisen:corpus", 0);
	printf("search finds the key: %s\n", r == key ? "yes" : "no");
	errno = 0;
	r = syscall(SYS_request_key, "user", "heisen:absent", NULL, 0);
	printf("request_key absent: %ld %s\n", r, en(r));
	r = syscall(SYS_keyctl, KEYCTL_REVOKE, key);
	printf("revoke: %ld %s\n", r, en(r));
	errno = 0;
	r = syscall(SYS_keyctl, KEYCTL_READ, key, buf, sizeof buf);
	printf("read revoked: %ld %s\n", r, en(r));
	unsigned char caps[2] = { 0, 0 };
	r = syscall(SYS_keyctl, KEYCTL_CAPABILITIES, caps, sizeof caps);
	printf("capabilities: %ld, first byte %#x\n", r, caps[0]);
	errno = 0;
	r = syscall(SYS_keyctl, 999, 0, 0, 0, 0);
	printf("command 999: %ld %s\n", r, en(r));
	return 0;
}
