#include "out_digest.h"

#include <string.h>

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static struct out_digest *stream(struct out_digests *d, uint32_t tid, int fd)
{
	for (uint32_t i = 0; i < d->n; i++)
		if (d->v[i].tid == tid && d->v[i].fd == fd)
			return &d->v[i];
	if (tid && d->n >= OUT_DIGESTS_MAX - 2) /* two slots kept for tid 0 */
		return stream(d, 0, fd);
	d->v[d->n] = (struct out_digest){tid, (uint8_t)fd, 0, FNV_OFFSET};
	return &d->v[d->n++];
}

void out_digest_add(struct out_digests *d, uint32_t tid, int fd,
		    const uint8_t *data, size_t len)
{
	struct out_digest *s = stream(d, tid, fd);
	uint64_t h = s->hash;
	for (size_t i = 0; i < len; i++)
		h = (h ^ data[i]) * FNV_PRIME;
	s->hash = h;
	s->bytes += len;
}

static const struct out_digest *find(const struct out_digests *d, uint32_t tid, int fd)
{
	for (uint32_t i = 0; i < d->n; i++)
		if (d->v[i].tid == tid && d->v[i].fd == fd)
			return &d->v[i];
	return NULL;
}

int out_digest_diff(const struct out_digests *want, const struct out_digests *got,
		    struct out_digest *a, struct out_digest *b)
{
	static const struct out_digest none = {0, 0, 0, FNV_OFFSET};
	for (int pass = 0; pass < 2; pass++) {
		const struct out_digests *x = pass ? got : want, *y = pass ? want : got;
		for (uint32_t i = 0; i < x->n; i++) {
			const struct out_digest *p = &x->v[i], *q = find(y, p->tid, p->fd);
			if (!q)
				q = &none;
			if (p->bytes != q->bytes || p->hash != q->hash) {
				*a = pass ? *q : *p;
				*b = pass ? *p : *q;
				a->tid = b->tid = p->tid;
				a->fd = b->fd = p->fd;
				return 1;
			}
		}
	}
	return 0;
}
