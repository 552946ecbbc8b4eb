/* Checksums and content hashes. crc32c guards every trace record against
 * corruption; hash128 names mapped-file copies by content, for dedup. */
#ifndef HEISEN_HASH_H
#define HEISEN_HASH_H

#include <stddef.h>
#include <stdint.h>

uint32_t crc32c(uint32_t crc, const void *data, size_t n);

struct hash128 {
	uint64_t lo, hi;
};

struct hash128 hash128(const void *data, size_t n);
/* Incremental form, for hashing a file in chunks of any size. */
struct hash128_state {
	uint64_t a, b, total;
	uint8_t tail[16];
	size_t ntail;
};
void hash128_init(struct hash128_state *s);
void hash128_update(struct hash128_state *s, const void *data, size_t n);
struct hash128 hash128_final(struct hash128_state *s);
/* 32 lowercase hex digits and a NUL. */
void hash128_hex(struct hash128 h, char out[33]);

/* The content hash of the file open as fd (read with pread from offset 0
 * to its end), as hex: 0, or -1 if a read failed. */
int hash128_fd_hex(int fd, char out[33]);

/* A 64-bit digest of a byte string (register sets, write buffers). */
uint64_t hash64(const void *data, size_t n);

#endif
