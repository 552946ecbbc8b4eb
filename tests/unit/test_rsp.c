/* gdbstub/rsp.c, the framing of the GDB remote protocol, over socketpairs:
 * (a) sent packets: checksum, `$#}*` escaped, long packets in several
 *     writes, a gone peer is an error (not SIGPIPE), the 4 KiB sendf bound;
 * (b) received packets: acks, bad and upper-case checksums, stray bytes,
 *     0x03, no-ack mode, the size bound, EOF anywhere, read errors;
 * (c) rsp_poll_interrupt, with buffered and new input;
 * (d) the helpers: unescape, hex, parse_hex;
 * (e) a fixed-seed fuzz loop against a small model of the framing rules.
 * Exit status 0 = pass; every failed check is printed. */
#define _GNU_SOURCE
#include "gdbstub/rsp.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/unit/check.h"

static struct err err;

/* our end sv[0] holds the connection; the test plays gdb on sv[1] */
struct pair {
	int sv[2];
	struct rsp_conn c;
};

static void open_pair(struct pair *p)
{
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, p->sv) == 0, "socketpair");
	CHECK(rsp_init(&p->c, p->sv[0], p->sv[0], &err) == 0, "rsp_init: %s",
	      err.msg);
}

static void close_pair(struct pair *p)
{
	rsp_free(&p->c);
	close(p->sv[0]);
	close(p->sv[1]);
}

static void put(int fd, const void *data, size_t n)
{
	const char *s = data;
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		CHECK(w > 0, "write: %s", strerror(errno));
		s += w;
		n -= (size_t)w;
	}
}

static void puts_fd(int fd, const char *s) { put(fd, s, strlen(s)); }

/* Everything already pending on fd, NUL-terminated. */
static size_t take(int fd, char *buf, size_t cap)
{
	size_t n = 0;
	ssize_t r;
	while (n + 1 < cap &&
	       (r = recv(fd, buf + n, cap - 1 - n, MSG_DONTWAIT)) > 0)
		n += (size_t)r;
	buf[n] = 0;
	return n;
}

static void expect_taken(int fd, const char *want, int line)
{
	char buf[256];
	take(fd, buf, sizeof buf);
	EXPECT(strcmp(buf, want) == 0, "line %d: peer got \"%s\", want \"%s\"",
	       line, buf, want);
}

static void expect_packet(struct rsp_conn *c, const char *want, int line)
{
	const char *p = NULL;
	size_t len = 0;
	int r = rsp_recv(c, &p, &len, &err);
	EXPECT(r == RSP_PACKET && len == strlen(want) && memcmp(p, want, len) == 0 &&
		       p[len] == 0,
	       "line %d: rsp_recv = %d (%s), want packet \"%s\"", line, r,
	       r == RSP_PACKET ? p : err.msg, want);
}

static void expect_recv(struct rsp_conn *c, int want, int line)
{
	const char *p;
	size_t len;
	int r = rsp_recv(c, &p, &len, &err);
	EXPECT(r == want, "line %d: rsp_recv = %d, want %d", line, r, want);
}

#define TAKEN(fd, s) expect_taken(fd, s, __LINE__)
#define PACKET(c, s) expect_packet(c, s, __LINE__)
#define RECV(c, r) expect_recv(c, r, __LINE__)

/* A child writes data to fd then shuts it down, so that the parent can read
 * more than a socket buffer holds. It closes its copy of the reading end,
 * other_fd, so that it cannot outlive a failed parent blocked in write. */
static pid_t feed(int fd, int other_fd, const void *data, size_t n)
{
	pid_t pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		close(other_fd);
		put(fd, data, n);
		shutdown(fd, SHUT_WR);
		_exit(0);
	}
	return pid;
}

static void reap(pid_t pid)
{
	int st;
	CHECK(waitpid(pid, &st, 0) == pid, "waitpid");
	EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status %d", st);
}

static unsigned char sum_of(const void *data, size_t n)
{
	const unsigned char *p = data;
	unsigned char s = 0;
	while (n--)
		s += *p++;
	return s;
}

/* ---- (a) sending ---- */

static void test_send(void)
{
	struct pair p;
	char buf[256];
	open_pair(&p);
	EXPECT(rsp_send_str(&p.c, "OK", &err) == 0, "send: %s", err.msg);
	TAKEN(p.sv[1], "$OK#9a");
	EXPECT(rsp_send(&p.c, "", 0, &err) == 0, "send empty");
	TAKEN(p.sv[1], "$#00");
	EXPECT(rsp_sendf(&p.c, &err, "T%02x", 5) == 0, "sendf");
	TAKEN(p.sv[1], "$T05#b9");

	/* each of $ # } * becomes } and itself xor 0x20 */
	EXPECT(rsp_send(&p.c, "a$b#c}d*e\0f", 11, &err) == 0, "send escaped");
	const char body[] = "a}\x04" "b}\x03" "c}]d}\x0a" "e\0f";
	size_t n = take(p.sv[1], buf, sizeof buf);
	size_t blen = sizeof body - 1;
	char cs[3];
	snprintf(cs, sizeof cs, "%02x", sum_of(body, blen));
	EXPECT(n == blen + 4 && buf[0] == '$' && memcmp(buf + 1, body, blen) == 0 &&
		       buf[1 + blen] == '#' && memcmp(buf + 2 + blen, cs, 2) == 0,
	       "escaped packet: %zu bytes", n);

	/* the 4 KiB bound of rsp_sendf; nothing is sent */
	EXPECT(rsp_sendf(&p.c, &err, "%4096s", "") == 0, "sendf of 4096");
	take(p.sv[1], buf, sizeof buf);
	while (take(p.sv[1], buf, sizeof buf))
		;
	EXPECT(rsp_sendf(&p.c, &err, "%4097s", "") == -1, "sendf of 4097");
	TAKEN(p.sv[1], "");
	close_pair(&p);

	/* a peer that went away: an error, not SIGPIPE */
	open_pair(&p);
	close(p.sv[1]);
	p.sv[1] = -1;
	EXPECT(rsp_send_str(&p.c, "OK", &err) == -1 && strstr(err.msg, "write"),
	       "send to a closed peer: %s", err.msg);
	close_pair(&p);
}

/* Payloads come back unchanged through rsp_recv + rsp_unescape: every byte
 * value; longer than the output buffer (sent by a child); all escaped; and
 * plain ones ending around the output buffer's size. */
static void test_round_trip(void)
{
	static unsigned char data[100000], back[100000];
	struct pair p;
	open_pair(&p);
	struct rsp_conn gdb;
	CHECK(rsp_init(&gdb, p.sv[1], p.sv[1], &err) == 0, "init: %s", err.msg);
	for (int k = 0; k < 10; k++) {
		size_t n = sizeof data;
		if (k < 2) {
			n = k ? sizeof data : 256;
			for (size_t i = 0; i < n; i++)
				data[i] = (unsigned char)(i < 256 ? i : i * 7 + (i >> 9));
		} else if (k == 2) {
			n = 30000;
			memset(data, '}', n);
		} else {
			n = 16384 - 6 + (size_t)k;
			memset(data, 'a', n);
		}
		pid_t pid = fork();
		CHECK(pid >= 0, "fork");
		if (pid == 0) {
			close(p.sv[1]); /* see feed() */
			_exit(rsp_send(&p.c, data, n, &err) == 0 ? 0 : 1);
		}
		const char *pl;
		size_t len;
		int r = rsp_recv(&gdb, &pl, &len, &err);
		reap(pid);
		CHECK(r == RSP_PACKET, "round trip %d: %d", k, r);
		ssize_t m = rsp_unescape(pl, len, back);
		EXPECT(m == (ssize_t)n && memcmp(back, data, n) == 0,
		       "round trip %d: got %zd bytes of %zu", k, m, n);
		EXPECT(!memchr(pl, '*', len), "a * was sent unescaped");
	}
	rsp_free(&gdb);
	close_pair(&p);
}

/* ---- (b) receiving ---- */

static void test_recv(void)
{
	struct pair p;
	open_pair(&p);
	puts_fd(p.sv[1], "$m1234,4#97");
	PACKET(&p.c, "m1234,4");
	TAKEN(p.sv[1], "+");
	puts_fd(p.sv[1], "$g#00$g#67"); /* bad checksum: -, dropped */
	PACKET(&p.c, "g");
	TAKEN(p.sv[1], "-+");
	puts_fd(p.sv[1], "$qC#B4$qC#b4");
	PACKET(&p.c, "qC");
	PACKET(&p.c, "qC");
	TAKEN(p.sv[1], "++");
	puts_fd(p.sv[1], "$qC#zz$?#3f"); /* a non-hex checksum is a bad one */
	PACKET(&p.c, "?");
	TAKEN(p.sv[1], "-+");
	puts_fd(p.sv[1], "++--junk\r\n#ab$?#3f");
	PACKET(&p.c, "?");
	TAKEN(p.sv[1], "+");
	puts_fd(p.sv[1], "\x03+\x03$c#63");
	RECV(&p.c, RSP_INTERRUPT);
	RECV(&p.c, RSP_INTERRUPT);
	PACKET(&p.c, "c");
	puts_fd(p.sv[1], "$X0,1:\x03#22"); /* inside a packet 0x03 is data */
	PACKET(&p.c, "X0,1:\x03");
	puts_fd(p.sv[1], "$cut$c#63"); /* a $ restarts a cut packet */
	PACKET(&p.c, "c");
	TAKEN(p.sv[1], "+++");

	rsp_set_no_ack(&p.c); /* no acks; checksums may be ignored */
	puts_fd(p.sv[1], "+$c#63-$s#00");
	PACKET(&p.c, "c");
	PACKET(&p.c, "s");
	TAKEN(p.sv[1], "");
	shutdown(p.sv[1], SHUT_WR);
	RECV(&p.c, RSP_EOF);
	RECV(&p.c, RSP_EOF);
	close_pair(&p);

	/* EOF in the middle of a packet or its checksum */
	const char *cut[] = { "", "$", "$abc", "$abc#", "$abc#6", "+\x03$a#61$" };
	for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
		open_pair(&p);
		puts_fd(p.sv[1], cut[i]);
		shutdown(p.sv[1], SHUT_WR);
		if (i == 5) {
			RECV(&p.c, RSP_INTERRUPT);
			PACKET(&p.c, "a");
		}
		RECV(&p.c, RSP_EOF);
		close_pair(&p);
	}

	/* a read error */
	int wronly = open("/dev/null", O_WRONLY);
	struct rsp_conn c;
	CHECK(wronly >= 0 && rsp_init(&c, wronly, wronly, &err) == 0, "init");
	RECV(&c, -1);
	EXPECT(strstr(err.msg, "read"), "read error: %s", err.msg);
	rsp_free(&c);
	close(wronly);
}

/* Exactly RSP_MAX_PAYLOAD is taken; one byte more, or much more, is dropped
 * (with a right checksum, so it is the size that counts) and the next
 * packet still comes through. */
static void test_oversized(void)
{
	static char s[6 * RSP_MAX_PAYLOAD];
	size_t n = 0;
	size_t sizes[] = { RSP_MAX_PAYLOAD, RSP_MAX_PAYLOAD + 1,
			   3 * RSP_MAX_PAYLOAD };
	for (int k = 0; k < 3; k++) {
		s[n++] = '$';
		memset(s + n, 'a', sizes[k]);
		n += sizes[k];
		n += (size_t)sprintf(s + n, "#%02x", sum_of(s + n - sizes[k], sizes[k]));
	}
	n += (size_t)sprintf(s + n, "$c#63");
	struct pair p;
	open_pair(&p);
	pid_t pid = feed(p.sv[1], p.sv[0], s, n);
	const char *pl;
	size_t len;
	int r = rsp_recv(&p.c, &pl, &len, &err);
	EXPECT(r == RSP_PACKET && len == RSP_MAX_PAYLOAD && pl[0] == 'a' &&
		       pl[len - 1] == 'a' && pl[len] == 0,
	       "largest packet: %d, %zu bytes", r, len);
	PACKET(&p.c, "c");
	RECV(&p.c, RSP_EOF);
	reap(pid);
	TAKEN(p.sv[1], "+--+");
	close_pair(&p);
}

/* ---- (c) rsp_poll_interrupt ---- */

static void test_poll_interrupt(void)
{
	struct pair p;
	open_pair(&p);
	EXPECT(rsp_poll_interrupt(&p.c) == 0, "nothing pending");
	puts_fd(p.sv[1], "\x03");
	EXPECT(rsp_poll_interrupt(&p.c) == 1, "0x03 pending");
	EXPECT(rsp_poll_interrupt(&p.c) == 0, "0x03 consumed");
	puts_fd(p.sv[1], "$c#63");
	EXPECT(rsp_poll_interrupt(&p.c) == 0, "a packet pending");
	PACKET(&p.c, "c");
	puts_fd(p.sv[1], "$\x03#03"); /* data, not an interrupt */
	EXPECT(rsp_poll_interrupt(&p.c) == 0, "0x03 inside a packet");
	PACKET(&p.c, "\x03");
	/* a 0x03 as a (bad) checksum digit is not an interrupt */
	puts_fd(p.sv[1], "$a#0\x03$b#62");
	EXPECT(rsp_poll_interrupt(&p.c) == 0, "0x03 in a checksum");
	PACKET(&p.c, "b");
	TAKEN(p.sv[1], "++-+");
	puts_fd(p.sv[1], "$a"); /* a packet arriving in pieces around polls */
	EXPECT(rsp_poll_interrupt(&p.c) == 0, "half a packet");
	puts_fd(p.sv[1], "b#c3+\x03");
	EXPECT(rsp_poll_interrupt(&p.c) == 1, "0x03 after the packet");
	PACKET(&p.c, "ab");
	/* input that rsp_recv read ahead is searched too */
	puts_fd(p.sv[1], "$a#61\x03$b#62");
	PACKET(&p.c, "a");
	EXPECT(rsp_poll_interrupt(&p.c) == 1, "0x03 read ahead");
	PACKET(&p.c, "b");
	TAKEN(p.sv[1], "+++");
	shutdown(p.sv[1], SHUT_WR);
	EXPECT(rsp_poll_interrupt(&p.c) == -1, "client gone");
	close_pair(&p);
}

/* ---- (d) helpers ---- */

static void test_helpers(void)
{
	char buf[64];
	ssize_t n = rsp_unescape("a}]b}\x03}\x04", 8, buf);
	EXPECT(n == 5 && memcmp(buf, "a}b#$", 5) == 0, "unescape: %zd", n);
	EXPECT(rsp_unescape("ab}", 3, buf) == -1, "lone } at the end");
	EXPECT(rsp_unescape("", 0, buf) == 0, "unescape nothing");
	strcpy(buf, "x}\x0ay}]");
	n = rsp_unescape(buf, 6, buf);
	EXPECT(n == 4 && memcmp(buf, "x*y}", 4) == 0, "unescape in place: %zd", n);

	unsigned char bytes[256], back[256];
	char hex[513];
	for (int i = 0; i < 256; i++)
		bytes[i] = (unsigned char)(255 - i);
	rsp_hex_encode(bytes, 256, hex);
	EXPECT(strlen(hex) == 512 && memcmp(hex, "fffefd", 6) == 0, "hex encode");
	EXPECT(rsp_hex_decode(hex, 512, back) == 0 && memcmp(bytes, back, 256) == 0,
	       "hex round trip");
	EXPECT(rsp_hex_decode("ABcd", 4, back) == 0 && back[0] == 0xab &&
		       back[1] == 0xcd, "upper-case hex");
	EXPECT(rsp_hex_decode("abc", 3, back) == -1, "odd hex");
	EXPECT(rsp_hex_decode("0g", 2, back) == -1, "non-hex g");
	EXPECT(rsp_hex_decode("0:", 2, back) == -1, "non-hex :");
	rsp_hex_encode(bytes, 0, hex);
	EXPECT(hex[0] == 0, "hex of nothing");

	const char *s = "1a2B,rest", *q;
	uint64_t v;
	EXPECT(rsp_parse_hex(&s, &v) == 0 && v == 0x1a2b && *s == ',', "parse 1a2B");
	s = "ffffffffffffffff";
	EXPECT(rsp_parse_hex(&s, &v) == 0 && v == UINT64_MAX && !*s, "parse max");
	s = "00000000000000000000001:";
	EXPECT(rsp_parse_hex(&s, &v) == 0 && v == 1 && *s == ':', "leading zeros");
	s = q = "10000000000000000";
	EXPECT(rsp_parse_hex(&s, &v) == -1 && s == q, "overflow");
	s = q = ",1";
	EXPECT(rsp_parse_hex(&s, &v) == -1 && s == q, "no digit");
	s = q = "";
	EXPECT(rsp_parse_hex(&s, &v) == -1 && s == q, "empty");
}

/* ---- (e) fuzz ---- */

static uint64_t rng_state = 0x243f6a8885a308d3ull;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 32) % n;
}

/* A byte that neither starts nor ends a packet. */
static unsigned char body_byte(void)
{
	unsigned char b;
	do
		b = (unsigned char)rnd(256);
	while (b == '$' || b == '#');
	return b;
}

static size_t gen_packet(unsigned char *s, size_t len, int good)
{
	size_t n = 0;
	s[n++] = '$';
	for (size_t i = 0; i < len; i++)
		s[n++] = body_byte();
	unsigned char sum = sum_of(s + 1, len) + (good ? 0 : 1);
	const char *d = rnd(2) ? "0123456789abcdef" : "0123456789ABCDEF";
	s[n++] = '#';
	s[n++] = (unsigned char)d[sum >> 4];
	s[n++] = (unsigned char)d[sum & 15];
	return n;
}

/* Random framing bytes, packets and runs; with `big`, packets and runs
 * around and beyond RSP_MAX_PAYLOAD. Fits in cap (>= 4 * RSP_MAX_PAYLOAD). */
static size_t gen_stream(unsigned char *s, int big)
{
	size_t n = 0;
	int segs = (int)rnd(64);
	for (int i = 0; i < segs; i++) {
		switch (rnd(10)) {
		case 0: s[n++] = '$'; break;
		case 1: s[n++] = '#'; break;
		case 2: s[n++] = '}'; break;
		case 3: s[n++] = (unsigned char)"0123456789abcdefABCDEF"[rnd(22)]; break;
		case 4: s[n++] = 0x03; break;
		case 5: s[n++] = rnd(2) ? '+' : '-'; break;
		case 6: s[n++] = (unsigned char)rnd(256); break;
		case 7:
		case 8: n += gen_packet(s + n, rnd(40), rnd(4) != 0); break;
		case 9: {
			size_t run = rnd(200);
			unsigned char b = body_byte();
			for (size_t k = 0; k < run; k++)
				s[n++] = rnd(2) ? b : body_byte();
			break;
		}
		}
	}
	if (big) /* whole packets, or just a long run when cut short */
		for (int k = 0; k < 2; k++)
			n += gen_packet(s + n, RSP_MAX_PAYLOAD - 2 + rnd(5), 1) -
			     (rnd(4) ? 0 : 3);
	return n;
}

static int mhex(unsigned char c)
{
	const char *d = "0123456789abcdef";
	for (int i = 0; i < 16; i++)
		if (c == d[i] || c == (d[i] >= 'a' ? d[i] - 32 : d[i]))
			return i;
	return -1;
}

/* The framing rules applied to a whole stream in memory: the next result
 * from *pos, with the payload at s[*start], *len bytes long. */
static int model_next(const unsigned char *s, size_t n, size_t *pos,
		      int no_ack, size_t *start, size_t *len)
{
	for (;;) {
		if (*pos >= n)
			return RSP_EOF;
		unsigned char b = s[(*pos)++];
		if (b == 0x03)
			return RSP_INTERRUPT;
		if (b != '$')
			continue;
		size_t st = *pos;
		while (*pos < n && s[*pos] != '#') {
			if (s[*pos] == '$')
				st = *pos + 1;
			(*pos)++;
		}
		if (*pos + 3 > n)
			return RSP_EOF;
		int hi = mhex(s[*pos + 1]), lo = mhex(s[*pos + 2]);
		int sum_ok = hi >= 0 && lo >= 0 &&
			     hi * 16 + lo == sum_of(s + st, *pos - st);
		*start = st;
		*len = *pos - st;
		*pos += 3;
		if (*len <= RSP_MAX_PAYLOAD && (sum_ok || no_ack))
			return RSP_PACKET;
	}
}

static void test_fuzz(void)
{
	static unsigned char s[4 * RSP_MAX_PAYLOAD];
	int devnull = open("/dev/null", O_WRONLY);
	CHECK(devnull >= 0, "open /dev/null");
	int packets = 0, interrupts = 0;
	for (int iter = 0; iter < 3000; iter++) {
		size_t n = gen_stream(s, iter % 100 == 99);
		int sv[2];
		struct rsp_conn c;
		CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
		/* acks go to /dev/null: nobody reads them */
		CHECK(rsp_init(&c, sv[0], devnull, &err) == 0, "init: %s", err.msg);
		int no_ack = iter & 1;
		if (no_ack)
			rsp_set_no_ack(&c);
		pid_t pid = -1;
		if (n > 32768) { /* more than the socket may buffer */
			pid = feed(sv[1], sv[0], s, n);
		} else {
			put(sv[1], s, n);
			shutdown(sv[1], SHUT_WR);
		}
		size_t pos = 0, steps = 0;
		for (;;) {
			const char *pl;
			size_t len, mstart = 0, mlen = 0;
			int r = rsp_recv(&c, &pl, &len, &err);
			int m = model_next(s, n, &pos, no_ack, &mstart, &mlen);
			CHECK(r == m, "stream %d step %zu: rsp_recv %d, model %d (%s)",
			      iter, steps, r, m, r < 0 ? err.msg : "");
			if (r == RSP_PACKET) {
				CHECK(len == mlen && !memcmp(pl, s + mstart, len) &&
					      pl[len] == 0,
				      "stream %d step %zu: payload differs", iter, steps);
				packets++;
			}
			interrupts += r == RSP_INTERRUPT;
			if (r == RSP_EOF)
				break;
			CHECK(++steps <= n, "stream %d does not end", iter);
		}
		if (pid > 0)
			reap(pid);
		rsp_free(&c);
		close(sv[0]);
		close(sv[1]);
	}
	close(devnull);
	/* the streams must have exercised what they are meant to */
	EXPECT(packets > 10000 && interrupts > 3000, "fuzz: %d packets, %d interrupts",
	       packets, interrupts);
}

/* A lost packet would leave a read blocked for ever: fail instead. */
static void watchdog(int sig)
{
	(void)sig;
	static const char msg[] = "FAIL: watchdog: blocked for 60 s (a lost packet?)\n";
	if (write(2, msg, sizeof msg - 1) < 0)
		_exit(2);
	_exit(1);
}

int main(void)
{
	signal(SIGALRM, watchdog);
	alarm(60);
	test_send();
	test_round_trip();
	test_recv();
	test_oversized();
	test_poll_interrupt();
	test_helpers();
	test_fuzz();
	return check_failures ? 1 : 0;
}
