/* Little-endian encoding of trace records: a growable output buffer and a
 * bounds-checked input cursor. A cursor that runs past its end sets `bad`
 * and returns zeros from then on, so a corrupt record can never make a
 * reader touch memory outside the record. */
#ifndef HEISEN_WIRE_H
#define HEISEN_WIRE_H

#include <stddef.h>
#include <stdint.h>

struct buf {
	uint8_t *p;
	size_t len, cap;
};

void buf_reserve(struct buf *b, size_t more);
void buf_put(struct buf *b, const void *data, size_t n);
void buf_u8(struct buf *b, uint8_t v);
void buf_u16(struct buf *b, uint16_t v);
void buf_u32(struct buf *b, uint32_t v);
void buf_u64(struct buf *b, uint64_t v);
void buf_str(struct buf *b, const char *s);          /* u32 length + bytes */
void buf_blob(struct buf *b, const void *p, uint32_t n); /* u32 length + bytes */
void buf_free(struct buf *b);

struct cursor {
	const uint8_t *p;
	size_t len, off;
	int bad;
};

void cur_init(struct cursor *c, const void *p, size_t len);
uint8_t cur_u8(struct cursor *c);
uint16_t cur_u16(struct cursor *c);
uint32_t cur_u32(struct cursor *c);
uint64_t cur_u64(struct cursor *c);
/* Copies n bytes out; zero-fills and sets bad if they are not there. */
void cur_get(struct cursor *c, void *out, size_t n);
/* A pointer to n bytes inside the record, or NULL (and bad) if short. */
const uint8_t *cur_bytes(struct cursor *c, size_t n);
/* A length-prefixed blob: returns its bytes (inside the record) or NULL. */
const uint8_t *cur_blob(struct cursor *c, uint32_t *n);
/* A length-prefixed string copied into out (NUL-terminated, truncated to
 * outlen-1); sets bad if longer than outlen-1. */
void cur_str(struct cursor *c, char *out, size_t outlen);

#endif
