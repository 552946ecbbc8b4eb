"""No silent wrong replay of output: at its end the replay checks that what
it re-emitted on each stream (thread and stdout/stderr) is what the
recording wrote there (byte counts and digests kept in the end record). A
trace whose written bytes were changed, with a valid record checksum, must
replay to a divergence (exit 3), not print the changed bytes as if right."""
import struct

TRACE_HEAD = 12           # magic (8) and version (4)
EV_SYSCALL = 3


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


def tamper_output(trace, text):
    """Change one byte of the syscall record whose data holds `text`, and
    give the record a valid checksum again."""
    path = trace / "trace"
    blob = bytearray(path.read_bytes())
    for off, rtype, payload in records(bytes(blob)):
        at = payload.find(text)
        if rtype != EV_SYSCALL or at < 0:
            continue
        new = bytearray(payload)
        new[at] ^= 0x20                         # 'd' -> 'D'
        start = off + 5
        blob[start:start + len(new)] = new
        crc = crc32c(new, crc32c(bytes([rtype])))
        struct.pack_into("<I", blob, start + len(new), crc)
        path.write_bytes(bytes(blob))
        return
    raise AssertionError(f"no syscall record holds {text!r}")


def test_changed_output_is_a_divergence(heisen, prog, checks):
    rec = heisen.record(prog("mutex_cond_handoff"))
    assert rec.returncode == 0, rec.stderr
    assert b"done: 100 items" in rec.stdout
    checks.same_run(heisen.replay(rec.trace), rec)
    tamper_output(rec.trace, b"done: 100 items")
    rp = heisen.replay(rec.trace)
    checks.no_crash(rp)
    assert rp.returncode == 3, rp.stderr.decode()
    assert b"Done: 100 items" in rp.stdout          # it was re-emitted...
    assert b"the replay re-emitted" in rp.stderr    # ...and reported
    assert b"the recording wrote" in rp.stderr
