#include "patcher.h"

#include <asm/prctl.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/tsc.h"
#include "patching/exe_code.h"
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

/* Can image im's stubs go in tid where they were built to go? */
static int fits(pid_t tid, const struct yield_image *im, uint64_t at)
{
	uint64_t free_at;
	if (at)
		return im->region == at;
	return !im->region ||
	       (exe_free_below(tid, im->region + im->region_len + 4096, im->region_len,
			       im->region, &free_at) == 0 && free_at == im->region);
}

/* The image of the file mapped at addr, built once per key and place: its
 * index (1-based), or 0 if the file cannot be read. */
static int image_for(struct patcher *p, pid_t tid, uint64_t addr, uint64_t at,
		     struct err *e)
{
	struct yield_key key;
	if (yield_key_of(tid, addr, &key) < 0)
		return 0; /* not a file we can read: no sites */
	size_t i = 0;
	while (i < p->nimages &&
	       (memcmp(&p->images[i].key, &key, sizeof key) || !fits(tid, &p->images[i], at)))
		i++;
	if (i == p->nimages) {
		void *v = realloc(p->images, (p->nimages + 1) * sizeof *p->images);
		if (!v)
			return err_set(e, "out of memory");
		p->images = v;
		struct yield_image *im = &p->images[i];
		if (yield_build(im, tid, addr, at, e) < 0)
			return err_wrap(e, "building the yield sites");
		im->key = key; /* (kept for an image without sites too) */
		p->nimages++;
	}
	return (int)i + 1;
}

/* Install image i (1-based) in tid and add it to set. */
static int install_image(struct patcher *p, pid_t tid, struct yield_set *set, int i,
			 struct err *e)
{
	const struct yield_image *im = &p->images[i - 1];
	if (!set->counter) {
		if (yield_map_counter(tid, p->gadget, e) < 0)
			return err_wrap(e, "installing the yield sites");
		set->counter = 1;
	}
	int memfd = open_mem(tid, e);
	if (memfd < 0)
		return -1;
	int rc = yield_apply(im, tid, memfd, p->gadget, e);
	close(memfd);
	if (rc < 0)
		return err_wrap(e, "installing the yield sites");
	set->img[set->n++] = i;
	return 0;
}

/* The exec'd image's yield sites, if this session uses them. */
static int install_yield_sites(struct patcher *p, pid_t tid, struct yield_set *set,
			       struct err *e)
{
	memset(set, 0, sizeof *set);
	if (!p->yield_sites)
		return 0;
	if (!p->gadget)
		return err_set(e, "no syscall instruction to map the yield sites with");
	uint64_t base = 0;
	char path[PATH_MAX];
	if (exe_find(tid, path, sizeof path, &base) < 0)
		return 0;
	/* (an executable exec'd again, a shell's commands, is built once) */
	int i = image_for(p, tid, base, 0, e);
	if (i <= 0)
		return i;
	return p->images[i - 1].region ? install_image(p, tid, set, i, e) : 0;
}

int patch_library_wanted(const char *path)
{
	static const char *const system_dirs[] = {"/lib/", "/lib64/", "/lib32/", "/usr/lib/",
						  "/usr/lib64/", "/usr/lib32/"};
	for (size_t i = 0; i < sizeof system_dirs / sizeof *system_dirs; i++)
		if (!strncmp(path, system_dirs[i], strlen(system_dirs[i])))
			return 0;
	return path[0] == '/';
}

int patch_library(struct patcher *p, pid_t tid, struct yield_set *set, uint64_t addr,
		  uint64_t at, uint64_t *region, uint64_t *digest, struct err *e)
{
	*region = *digest = 0;
	if (!p->yield_sites || set->n == YIELD_SET_MAX)
		return 0;
	if (!p->gadget)
		return err_set(e, "no syscall instruction to map the yield sites with");
	int i = image_for(p, tid, addr, at, e);
	if (i <= 0)
		return i;
	const struct yield_image *im = &p->images[i - 1];
	if (!im->region)
		return 0;
	if (install_image(p, tid, set, i, e) < 0)
		return -1;
	*region = im->region;
	*digest = im->digest;
	return 0;
}

int patch_mapping_changed(const struct patcher *p, struct yield_set *set, long nr,
			  const uint64_t *args, int64_t result, uint64_t *code_at)
{
	uint64_t start = nr == SYS_munmap ? args[0] : (uint64_t)result, len = args[1];
	int kept = 0, n = set->n;
	for (int k = 0; k < n; k++) {
		const struct yield_image *im = patch_image(p, set->img[k]);
		int covered = im && im->site[im->n - 1] >= start && im->site[0] < start + len;
		if (!covered)
			set->img[kept++] = set->img[k];
	}
	set->n = kept;
	int code = nr == SYS_mmap && (args[2] & PROT_EXEC) && !(args[3] & MAP_ANONYMOUS);
	*code_at = code ? start : 0;
	return kept != n;
}

const struct yield_image *patch_image(const struct patcher *p, int image)
{
	return image > 0 && (size_t)image <= p->nimages ? &p->images[image - 1] : NULL;
}

const struct yield_image *patch_stub_image(const struct patcher *p,
					   const struct yield_set *set, uint64_t rip)
{
	for (int k = 0; k < set->n; k++) {
		const struct yield_image *im = patch_image(p, set->img[k]);
		if (im && rip >= im->region && rip < im->region + im->region_len)
			return im;
	}
	return NULL;
}

int patch_is_site(const struct patcher *p, const struct yield_set *set, uint64_t addr)
{
	for (int k = 0; k < set->n; k++) {
		const struct yield_image *im = patch_image(p, set->img[k]);
		if (im && yield_is_site(im, addr))
			return 1;
	}
	return 0;
}

int patch_program_view(const struct patcher *p, const struct yield_set *set, pid_t tid,
		       struct user_regs_struct *r)
{
	const struct yield_image *im = patch_stub_image(p, set, r->rip);
	return im ? yield_program_view(im, tid, r) : 0;
}

uint64_t patch_breakpoint_address(const struct patcher *p, const struct yield_set *set,
				  uint64_t addr)
{
	for (int k = 0; k < set->n; k++) {
		const struct yield_image *im = patch_image(p, set->img[k]);
		uint64_t at = im ? yield_breakpoint_address(im, addr) : addr;
		if (at != addr)
			return at;
	}
	return addr;
}

void patch_original_bytes(const struct patcher *p, const struct yield_set *set,
			  uint64_t addr, uint8_t *buf, size_t len)
{
	for (int k = 0; k < set->n; k++) {
		const struct yield_image *im = patch_image(p, set->img[k]);
		if (im)
			yield_original_bytes(im, addr, buf, len);
	}
}

int patch_exec_done(struct patcher *p, pid_t tid, struct yield_set *set, struct err *e)
{
	if (install_yield_sites(p, tid, set, e) < 0)
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
