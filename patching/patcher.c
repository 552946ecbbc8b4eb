#include "patcher.h"

#include <asm/prctl.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/tsc.h"
#include "patching/inject.h"
#include "patching/vdso.h"

static int open_mem(pid_t tid, struct err *e)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/mem", tid);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return err_sys(e, "cannot open %s", path);
	return fd;
}

static int scan(struct patcher *p, int memfd, uint64_t start, uint64_t end,
		struct err *e)
{
	/* Every new executable mapping is scanned, even at an address seen
	 * before: after an exec or an munmap the code there is new. A scan of
	 * already patched code finds nothing more. */
	if (!p->cpuid_patching)
		return 0;
	uint64_t t0 = now_ns();
	int rc = cpuid_patch_range(memfd, start, end, &p->sites, e);
	p->scan_ns += now_ns() - t0;
	return rc;
}

/* Executable mappings other than the vDSO (which is patched separately). */
static int scan_all(struct patcher *p, pid_t tid, int memfd, struct err *e)
{
	char path[64], line[1024];
	snprintf(path, sizeof path, "/proc/%d/maps", tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return err_sys(e, "cannot read %s", path);
	int rc = 0;
	while (rc == 0 && fgets(line, sizeof line, f)) {
		unsigned long long s, en;
		char perms[8];
		if (sscanf(line, "%llx-%llx %7s", &s, &en, perms) != 3 ||
		    perms[2] != 'x' || strstr(line, "[vdso]") ||
		    strstr(line, "[vsyscall]"))
			continue;
		rc = scan(p, memfd, s, en, e);
	}
	fclose(f);
	return rc;
}

int patch_exec(struct patcher *p, pid_t tid, struct err *e)
{
	uint64_t base, len;
	int memfd = open_mem(tid, e);
	if (memfd < 0)
		return -1;
	int rc = vdso_find(tid, &base, &len, e);
	if (rc == 0)
		rc = vdso_patch(memfd, base, len, &p->gadget, e);
	if (rc == 0) {
		p->vdso_base = base;
		rc = scan_all(p, tid, memfd, e);
	}
	close(memfd);
	return rc < 0 ? err_wrap(e, "patching the program after exec") : 0;
}

/* The exec'd image's yield sites, if this session uses them. */
static int install_yield_sites(struct patcher *p, pid_t tid, struct err *e)
{
	p->last_image = 0;
	if (!p->yield_sites)
		return 0;
	if (!p->gadget)
		return err_set(e, "no syscall instruction to map the yield sites with");
	/* An executable exec'd again (a shell's commands) is built once */
	struct yield_key key;
	if (yield_key_of(tid, &key) < 0)
		return 0; /* not a file we can read: no sites */
	size_t i = 0;
	while (i < p->nimages && memcmp(&p->images[i].key, &key, sizeof key))
		i++;
	if (i == p->nimages) {
		void *v = realloc(p->images, (p->nimages + 1) * sizeof *p->images);
		if (!v)
			return err_set(e, "out of memory");
		p->images = v;
		struct yield_image *im = &p->images[i];
		if (yield_build(im, tid, e) < 0)
			return err_wrap(e, "building the yield sites");
		im->key = key; /* (kept for an image without sites too) */
		p->nimages++;
	}
	const struct yield_image *im = &p->images[i];
	if (!im->region)
		return 0;
	int memfd = open_mem(tid, e);
	if (memfd < 0)
		return -1;
	int rc = yield_apply(im, tid, memfd, p->gadget, e);
	close(memfd);
	if (rc < 0)
		return err_wrap(e, "installing the yield sites");
	p->last_image = (int)i + 1;
	return 0;
}

const struct yield_image *patch_image(const struct patcher *p, int image)
{
	return image > 0 && (size_t)image <= p->nimages ? &p->images[image - 1] : NULL;
}

int patch_exec_done(struct patcher *p, pid_t tid, struct err *e)
{
	if (install_yield_sites(p, tid, e) < 0)
		return -1;
	if (!p->cpuid_faulting)
		return 0;
	if (!p->gadget)
		return err_set(e, "no syscall instruction to turn CPUID faulting on");
	uint64_t args[6] = {ARCH_SET_CPUID, 0, 0, 0, 0, 0};
	int64_t rc;
	if (inject_syscall(tid, INJECT_AT_USER, p->gadget, SYS_arch_prctl, args,
			   &rc, e) < 0)
		return err_wrap(e, "turning CPUID faulting on");
	if (rc != 0)
		return err_set(e, "arch_prctl(ARCH_SET_CPUID, 0) failed in the "
			       "program: %s", strerror((int)-rc));
	return 0;
}

int patch_range(struct patcher *p, pid_t tid, uint64_t start, uint64_t len,
		struct err *e)
{
	if (!p->cpuid_patching)
		return 0;
	int memfd = open_mem(tid, e);
	if (memfd < 0)
		return -1;
	int rc = scan(p, memfd, start, start + len, e);
	close(memfd);
	return rc;
}

void patcher_free(struct patcher *p)
{
	cpuid_sites_free(&p->sites);
	for (size_t i = 0; i < p->nimages; i++)
		yield_image_free(&p->images[i]);
	free(p->images);
	memset(p, 0, sizeof *p);
}
