/* What a recording wrote to heisen's stdout and stderr, stream by stream
 * (a thread and one of the two): a byte count and a running hash, kept by
 * the recorder as the bytes go out and stored with the trace's end; the
 * replay keeps the same over what it re-emits and compares them at the
 * end, so that a re-emitted output that is not the recorded one (a trace
 * whose data was changed, a lost or repeated write) is a divergence, not
 * a silent wrong replay. */
#ifndef HEISEN_OUT_DIGEST_H
#define HEISEN_OUT_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define OUT_DIGESTS_MAX 256 /* streams beyond are kept as one, tid 0 */

struct out_digest {
	uint32_t tid;  /* the writing thread, as the program saw it */
	uint8_t fd;    /* 1 or 2 */
	uint64_t bytes, hash;
};

struct out_digests {
	uint32_t n;
	struct out_digest v[OUT_DIGESTS_MAX];
};

void out_digest_add(struct out_digests *d, uint32_t tid, int fd,
		    const uint8_t *data, size_t len);
/* The first stream that differs between two tables (as a, b), or 0. */
int out_digest_diff(const struct out_digests *want, const struct out_digests *got,
		    struct out_digest *a, struct out_digest *b);

#endif
