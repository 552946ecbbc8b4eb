"""Bad input gets one clear error, never a crash or a hang.

Damaged traces (truncated in the middle of a record, corrupted, of the wrong
format version), missing traces, a missing program and bad options: each
must produce a short error on stderr whose first line starts with "heisen",
the documented exit status (125 for heisen's own errors and bad traces, 127
for a program that cannot be found), no death by signal and no sanitizer
report.  Every command has a timeout, so a hang fails its test.
"""
import os
import shutil
import struct

import pytest

from trace_edit import (EV_SYSCALL, SF_ENTERED, SYSCALL_NR_AT, SYSCALL_RESULT_AT,
                        rewrite_first)

TIMEOUT = 60
SYS_VFORK = 58
MAGIC = b"HEISEN\0\1"
TRACE_FILE = "trace"  # the trace directory's main file


@pytest.fixture(scope="module")
def pristine(heisen_factory, prog, checks, tmp_path_factory):
    """One good recording, shared by the tests of this module (they damage
    copies of it)."""
    h = heisen_factory(tmp_path_factory.mktemp("pristine"))
    rec = h.record(prog("mutex_cond_handoff"))
    checks.no_crash(rec)
    assert rec.returncode == 0, rec.stderr.decode(errors="replace")
    assert (rec.trace / TRACE_FILE).is_file(), f"no {TRACE_FILE} in {rec.trace}"
    size = (rec.trace / TRACE_FILE).stat().st_size
    assert size > 64, f"suspiciously small trace file: {size} bytes"
    return rec


@pytest.fixture
def trace_copy(pristine, tmp_path):
    """copy() -> a fresh copy of the pristine trace directory."""
    count = [0]

    def copy():
        count[0] += 1
        dst = tmp_path / f"damaged-{count[0]}"
        shutil.copytree(pristine.trace, dst, symlinks=True)
        return dst
    return copy


def _trace_size(trace):
    return (trace / TRACE_FILE).stat().st_size


def _flip(trace, offset, length=16):
    path = trace / TRACE_FILE
    with open(path, "r+b") as f:
        f.seek(offset)
        data = f.read(length)
        f.seek(offset)
        f.write(bytes(b ^ 0xFF for b in data))


def test_pristine_trace_replays(heisen, pristine, trace_copy, checks):
    """The undamaged copy replays: whatever fails below, the damage did it."""
    rp = heisen.replay(trace_copy(), timeout=TIMEOUT)
    checks.same_run(rp, pristine, "replay of the undamaged trace")


# --------------------------------------------------------------- truncated --

@pytest.mark.parametrize("cut", ["empty", "in_magic", "in_version"])
def test_truncated_header(heisen, trace_copy, checks, cut):
    trace = trace_copy()
    size = {"empty": 0, "in_magic": 5, "in_version": len(MAGIC) + 2}[cut]
    os.truncate(trace / TRACE_FILE, size)
    checks.clean_error(heisen.replay(trace, timeout=TIMEOUT), 125)


@pytest.mark.parametrize("fraction", [0.6, 0.3])
def test_truncated_mid_record(heisen, trace_copy, checks, fraction):
    """Cut the trace file in the middle of a record.  Should the cut fall
    exactly between two records, what is left is a valid prefix (like the
    trace of a SIGKILLed recorder: exit 4 and a warning); one byte further
    on cannot also be a record boundary, so that cut is then the test."""
    at = int(_trace_size(trace_copy()) * fraction)
    for attempt, cut in enumerate((at, at + 1)):
        trace = trace_copy()
        os.truncate(trace / TRACE_FILE, cut)
        rp = heisen.replay(trace, timeout=TIMEOUT)
        checks.no_crash(rp)
        if attempt == 0 and rp.returncode == 4 and b"incomplete" in rp.stderr.lower():
            continue
        checks.clean_error(rp, 125)
        break
    else:
        pytest.fail(f"cuts at {at} and {at + 1} bytes both read as complete records")


# --------------------------------------------------------------- corrupted --

@pytest.mark.parametrize("where", ["magic", "0.3", "0.5", "0.85"])
def test_corrupted(heisen, trace_copy, checks, where):
    trace = trace_copy()
    if where == "magic":
        _flip(trace, 0, 4)
    else:
        _flip(trace, int(_trace_size(trace) * float(where)))
    checks.clean_error(heisen.replay(trace, timeout=TIMEOUT), 125)


def test_wrong_version(heisen, trace_copy, checks):
    trace = trace_copy()
    path = trace / TRACE_FILE
    with open(path, "r+b") as f:
        head = f.read(len(MAGIC) + 4)
        assert head[:len(MAGIC)] == MAGIC, f"unexpected trace header {head!r}"
        f.seek(len(MAGIC))
        f.write(struct.pack("<I", 999))
    cp = heisen.replay(trace, timeout=TIMEOUT)
    checks.clean_error(cp, 125)


# ------------------------------------------------------------------- dump --

DAMAGE = {
    "truncated": lambda t: os.truncate(t / TRACE_FILE, int(_trace_size(t) * 0.6) + 1),
    "corrupted": lambda t: _flip(t, int(_trace_size(t) * 0.5)),
    "wrong_version": lambda t: _write_at(t, len(MAGIC), struct.pack("<I", 999)),
    "empty": lambda t: os.truncate(t / TRACE_FILE, 0),
}


def _write_at(trace, offset, data):
    with open(trace / TRACE_FILE, "r+b") as f:
        f.seek(offset)
        f.write(data)


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("json", [False, True], ids=["text", "json"])
def test_dump_of_damaged_trace(heisen, trace_copy, checks, damage, json):
    """dump may print the events before the damage, but it must then fail
    with an error line, not crash."""
    trace = trace_copy()
    DAMAGE[damage](trace)
    cp = heisen.dump(trace, json=json, timeout=TIMEOUT)
    checks.no_crash(cp)
    assert cp.returncode != 0, f"dump of a {damage} trace succeeded"
    lines = cp.stderr.decode(errors="replace").splitlines()
    assert any(l.startswith("heisen") for l in lines), f"no error line: {lines}"


# ----------------------------------------------------------------- missing --

@pytest.mark.parametrize("command", ["replay", "dump"])
@pytest.mark.parametrize("what", ["missing_dir", "empty_dir", "regular_file"])
def test_missing_trace(heisen, checks, tmp_path, command, what):
    target = tmp_path / "no-such-trace"
    if what == "empty_dir":
        target.mkdir()
    elif what == "regular_file":
        target.write_bytes(b"not a trace\n")
    args = ["replay", "-a", target] if command == "replay" else ["dump", target]
    checks.clean_error(heisen.run(*args, timeout=TIMEOUT), 125)


@pytest.mark.parametrize("program", ["/nonexistent/prog", "heisen-no-such-program-here"])
def test_missing_program(heisen, checks, tmp_path, program):
    cp = heisen.run("record", "-o", tmp_path / "t", "--", program, timeout=TIMEOUT)
    checks.clean_error(cp, 127)


# ------------------------------------------------------------- bad options --

BAD_OPTIONS = [
    ["record", "--bogus"],
    ["record", "--bogus", "--", "/bin/true"],
    ["record"],                 # no program
    ["record", "-o"],           # -o without its argument
    ["replay", "--bogus"],
    ["dump", "--bogus"],
    ["ls", "--bogus"],
    ["no-such-command"],
]


@pytest.mark.parametrize("args", BAD_OPTIONS, ids=lambda a: " ".join(a) or "none")
def test_bad_options(heisen, checks, trace_root, args):
    cp = heisen.run(*args, timeout=TIMEOUT)
    checks.clean_error(cp, 125)
    # A rejected command line records nothing.
    assert not [p for p in trace_root.iterdir() if p.name != "latest-trace"], (
        f"{args} left something in {trace_root}")


def test_vfork_that_made_no_child_at_record(heisen, checks):
    """A trace whose vfork was entered (the replay makes the child there)
    but returned an error: the replay's child would keep its parent asleep
    for good. It must be a divergence, not a hang."""
    rec = heisen.record("/bin/sh", ["-c", "ls -d / >/dev/null; echo done"])
    assert rec.returncode == 0, rec.stderr.decode(errors="replace")

    def vfork_failed(rtype, payload):
        nr, flags = struct.unpack_from("<HH", payload, SYSCALL_NR_AT)
        if rtype != EV_SYSCALL or nr != SYS_VFORK or not flags & SF_ENTERED:
            return None
        new = bytearray(payload)
        struct.pack_into("<q", new, SYSCALL_RESULT_AT, -513)   # ERESTARTNOINTR
        return bytes(new)
    assert rewrite_first(rec.trace, vfork_failed), "sh made no vfork"
    rp = heisen.replay(rec.trace, timeout=TIMEOUT)
    checks.no_crash(rp)
    assert rp.returncode == 3, rp.stderr.decode(errors="replace")
    assert b"the replay's vfork made a child; the recorded one returned -513" in rp.stderr
