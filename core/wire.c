#include "wire.h"

#include <stdlib.h>
#include <string.h>

void buf_reserve(struct buf *b, size_t more)
{
	if (b->len + more <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + more)
		cap *= 2;
	uint8_t *p = realloc(b->p, cap);
	if (!p)
		abort(); /* out of memory: nothing sensible to return to */
	b->p = p;
	b->cap = cap;
}

void buf_put(struct buf *b, const void *data, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
}

void buf_u8(struct buf *b, uint8_t v) { buf_put(b, &v, 1); }
void buf_u16(struct buf *b, uint16_t v) { buf_put(b, &v, 2); }
void buf_u32(struct buf *b, uint32_t v) { buf_put(b, &v, 4); }
void buf_u64(struct buf *b, uint64_t v) { buf_put(b, &v, 8); }

void buf_blob(struct buf *b, const void *p, uint32_t n)
{
	buf_u32(b, n);
	buf_put(b, p, n);
}

void buf_str(struct buf *b, const char *s)
{
	buf_blob(b, s, (uint32_t)strlen(s));
}

void buf_free(struct buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

void cur_init(struct cursor *c, const void *p, size_t len)
{
	c->p = p;
	c->len = len;
	c->off = 0;
	c->bad = 0;
}

const uint8_t *cur_bytes(struct cursor *c, size_t n)
{
	if (c->bad || n > c->len - c->off) {
		c->bad = 1;
		return NULL;
	}
	const uint8_t *p = c->p + c->off;
	c->off += n;
	return p;
}

void cur_get(struct cursor *c, void *out, size_t n)
{
	const uint8_t *p = cur_bytes(c, n);
	if (p)
		memcpy(out, p, n);
	else
		memset(out, 0, n);
}

uint8_t cur_u8(struct cursor *c) { uint8_t v; cur_get(c, &v, 1); return v; }
uint16_t cur_u16(struct cursor *c) { uint16_t v; cur_get(c, &v, 2); return v; }
uint32_t cur_u32(struct cursor *c) { uint32_t v; cur_get(c, &v, 4); return v; }
uint64_t cur_u64(struct cursor *c) { uint64_t v; cur_get(c, &v, 8); return v; }

const uint8_t *cur_blob(struct cursor *c, uint32_t *n)
{
	*n = cur_u32(c);
	const uint8_t *p = cur_bytes(c, *n);
	if (!p)
		*n = 0;
	return p;
}

void cur_str(struct cursor *c, char *out, size_t outlen)
{
	uint32_t n;
	const uint8_t *p = cur_blob(c, &n);
	if (!p || n >= outlen) {
		c->bad = 1;
		out[0] = 0;
		return;
	}
	memcpy(out, p, n);
	out[n] = 0;
}
