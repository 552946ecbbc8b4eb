#include "xsave_image.h"

#include <string.h>

#define LEGACY_SIZE 512   /* the FXSAVE area: x87, MXCSR, XMM registers */
#define HEADER_SIZE 64    /* XSTATE_BV, XCOMP_BV, 48 reserved zero bytes */
#define COMPACTED (1ull << 63)
#define FP_XSTATE_MAGIC1 0x46505853u /* a signal frame's, in the legacy area */
#define SW_BYTES_OFF 464
#define IMAGE_MAX (16u << 10)

/* The user state components (those XCR0 can enable) with their
 * architectural sizes and standard-form offsets (Intel SDM vol. 1, 13.4
 * and 13.5). An image naming any other component is not taken for one. */
struct component {
	uint32_t size, offset;
	int align64; /* placed at a 64-byte boundary in the compacted form */
};
static const struct component components[19] = {
	[2] = {256, 576, 0},    /* AVX: upper halves of YMM0-15 */
	[3] = {64, 960, 0},     /* MPX bound registers */
	[4] = {64, 1024, 0},    /* MPX configuration and status */
	[5] = {64, 1088, 0},    /* AVX-512 opmask registers */
	[6] = {512, 1152, 0},   /* upper halves of ZMM0-15 */
	[7] = {1024, 1664, 0},  /* ZMM16-31 */
	[9] = {8, 2688, 0},     /* PKRU */
	[17] = {64, 2752, 0},   /* AMX tile configuration */
	[18] = {8192, 2816, 1}, /* AMX tile data */
};
#define NCOMPONENTS (sizeof components / sizeof components[0])
#define LEGACY_BITS 3ull /* x87 and SSE live in the legacy area */

static uint64_t load64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

static uint32_t load32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

static uint64_t known_mask(void)
{
	uint64_t m = LEGACY_BITS;
	for (unsigned i = 0; i < NCOMPONENTS; i++)
		if (components[i].size)
			m |= 1ull << i;
	return m;
}

static int reserved_zero(const uint8_t *hdr)
{
	for (int i = 16; i < HEADER_SIZE; i += 8)
		if (load64(hdr + i))
			return 0;
	return 1;
}

/* Bytes from the image's start to the end of its last component. */
static uint64_t compacted_size(uint64_t comp)
{
	uint64_t off = LEGACY_SIZE + HEADER_SIZE;
	for (unsigned i = 2; i < NCOMPONENTS; i++) {
		if (!(comp >> i & 1))
			continue;
		if (components[i].align64)
			off = (off + 63) & ~63ull;
		off += components[i].size;
	}
	return off;
}

/* The standard form's extent: a signal frame says it in its legacy area's
 * software-reserved bytes; elsewhere the end of the last known component,
 * AMX aside (an image as large as the processor's state can be). */
static uint64_t standard_size(const uint8_t *legacy)
{
	uint32_t magic = load32(legacy + SW_BYTES_OFF);
	uint32_t extended = load32(legacy + SW_BYTES_OFF + 4);
	if (magic == FP_XSTATE_MAGIC1 && extended > LEGACY_SIZE + HEADER_SIZE &&
	    extended <= IMAGE_MAX)
		return extended;
	return components[9].offset + components[9].size;
}

/* Is there a header at buf[h]? Returns the image's start (relative to
 * buf, possibly negative) and size through *start and *size. */
static int header_at(const uint8_t *buf, uint64_t h, uint64_t known,
		     int64_t *start, uint64_t *size)
{
	const uint8_t *hdr = buf + h;
	uint64_t bv = load64(hdr), comp = load64(hdr + 8);
	*start = (int64_t)h - LEGACY_SIZE;
	if (comp & COMPACTED) {
		comp &= ~COMPACTED;
		/* whoever saves this way saves the SSE registers too */
		if ((comp & ~known) || !(comp & 2) || (bv & ~comp) || !reserved_zero(hdr))
			return 0;
		*size = compacted_size(comp);
		return 1;
	}
	if (comp || h < LEGACY_SIZE || (bv & ~known))
		return 0;
	/* A standard header has only zero XCOMP_BV to show for itself: the
	 * legacy area must look written too (MXCSR_MASK is never zero, and
	 * MXCSR sets no bit outside it). */
	const uint8_t *legacy = buf + h - LEGACY_SIZE;
	uint32_t mxcsr = load32(legacy + 24), mask = load32(legacy + 28);
	if (!mask || (mxcsr & ~mask) || !reserved_zero(hdr))
		return 0;
	*size = standard_size(legacy);
	return 1;
}

int xsave_blank_images(uint8_t *buf, uint64_t len, uint64_t addr)
{
	int found = 0;
	uint64_t known = known_mask();
	/* A blanked image reads as zeros, which never make a header: the
	 * scan goes on through it. */
	for (uint64_t h = (64 - addr % 64) % 64; h + HEADER_SIZE <= len; h += 64) {
		int64_t start;
		uint64_t size;
		if (!header_at(buf, h, known, &start, &size))
			continue;
		int64_t end = start + (int64_t)size;
		uint64_t from = start < 0 ? 0 : (uint64_t)start;
		uint64_t to = (uint64_t)end > len ? len : (uint64_t)end;
		memset(buf + from, 0, to - from);
		found++;
	}
	return found;
}
