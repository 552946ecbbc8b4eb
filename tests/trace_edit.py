"""Changing a trace's records as a hostile or damaged trace would, with
valid checksums, so that only the replay's own checks can catch it
(docs/trace-format.md: after the 12-byte head, records of u32 length,
u8 type, payload, u32 CRC-32C of type and payload)."""
import struct

TRACE_HEAD = 12           # magic (8) and version (4)
EV_SYSCALL = 3
# a syscall record's payload: tid u32, nr u16, flags u16, 6 args, rip, digest
SYSCALL_NR_AT = 4
SYSCALL_FLAGS_AT = 6
SYSCALL_RESULT_AT = 72
SF_ENTERED = 0x01


def _crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


CRC_TABLE = _crc32c_table()


def crc32c(data, crc=0):
    crc ^= 0xFFFFFFFF
    for b in data:
        crc = CRC_TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def records(blob):
    """(offset, type, payload) of every record."""
    off = TRACE_HEAD
    while off + 5 <= len(blob):
        (length,) = struct.unpack_from("<I", blob, off)
        yield off, blob[off + 4], blob[off + 5:off + 5 + length]
        off += 5 + length + 4


def rewrite_first(trace, change):
    """Give the first record for which change(type, payload) returns a new
    payload (of the same length) that payload, with a valid checksum.
    Returns False if no record was changed."""
    path = trace / "trace"
    blob = bytearray(path.read_bytes())
    for off, rtype, payload in records(bytes(blob)):
        new = change(rtype, payload)
        if new is None:
            continue
        assert len(new) == len(payload)
        start = off + 5
        blob[start:start + len(new)] = new
        struct.pack_into("<I", blob, start + len(new), crc32c(new, crc32c(bytes([rtype]))))
        path.write_bytes(bytes(blob))
        return True
    return False
