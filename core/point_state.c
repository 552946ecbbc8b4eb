#include "point_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "ptrace_util.h"
#include "xsave_image.h"

#define SMALL_MAPPING (1u << 20)  /* larger ones are heaps and stacks */
#define STACK_WINDOW (64u << 10)  /* the thread's frames above rsp */
#define RED_ZONE 128

static void add(struct point_state *st, uint64_t lo, uint64_t hi, uint64_t *total)
{
	if (hi <= lo || st->n == POINT_STATE_REGIONS || *total >= POINT_STATE_BYTES_MAX)
		return;
	if (hi - lo > POINT_STATE_BYTES_MAX - *total)
		hi = lo + (POINT_STATE_BYTES_MAX - *total);
	st->region[st->n++] = (struct mem_range_u64){lo, hi - lo};
	*total += hi - lo;
}

/* [lo, hi) less every busy range, added piece by piece. */
static void add_less_busy(struct point_state *st, uint64_t lo, uint64_t hi,
			  const struct mem_range_u64 *busy, int nbusy, uint64_t *total)
{
	for (int i = 0; i < nbusy && lo < hi; i++) {
		uint64_t b = busy[i].addr, bend = busy[i].addr + busy[i].len;
		if (bend <= lo || b >= hi)
			continue;
		if (b > lo)
			add_less_busy(st, lo, b, busy + i + 1, nbusy - i - 1, total);
		lo = bend;
	}
	add(st, lo, hi, total);
}

/* The hash of the regions' bytes, each XSAVE image in them zeroed (see
 * core/xsave_image.h: their bytes vary from run to run). */
static int digest(pid_t tid, const struct point_state *st, uint64_t *out)
{
	uint64_t largest = 0;
	for (uint32_t i = 0; i < st->n; i++)
		if (st->region[i].len > largest)
			largest = st->region[i].len;
	uint8_t *buf = malloc(largest ? largest : 1);
	if (!buf)
		return -1;
	struct hash128_state h;
	struct err ignored;
	hash128_init(&h);
	for (uint32_t i = 0; i < st->n; i++) {
		const struct mem_range_u64 *g = &st->region[i];
		if (mem_read(tid, g->addr, buf, g->len, &ignored) < 0) {
			free(buf);
			return -1;
		}
		xsave_blank_images(buf, g->len, g->addr);
		hash128_update(&h, buf, g->len);
	}
	free(buf);
	struct hash128 d = hash128_final(&h);
	*out = d.lo ^ d.hi;
	return 0;
}

void point_state_capture(pid_t tid, const struct user_regs_struct *r,
			 const struct mem_range_u64 *busy, int nbusy,
			 struct point_state *out)
{
	char path[64], line[512], perms[8];
	unsigned long long lo, hi;
	uint64_t total = 0;
	memset(out, 0, sizeof *out);
	snprintf(path, sizeof path, "/proc/%d/maps", tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "%llx-%llx %7s", &lo, &hi, perms) != 3 ||
		    strcmp(perms, "rw-p") != 0)
			continue;
		if (r->rsp >= lo && r->rsp < hi) { /* the thread's stack */
			uint64_t from = r->rsp - RED_ZONE < lo ? lo : r->rsp - RED_ZONE;
			uint64_t to = hi - from > STACK_WINDOW ? from + STACK_WINDOW : hi;
			add_less_busy(out, from, to, busy, nbusy, &total);
		} else if (hi - lo <= SMALL_MAPPING && !strstr(line, "[stack]")) {
			/* (the main stack while the thread runs elsewhere,
			 * on an alternate stack: below the frames it left
			 * lies what deeper calls left, XSAVE images half
			 * overwritten among it, not the program's state) */
			add_less_busy(out, lo, hi, busy, nbusy, &total);
		}
	}
	fclose(f);
	if (digest(tid, out, &out->hash) < 0)
		out->n = 0;
}
int point_state_matches(pid_t tid, const struct point_state *want)
{
	uint64_t h;
	return !want->n || (digest(tid, want, &h) == 0 && h == want->hash);
}
