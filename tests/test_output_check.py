"""No silent wrong replay of output: the bytes a record says reached
stdout or stderr must match the digest of what the program wrote, which
the replayed program's own write is checked against; and at its end the
replay checks that what it re-emitted on each stream is what the
recording wrote there (byte counts and digests kept in the end record). A
trace whose written bytes were changed, with a valid record checksum, must
replay to a divergence (exit 3) without printing the changed bytes."""
from trace_edit import EV_SYSCALL, rewrite_first


def tamper_output(trace, text):
    """Change one byte of the syscall record whose data holds `text`."""
    def change(rtype, payload):
        at = payload.find(text)
        if rtype != EV_SYSCALL or at < 0:
            return None
        new = bytearray(payload)
        new[at] ^= 0x20                         # 'd' -> 'D'
        return bytes(new)
    assert rewrite_first(trace, change), f"no syscall record holds {text!r}"


def test_changed_output_is_a_divergence(heisen, prog, checks):
    rec = heisen.record(prog("mutex_cond_handoff"))
    assert rec.returncode == 0, rec.stderr
    assert b"done: 100 items" in rec.stdout
    checks.same_run(heisen.replay(rec.trace), rec)
    tamper_output(rec.trace, b"done: 100 items")
    rp = heisen.replay(rec.trace)
    checks.no_crash(rp)
    assert rp.returncode == 3, rp.stderr.decode()
    assert b"Done: 100 items" not in rp.stdout      # never printed
    assert b"what the program wrote to stdout is not the bytes it wrote" in rp.stderr
