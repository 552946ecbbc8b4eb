/* core/hash.c: the trace's record checksum must be standard CRC-32C (the
 * format says so), whichever implementation the CPU gets, and must chain. */
#include <string.h>

#include "core/hash.h"
#include "tests/unit/check.h"

int main(void)
{
	const char *v = "123456789";
	/* the check value of CRC-32C (iSCSI), RFC 3720 */
	EXPECT(crc32c(0, v, 9) == 0xE3069283u, "crc32c(123456789) = 0x%08x",
	       crc32c(0, v, 9));
	EXPECT(crc32c(0, "", 0) == 0, "crc32c of nothing = 0x%08x", crc32c(0, "", 0));
	/* every length and alignment agrees with computing in two pieces */
	unsigned char buf[64];
	for (int i = 0; i < 64; i++)
		buf[i] = (unsigned char)(i * 37 + 11);
	for (size_t len = 0; len <= 40; len++)
		for (size_t off = 0; off < 8; off++)
			for (size_t cut = 0; cut <= len; cut += 3) {
				uint32_t whole = crc32c(0, buf + off, len);
				uint32_t parts = crc32c(crc32c(0, buf + off, cut),
							buf + off + cut, len - cut);
				EXPECT(whole == parts, "len %zu off %zu cut %zu", len, off, cut);
			}
	/* 32 zero bytes: RFC 3720's first test vector */
	unsigned char zeros[32];
	memset(zeros, 0, sizeof zeros);
	EXPECT(crc32c(0, zeros, 32) == 0x8A9136AAu, "crc32c(32 zeros) = 0x%08x",
	       crc32c(0, zeros, 32));
	return check_failures ? 1 : 0;
}
