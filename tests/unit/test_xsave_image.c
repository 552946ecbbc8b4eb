/* core/xsave_image.c: images made by this processor's XSAVEC and XSAVE
 * and by the kernel's signal delivery are found and zeroed whole, two
 * images that differ only in what the processor held in use digest the
 * same, and the bytes around them, and memory without images, are left
 * alone. The component table is checked against CPUID. */
#define _GNU_SOURCE
#include <cpuid.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>

#include "core/xsave_image.h"
#include "tests/unit/check.h"

#define LEGACY 512
#define AREA 16384
#define MARGIN 256

static uint64_t xcr0(void)
{
	uint32_t lo, hi;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return (uint64_t)hi << 32 | lo;
}

static int cpu_has_xsavec(void)
{
	unsigned a, b, c, d;
	return __get_cpuid_count(0xd, 1, &a, &b, &c, &d) && (a & 2);
}

/* Sizes per CPUID leaf 0xD for the components XCR0 enables. */
static uint64_t compacted_size_by_cpuid(uint64_t rfbm)
{
	uint64_t off = LEGACY + 64;
	for (unsigned i = 2; i < 63; i++) {
		if (!(rfbm >> i & 1))
			continue;
		unsigned a, b, c, d;
		__cpuid_count(0xd, i, a, b, c, d);
		if (c & 2)
			off = (off + 63) & ~63ull;
		off += a;
	}
	return off;
}

static uint64_t standard_size_by_cpuid(uint64_t rfbm)
{
	uint64_t end = LEGACY + 64;
	for (unsigned i = 2; i < 63; i++) {
		unsigned a, b, c, d;
		if (!(rfbm >> i & 1))
			continue;
		__cpuid_count(0xd, i, a, b, c, d);
		if (b + a > end)
			end = b + a;
	}
	return end;
}

static uint8_t area[2][AREA] __attribute__((aligned(64)));
static uint8_t init_image[4096] __attribute__((aligned(64)));

/* XSAVEC of the state components rfbm names into area[which] at offset
 * off, after putting the SSE state in its initial configuration (in_use
 * 0) or loading a value into xmm0 (in_use 1). XSAVEC writes only the
 * header's first two fields: the rest is cleared first, as ld.so does
 * (XRSTOR refuses an image whose reserved bytes are not zero). */
static void save_compacted(int which, size_t off, int in_use, uint64_t rfbm)
{
	uint32_t lo = (uint32_t)rfbm, hi = (uint32_t)(rfbm >> 32);
	memset(init_image, 0, sizeof init_image);
	uint32_t mxcsr = 0x1f80;
	memcpy(init_image + 24, &mxcsr, 4);
	__asm__ volatile("xrstor (%0)" ::"r"(init_image), "a"(6u), "d"(0u)
			 : "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7",
			   "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
	if (in_use)
		__asm__ volatile("movq %0, %%xmm0" ::"r"(0x1234ull) : "xmm0");
	memset(area[which] + off + LEGACY, 0, 64);
	__asm__ volatile("xsavec (%0)" ::"r"(area[which] + off), "a"(lo), "d"(hi) : "memory");
}

static void fill(uint8_t *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 131 + (i >> 7));
}

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void compacted_images(void)
{
	uint64_t rfbm = xcr0();
	uint64_t size = compacted_size_by_cpuid(rfbm);
	size_t off = MARGIN;
	CHECK(off + size + MARGIN <= AREA, "image of %llu bytes", (unsigned long long)size);
	for (int w = 0; w < 2; w++) {
		fill(area[w], AREA, 7); /* the same bytes around both images */
		save_compacted(w, off, w, rfbm);
	}
	uint64_t bv0, bv1;
	memcpy(&bv0, area[0] + off + LEGACY, 8);
	memcpy(&bv1, area[1] + off + LEGACY, 8);
	EXPECT(!(bv0 & 2) && (bv1 & 2), "XSTATE_BV 0x%llx and 0x%llx: SSE not shown initial, then in use",
	       (unsigned long long)bv0, (unsigned long long)bv1);
	EXPECT(memcmp(area[0], area[1], AREA) != 0, "the two images are the same before");
	uint8_t before[AREA];
	memcpy(before, area[1], AREA);
	for (int w = 0; w < 2; w++) {
		int n = xsave_blank_images(area[w], AREA, 0x7f0000001000ull);
		EXPECT(n == 1, "image %d: %d found", w, n);
	}
	EXPECT(memcmp(area[0], area[1], AREA) == 0, "the two images differ after blanking");
	EXPECT(all_zero(area[1] + off, size), "the image is not zeroed whole");
	EXPECT(memcmp(area[1], before, off) == 0, "bytes before the image changed");
	EXPECT(memcmp(area[1] + off + size, before + off + size, AREA - off - size) == 0,
	       "bytes after the image (%llu bytes) changed", (unsigned long long)size);

	/* a region that starts inside the image: its rest is zeroed */
	fill(area[0], AREA, 9);
	save_compacted(0, off, 1, rfbm);
	memcpy(before, area[0], AREA);
	size_t cut = off + 200;
	EXPECT(xsave_blank_images(area[0] + cut, AREA - cut, 0x7f0000001000ull + cut) == 1,
	       "image whose start lies before the region not found");
	EXPECT(all_zero(area[0] + cut, off + size - cut), "the image's rest is not zeroed");
	EXPECT(memcmp(area[0] + off + size, before + off + size, AREA - off - size) == 0,
	       "bytes after a cut image changed");
	/* the same image at an address that is not 64-aligned is no image */
	fill(area[0], AREA, 9);
	save_compacted(0, off, 1, rfbm);
	EXPECT(xsave_blank_images(area[0] + 8, AREA - 8, 0x7f0000001000ull) == 0,
	       "a header at a misaligned address was taken");
}

static void standard_image(void)
{
	uint64_t rfbm = xcr0();
	uint64_t size = standard_size_by_cpuid(rfbm);
	size_t off = MARGIN;
	fill(area[0], AREA, 3);
	memset(area[0] + off, 0, 4096); /* XSAVE leaves reserved bytes as they are */
	__asm__ volatile("xsave (%0)" ::"r"(area[0] + off), "a"((uint32_t)rfbm),
			 "d"((uint32_t)(rfbm >> 32)) : "memory");
	uint8_t before[AREA];
	memcpy(before, area[0], AREA);
	EXPECT(xsave_blank_images(area[0], AREA, 0x7f0000002000ull) == 1, "standard image not found");
	EXPECT(all_zero(area[0] + off, size), "standard image (%llu bytes) not zeroed whole",
	       (unsigned long long)size);
	EXPECT(memcmp(area[0], before, off) == 0, "bytes before a standard image changed");
}

static uint8_t frame_copy[AREA];
static uint64_t frame_size;

static void handler(int sig, siginfo_t *si, void *ctx)
{
	(void)sig, (void)si;
	ucontext_t *uc = ctx;
	const uint8_t *fp = (const uint8_t *)uc->uc_mcontext.fpregs;
	uint32_t extended;
	memcpy(&extended, fp + 468, 4);
	frame_size = extended;
	if (extended <= AREA - 2 * MARGIN)
		memcpy(frame_copy + MARGIN, fp, extended);
}

static void signal_frame_image(void)
{
	struct sigaction sa = {.sa_sigaction = handler, .sa_flags = SA_SIGINFO};
	sigaction(SIGUSR1, &sa, NULL);
	fill(frame_copy, AREA, 5);
	raise(SIGUSR1);
	CHECK(frame_size > LEGACY && frame_size <= AREA - 2 * MARGIN, "frame's FPU state of %llu bytes",
	      (unsigned long long)frame_size);
	uint8_t before[AREA];
	memcpy(before, frame_copy, AREA);
	/* the copy keeps the frame's 64-byte alignment */
	EXPECT(xsave_blank_images(frame_copy, AREA, 0x7ffc00000000ull) == 1,
	       "a signal frame's FPU state not found");
	EXPECT(all_zero(frame_copy + MARGIN, frame_size), "the frame's FPU state not zeroed whole");
	EXPECT(memcmp(frame_copy + MARGIN + frame_size, before + MARGIN + frame_size,
		      AREA - MARGIN - frame_size) == 0, "bytes after the frame's FPU state changed");
}

static void no_images(void)
{
	static uint8_t buf[AREA];
	memset(buf, 0, AREA);
	EXPECT(xsave_blank_images(buf, AREA, 0x1000) == 0, "zeros taken for an image");
	memset(buf, 0xff, AREA);
	EXPECT(xsave_blank_images(buf, AREA, 0x1000) == 0, "0xff bytes taken for an image");
	fill(buf, AREA, 1);
	EXPECT(xsave_blank_images(buf, AREA, 0x1000) == 0, "patterned bytes taken for an image");
	EXPECT(xsave_blank_images(buf, 10, 0x1000) == 0, "a 10-byte region");
	EXPECT(xsave_blank_images(buf, 0, 0x1000) == 0, "an empty region");
}

int main(void)
{
	CHECK(cpu_has_xsavec(), "this processor has no XSAVEC (the test needs one)");
	compacted_images();
	standard_image();
	signal_frame_image();
	no_images();
	return check_failures != 0;
}
