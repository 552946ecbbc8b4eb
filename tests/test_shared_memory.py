"""Memory shared between processes of the recording replays: an anonymous
MAP_SHARED region, /dev/zero, a memfd, an unlinked tmpfile changed with
pwrite while mapped, and a SysV segment (tests/progs/shared_mem.c). The
trace says what was shared (shared records of each kind); the replay keeps
its copies in a directory under $TMPDIR that is gone when it ends; and a
trace whose shared records were changed replays to a divergence or a clear
error, never to a silently different run."""
import json
import os
import struct
import subprocess

from trace_edit import rewrite_first

EV_SHARED = 14
SHARED_MAP, SHARED_ZERO, SHARED_SYNC = 1, 2, 3
# a shared record's payload: tid u32, kind u8, object u32, size u64,
# offset u64, hash (u32 length, bytes), data (u32 length, bytes)
KIND_AT, OBJECT_AT, HASH_AT = 4, 5, 25

EXPECTED = (b"anonymous 3000, /dev/zero 3000\n"
            b"memfd 750 750 750 750\n"
            b"sysv 750 750 750 750\n"
            b"tmpfile through the mapping: c0c1c2\n")


def shared_records(heisen, trace):
    dump = heisen.dump(trace, json=True)
    assert dump.returncode == 0, dump.stderr
    events = [json.loads(l) for l in dump.stdout.decode().splitlines()]
    return [ev for ev in events if ev.get("type") == "shared"]


def record_shared(heisen, prog):
    rec = heisen.record(prog("shared_mem"))
    assert rec.returncode == 0, rec.stderr.decode()
    assert rec.stdout == EXPECTED
    return rec


def test_shared_memory_replays(heisen, prog, checks, tmp_path):
    rec = record_shared(heisen, prog)
    kinds = [ev["kind"] for ev in shared_records(heisen, rec.trace)]
    # the parent maps the memfd, the tmpfile and the segment; each of the
    # three children maps the memfd and the segment again
    assert kinds.count("map") == 3 + 3 * 2, kinds
    assert kinds.count("zero") == 1, kinds
    assert kinds.count("sync") == 3, kinds      # one pwrite per child

    copies = tmp_path / "replay-tmp"
    copies.mkdir()
    heisen.env["TMPDIR"] = str(copies)
    for _ in range(3):
        checks.same_run(heisen.replay(rec.trace), rec)
        assert list(copies.iterdir()) == [], "the replay left its copies behind"


def test_changed_sync_record_is_a_divergence(heisen, prog, checks):
    rec = record_shared(heisen, prog)

    def change(rtype, payload):
        if rtype != EV_SHARED or payload[KIND_AT] != SHARED_SYNC:
            return None
        at = payload.rfind(b"c0")
        assert at > 0, payload
        return payload[:at] + b"X0" + payload[at + 2:]
    assert rewrite_first(rec.trace, change)
    rp = heisen.replay(rec.trace)
    checks.no_crash(rp)
    assert rp.returncode == 3, rp.stderr.decode()
    assert b"divergence" in rp.stderr


def test_hostile_shared_records_are_refused(heisen, prog, checks):
    rec = record_shared(heisen, prog)
    saved = (rec.trace / "trace").read_bytes()

    def object_beyond(rtype, payload):
        if rtype != EV_SHARED or payload[KIND_AT] != SHARED_MAP:
            return None
        return payload[:OBJECT_AT] + struct.pack("<I", 70000) + payload[OBJECT_AT + 4:]

    def hash_outside(rtype, payload):
        if rtype != EV_SHARED or payload[KIND_AT] != SHARED_MAP:
            return None
        (n,) = struct.unpack_from("<I", payload, HASH_AT)
        assert n == 32, payload
        bad = b"../../../../../../../etc/passwd"[:32].ljust(32, b"/")
        return payload[:HASH_AT + 4] + bad + payload[HASH_AT + 4 + 32:]

    for change, message in ((object_beyond, b"shared object 70000"),
                            (hash_outside, b"malformed shared record")):
        (rec.trace / "trace").write_bytes(saved)
        assert rewrite_first(rec.trace, change)
        rp = heisen.replay(rec.trace)
        checks.clean_error(rp, 125)
        assert message in rp.stderr, rp.stderr.decode()


def test_copies_of_a_killed_replay_are_removed_by_the_next(heisen, prog, checks, tmp_path):
    rec = record_shared(heisen, prog)
    copies = tmp_path / "replay-tmp"
    copies.mkdir()
    heisen.env["TMPDIR"] = str(copies)
    gone = subprocess.Popen(["true"])       # a pid that no longer runs
    gone.wait()
    stale = copies / f"heisen-replay-{gone.pid}-AbC123"
    stale.mkdir()
    (stale / "object-0").write_bytes(b"left by a replay that was killed")
    alive = copies / f"heisen-replay-{os.getpid()}-AbC123"   # ours: kept
    alive.mkdir()
    checks.same_run(heisen.replay(rec.trace), rec)
    assert sorted(p.name for p in copies.iterdir()) == [alive.name]
