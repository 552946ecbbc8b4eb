#include "hash.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* CRC-32C (Castagnoli), as SSE4.2's crc32 instruction computes it: every
 * trace record is checksummed, so the instruction is used where the CPU
 * has it, and a bitwise loop (slow, but needing no table) elsewhere. */
__attribute__((target("sse4.2")))
static uint32_t crc32c_sse42(uint32_t crc, const uint8_t *p, size_t n)
{
	uint64_t c = crc;
	for (; n >= 8; n -= 8, p += 8) {
		uint64_t v;
		memcpy(&v, p, 8);
		c = __builtin_ia32_crc32di(c, v);
	}
	uint32_t c32 = (uint32_t)c;
	while (n--)
		c32 = __builtin_ia32_crc32qi(c32, *p++);
	return c32;
}

static uint32_t crc32c_bitwise(uint32_t crc, const uint8_t *p, size_t n)
{
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0x82F63B78u & -(crc & 1));
	}
	return crc;
}

uint32_t crc32c(uint32_t crc, const void *data, size_t n)
{
	crc = ~crc;
	if (__builtin_cpu_supports("sse4.2"))
		crc = crc32c_sse42(crc, data, n);
	else
		crc = crc32c_bitwise(crc, data, n);
	return ~crc;
}

/* A simple two-lane multiply-mix hash over 16-byte blocks: not
 * cryptographic, but 128 bits make accidental collisions between the files
 * of one trace directory vanishingly unlikely. */
static const uint64_t K1 = 0x9E3779B97F4A7C15ull, K2 = 0xC2B2AE3D27D4EB4Full;

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v * K2;
	h = (h << 31) | (h >> 33);
	return h * K1;
}

void hash128_init(struct hash128_state *s)
{
	memset(s, 0, sizeof *s);
	s->a = K1;
	s->b = K2;
}

static void block(struct hash128_state *s, const uint8_t *p)
{
	uint64_t x, y;
	memcpy(&x, p, 8);
	memcpy(&y, p + 8, 8);
	s->a = mix(s->a, x);
	s->b = mix(s->b, y ^ s->a);
}

void hash128_update(struct hash128_state *s, const void *data, size_t n)
{
	const uint8_t *p = data;
	s->total += n;
	if (s->ntail) {
		size_t take = 16 - s->ntail < n ? 16 - s->ntail : n;
		memcpy(s->tail + s->ntail, p, take);
		s->ntail += take;
		p += take;
		n -= take;
		if (s->ntail < 16)
			return;
		block(s, s->tail);
		s->ntail = 0;
	}
	for (; n >= 16; p += 16, n -= 16)
		block(s, p);
	memcpy(s->tail, p, n);
	s->ntail = n;
}

struct hash128 hash128_final(struct hash128_state *s)
{
	uint8_t last[16] = {0};
	memcpy(last, s->tail, s->ntail);
	block(s, last);
	uint64_t a = mix(s->a, s->total), b = mix(s->b, s->total ^ a);
	a ^= b >> 29;
	b ^= a >> 32;
	return (struct hash128){mix(a, K2), mix(b, K1)};
}

struct hash128 hash128(const void *data, size_t n)
{
	struct hash128_state s;
	hash128_init(&s);
	hash128_update(&s, data, n);
	return hash128_final(&s);
}

void hash128_hex(struct hash128 h, char out[33])
{
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.hi,
		 (unsigned long long)h.lo);
}

int hash128_fd_hex(int fd, char out[33])
{
	struct hash128_state hs;
	char buf[1 << 16];
	ssize_t n;
	hash128_init(&hs);
	while ((n = pread(fd, buf, sizeof buf, (off_t)hs.total)) > 0)
		hash128_update(&hs, buf, (size_t)n);
	hash128_hex(hash128_final(&hs), out);
	return n < 0 ? -1 : 0;
}

uint64_t hash64(const void *data, size_t n)
{
	return hash128(data, n).lo;
}
