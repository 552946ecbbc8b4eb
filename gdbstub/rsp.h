/* Framing layer of the GDB Remote Serial Protocol, the stub's side:
 * `$payload#cs` packets with +/- acknowledgments (until no-ack mode), `}`
 * escaping, and the raw 0x03 byte gdb sends for Ctrl-C. Everything is
 * bounded: a packet longer than RSP_MAX_PAYLOAD is dropped, never buffered.
 * Input and output are two fds, so a TCP socket (the same fd twice) and
 * stdin/stdout both work. */
#ifndef HEISEN_RSP_H
#define HEISEN_RSP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/err.h"

/* Largest payload rsp_recv accepts; the stub advertises a smaller PacketSize. */
#define RSP_MAX_PAYLOAD 0x20000

struct rsp_conn {
	int in_fd, out_fd;
	int no_ack;      /* set by rsp_set_no_ack: no +/- either way */
	int out_is_sock; /* send() with MSG_NOSIGNAL: a gone gdb is an error, not SIGPIPE */
	/* private */
	unsigned char *in;  /* bytes read but not yet framed: in[in_pos..in_len) */
	size_t in_pos, in_len;
	char *pkt;          /* the current payload, RSP_MAX_PAYLOAD + 1 bytes */
	unsigned char *out; /* a packet being sent, flushed whenever it fills */
	size_t out_len;
};

/* Allocate the buffers for a connection reading in_fd and writing out_fd
 * (the fds stay the caller's). */
int rsp_init(struct rsp_conn *c, int in_fd, int out_fd, struct err *e);

/* Free the buffers; does not close the fds. */
void rsp_free(struct rsp_conn *c);

enum { RSP_EOF = 0, RSP_PACKET = 1, RSP_INTERRUPT = 2 };

/* Block for the next packet (acknowledging it in ack mode). Returns
 * RSP_PACKET with *payload at the NUL-terminated raw (still escaped) payload,
 * valid until the next call, and *len its length; RSP_INTERRUPT for a 0x03
 * between packets; RSP_EOF when the client closed (also mid-packet); -1 on
 * an I/O error (e says which). Bad checksums and oversized packets are
 * dropped (answered `-` in ack mode); in no-ack mode checksums are not
 * checked, as the protocol allows, since gdb would never resend. */
int rsp_recv(struct rsp_conn *c, const char **payload, size_t *len,
	     struct err *e);

/* Without blocking, read what gdb sent and look for a 0x03 between packets
 * (the stub asks this while a replay runs). Returns 1 and consumes the 0x03
 * if there is one, 0 if not (other bytes stay buffered for rsp_recv), -1 if
 * the client is gone (EOF or a read error). */
int rsp_poll_interrupt(struct rsp_conn *c);

/* Stop sending +/- (after QStartNoAckMode) and ignore any received. */
void rsp_set_no_ack(struct rsp_conn *c);

/* Send one packet: `$`, the payload with `$#}*` escaped, `#`, checksum.
 * Does not wait for gdb's `+` (rsp_recv skips it). Any length. */
int rsp_send(struct rsp_conn *c, const void *payload, size_t len,
	     struct err *e);

/* rsp_send of a NUL-terminated string. */
int rsp_send_str(struct rsp_conn *c, const char *s, struct err *e);

/* rsp_send of a printf-formatted reply of at most 4 KiB (longer: error). */
int rsp_sendf(struct rsp_conn *c, struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Decode the `}`-escaped binary data of an X packet: len bytes at in into
 * out, which may be in itself (decoding never writes ahead of reading).
 * Returns the decoded length, -1 if the data ends with a lone `}`. */
ssize_t rsp_unescape(const void *in, size_t len, void *out);

/* Write n bytes as 2n lowercase hex chars plus a NUL. */
void rsp_hex_encode(const void *data, size_t n, char *out);

/* Decode nchars hex chars (either case) into nchars/2 bytes at out.
 * Returns 0, or -1 on an odd count or a non-hex char (out then partly written). */
int rsp_hex_decode(const char *hex, size_t nchars, void *out);

/* Parse a hex number at *p (either case), advancing *p past it. Returns 0,
 * or -1, leaving *p alone, if there is no hex digit or it overflows 64 bits. */
int rsp_parse_hex(const char **p, uint64_t *out);

#endif
