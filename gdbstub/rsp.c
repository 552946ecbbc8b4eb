#include "rsp.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define RSP_INBUF 16384
#define RSP_OUTBUF 16384 /* a longer packet goes out in several writes */
#define RSP_SENDF_MAX 4096

static const char hexdig[] = "0123456789abcdef";

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20; /* 'A'..'F' -> 'a'..'f'; nothing else lands there */
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

int rsp_init(struct rsp_conn *c, int in_fd, int out_fd, struct err *e)
{
	memset(c, 0, sizeof *c);
	c->in_fd = in_fd;
	c->out_fd = out_fd;
	struct stat st;
	if (fstat(out_fd, &st) < 0)
		return err_sys(e, "rsp: fd %d", out_fd);
	c->out_is_sock = S_ISSOCK(st.st_mode);
	c->in = malloc(RSP_INBUF);
	c->pkt = malloc(RSP_MAX_PAYLOAD + 1);
	c->out = malloc(RSP_OUTBUF);
	if (!c->in || !c->pkt || !c->out) {
		rsp_free(c);
		return err_set(e, "rsp: out of memory for the buffers");
	}
	return 0;
}

void rsp_free(struct rsp_conn *c)
{
	free(c->in);
	free(c->pkt);
	free(c->out);
	c->in = NULL;
	c->pkt = NULL;
	c->out = NULL;
	c->in_pos = c->in_len = c->out_len = 0;
}

void rsp_set_no_ack(struct rsp_conn *c)
{
	c->no_ack = 1;
}

/* ---- output ---- */

static int write_all(struct rsp_conn *c, const void *data, size_t n,
		     struct err *e)
{
	const unsigned char *p = data;
	while (n) {
		/* on a socket, a gdb that went away must give EPIPE, not kill us */
		ssize_t w = c->out_is_sock ? send(c->out_fd, p, n, MSG_NOSIGNAL)
					   : write(c->out_fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return err_sys(e, "rsp: write to fd %d", c->out_fd);
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int flush(struct rsp_conn *c, struct err *e)
{
	size_t n = c->out_len;
	c->out_len = 0;
	return write_all(c, c->out, n, e);
}

/* `*` too, so that gdb never takes reply data for run-length encoding */
static int needs_escape(unsigned char b)
{
	return b == '$' || b == '#' || b == '}' || b == '*';
}

int rsp_send(struct rsp_conn *c, const void *payload, size_t len,
	     struct err *e)
{
	const unsigned char *p = payload;
	unsigned char sum = 0;
	c->out_len = 0;
	c->out[c->out_len++] = '$';
	for (size_t i = 0; i < len; i++) {
		if (c->out_len + 2 > RSP_OUTBUF && flush(c, e) < 0)
			return -1;
		unsigned char b = p[i];
		if (needs_escape(b)) {
			c->out[c->out_len++] = '}';
			sum += '}';
			b ^= 0x20;
		}
		c->out[c->out_len++] = b;
		sum += b;
	}
	if (c->out_len + 3 > RSP_OUTBUF && flush(c, e) < 0)
		return -1;
	c->out[c->out_len++] = '#';
	c->out[c->out_len++] = (unsigned char)hexdig[sum >> 4];
	c->out[c->out_len++] = (unsigned char)hexdig[sum & 15];
	return flush(c, e);
}

int rsp_send_str(struct rsp_conn *c, const char *s, struct err *e)
{
	return rsp_send(c, s, strlen(s), e);
}

int rsp_sendf(struct rsp_conn *c, struct err *e, const char *fmt, ...)
{
	char buf[RSP_SENDF_MAX + 1];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf)
		return err_set(e, "rsp: formatted reply longer than %d bytes",
			       RSP_SENDF_MAX);
	return rsp_send(c, buf, (size_t)n, e);
}

/* ---- input ---- */

/* One byte, reading more when the buffer is empty: 1, 0 at EOF, -1 on error. */
static int get_byte(struct rsp_conn *c, unsigned char *b, struct err *e)
{
	if (c->in_pos == c->in_len) {
		ssize_t n;
		do
			n = read(c->in_fd, c->in, RSP_INBUF);
		while (n < 0 && errno == EINTR);
		if (n < 0)
			return err_sys(e, "rsp: read from fd %d", c->in_fd);
		if (n == 0)
			return 0;
		c->in_pos = 0;
		c->in_len = (size_t)n;
	}
	*b = c->in[c->in_pos++];
	return 1;
}

/* The rest of a packet after its `$`, through the checksum. The payload goes
 * to c->pkt (*n bytes); *ok says whether to accept it. A `$` inside restarts
 * the packet: gdb escapes it in data, so the packet before was cut short.
 * Returns 1, 0 at EOF, -1 on error. */
static int read_packet(struct rsp_conn *c, size_t *n, int *ok, struct err *e)
{
	unsigned char b, sum = 0, cs[2];
	int too_long = 0, r;
	*n = 0;
	for (;;) {
		if ((r = get_byte(c, &b, e)) <= 0)
			return r;
		if (b == '#')
			break;
		if (b == '$') {
			*n = 0;
			sum = 0;
			too_long = 0;
			continue;
		}
		sum += b;
		if (*n < RSP_MAX_PAYLOAD)
			c->pkt[(*n)++] = (char)b;
		else
			too_long = 1; /* read on to the end, keeping nothing */
	}
	for (int i = 0; i < 2; i++)
		if ((r = get_byte(c, &cs[i], e)) <= 0)
			return r;
	int hi = hexval(cs[0]), lo = hexval(cs[1]);
	int sum_ok = hi >= 0 && lo >= 0 && (hi << 4 | lo) == sum;
	*ok = !too_long && (sum_ok || c->no_ack);
	return 1;
}

int rsp_recv(struct rsp_conn *c, const char **payload, size_t *len,
	     struct err *e)
{
	for (;;) {
		unsigned char b;
		int r = get_byte(c, &b, e);
		if (r <= 0)
			return r;
		if (b == 0x03)
			return RSP_INTERRUPT;
		if (b != '$')
			continue; /* acks (gdb's, for our replies) and junk */
		size_t n;
		int ok;
		if ((r = read_packet(c, &n, &ok, e)) <= 0)
			return r;
		if (!c->no_ack && write_all(c, ok ? "+" : "-", 1, e) < 0)
			return -1;
		if (!ok)
			continue;
		c->pkt[n] = 0;
		*payload = c->pkt;
		*len = n;
		return RSP_PACKET;
	}
}

/* Index of the first 0x03 between packets in the buffered input, or -1.
 * The buffer always starts between packets: rsp_recv returns only there. */
static ssize_t find_interrupt(const struct rsp_conn *c)
{
	int in_pkt = 0, sum_left = 0;
	for (size_t i = c->in_pos; i < c->in_len; i++) {
		unsigned char b = c->in[i];
		if (sum_left) {
			sum_left--;
		} else if (in_pkt) {
			if (b == '#') {
				in_pkt = 0;
				sum_left = 2;
			}
		} else if (b == 0x03) {
			return (ssize_t)i;
		} else if (b == '$') {
			in_pkt = 1;
		}
	}
	return -1;
}

/* Read whatever is available without blocking: 0, or -1 at EOF or error. */
static int read_available(struct rsp_conn *c)
{
	if (c->in_pos > 0) { /* make room at the end */
		memmove(c->in, c->in + c->in_pos, c->in_len - c->in_pos);
		c->in_len -= c->in_pos;
		c->in_pos = 0;
	}
	if (c->in_len == RSP_INBUF)
		return 0; /* full: rsp_recv will drain it first */
	struct pollfd p = { .fd = c->in_fd, .events = POLLIN };
	int r;
	do
		r = poll(&p, 1, 0);
	while (r < 0 && errno == EINTR);
	if (r < 0 || (p.revents & POLLNVAL))
		return -1;
	if (r == 0)
		return 0;
	ssize_t n;
	do
		n = read(c->in_fd, c->in + c->in_len, RSP_INBUF - c->in_len);
	while (n < 0 && errno == EINTR);
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return 0;
	if (n <= 0)
		return -1;
	c->in_len += (size_t)n;
	return 0;
}

int rsp_poll_interrupt(struct rsp_conn *c)
{
	if (read_available(c) < 0)
		return -1;
	ssize_t i = find_interrupt(c);
	if (i < 0)
		return 0;
	size_t at = (size_t)i;
	memmove(c->in + at, c->in + at + 1, c->in_len - at - 1);
	c->in_len--;
	return 1;
}

/* ---- helpers for the packet handlers ---- */

ssize_t rsp_unescape(const void *in, size_t len, void *out)
{
	const unsigned char *s = in;
	unsigned char *d = out;
	size_t j = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = s[i];
		if (b == '}') {
			if (++i == len)
				return -1;
			b = s[i] ^ 0x20;
		}
		d[j++] = b;
	}
	return (ssize_t)j;
}

void rsp_hex_encode(const void *data, size_t n, char *out)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hexdig[p[i] >> 4];
		out[2 * i + 1] = hexdig[p[i] & 15];
	}
	out[2 * n] = 0;
}

int rsp_hex_decode(const char *hex, size_t nchars, void *out)
{
	unsigned char *d = out;
	if (nchars % 2)
		return -1;
	for (size_t i = 0; i < nchars; i += 2) {
		int hi = hexval((unsigned char)hex[i]);
		int lo = hexval((unsigned char)hex[i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		d[i / 2] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int rsp_parse_hex(const char **p, uint64_t *out)
{
	const char *s = *p;
	uint64_t v = 0;
	int d;
	if (hexval((unsigned char)*s) < 0)
		return -1;
	while ((d = hexval((unsigned char)*s)) >= 0) {
		if (v >> 60)
			return -1; /* another digit would not fit */
		v = v << 4 | (uint64_t)d;
		s++;
	}
	*out = v;
	*p = s;
	return 0;
}
