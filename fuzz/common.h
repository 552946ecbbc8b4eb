/* What the libFuzzer harnesses share (fuzz/README.md). */
#ifndef HEISEN_FUZZ_COMMON_H
#define HEISEN_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* A private directory, $TMPDIR/heisen-fuzz-XXXXXX (TMPDIR defaulting to
 * /tmp), created on the first call and removed with its trace file at exit
 * (a crash leaves it, with a link in it). Aborts if it cannot be made: a
 * harness is useless without it. */
const char *fuzz_trace_dir(void);

/* Make n bytes at data the content of the file `trace` of that directory
 * (kept in memory). Aborts on an error. */
void fuzz_write_trace(const uint8_t *data, size_t n);

/* Give every complete record of the trace file image buf (n bytes) its
 * right CRC-32C, so that mutations reach the decoding of records instead
 * of stopping at the checksum. Returns 1 if any checksum changed. */
int fuzz_fix_trace_crcs(uint8_t *buf, size_t n);

/* Run `run` on a copy of the input with its checksums made right by
 * `fix` (which returns 1 if it changed any), then, if they were not, on
 * the input as it is, so that the checksum checks are fuzzed too. */
void fuzz_fixed_then_raw(const uint8_t *data, size_t size, int (*fix)(uint8_t *, size_t),
			 void (*run)(const uint8_t *, size_t));

/* Report a broken invariant of what a reader returned, then abort, which
 * libFuzzer (and ASan's death callback) records as a crash. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
