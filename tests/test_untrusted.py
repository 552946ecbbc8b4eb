"""A trace is untrusted input (issue: replaying one can never touch the
outside world). Each test here makes a recording or a trace that tries to
reach outside the replay, and checks that it does not and that heisen says
why in one line."""
import os
import shutil
import socket
import stat
import struct
import subprocess

import pytest

from trace_edit import (EV_SYSCALL, SYSCALL_NR_AT, SYSCALL_RESULT_AT, crc32c, records,
                        rewrite_first)

EV_END = 12

SYS_READ = 0
SYS_KILL = 62


def test_int80_is_refused_at_record(heisen, prog, checks, tmp_path):
    """int 0x80 enters the i386 table, where 14 is mknod (14 is
    rt_sigprocmask in the x86-64 one): the recorder must stop before the
    kernel runs it, and say which call it was."""
    target = tmp_path / "made-by-int80"
    rec = heisen.record(prog("int80_mknod"), [target], input=b"y")
    checks.clean_error(rec, max_lines=2)
    assert b"i386 syscall mknod (int 0x80 or sysenter, number 14)" in rec.stderr
    assert not target.exists(), "the i386 mknod ran under the recorder"


def test_x32_is_refused_at_record(heisen, prog, checks, tmp_path):
    """A number of 0x40000000 plus an x32 row enters the x32 table."""
    rec = heisen.record(prog("int80_mknod"), [tmp_path / "unused"], input=b"x")
    checks.clean_error(rec, max_lines=2)
    assert b"made the x32 syscall number 39: heisen records only 64-bit" in rec.stderr, \
        rec.stderr


def test_int80_in_a_changed_trace_is_a_divergence(heisen, prog, checks, tmp_path):
    """A trace whose recorded input sends the program down an int 0x80
    path it did not take when recorded: the replay must stop at that
    syscall's entry, before the kernel sees it."""
    target = tmp_path / "made-at-replay"
    rec = heisen.record(prog("int80_mknod"), [target], input=b"n")
    assert rec.returncode == 0, rec.stderr
    checks.same_run(heisen.replay(rec.trace), rec)

    def stdin_says_y(rtype, payload):
        (nr,) = struct.unpack_from("<H", payload, 4)
        (fd,) = struct.unpack_from("<Q", payload, 8)
        if rtype != EV_SYSCALL or nr != SYS_READ or fd != 0 or not payload.endswith(b"n"):
            return None
        return payload[:-1] + b"y"
    assert rewrite_first(rec.trace, stdin_says_y), "no read of stdin recorded"
    rp = heisen.replay(rec.trace)
    checks.no_crash(rp)
    assert rp.returncode == 3, rp.stderr.decode(errors="replace")
    assert b"found the i386 syscall mknod" in rp.stderr, rp.stderr
    assert not target.exists(), "the replay ran the i386 mknod"


# ------------------------------------------------- the trace directory --

def test_trace_is_private_whatever_the_umask(heisen, prog, tmp_path):
    """The trace holds what the program read: its directory is 0700 and
    its files 0600 (copies of mapped files 0500) even under umask 022."""
    old = os.umask(0o022)
    try:
        rec = heisen.record("/bin/echo", ["hi"])
    finally:
        os.umask(old)
    assert rec.returncode == 0, rec.stderr
    modes = {p: stat.S_IMODE(p.lstat().st_mode)
             for p in [rec.trace, *rec.trace.rglob("*")]}
    assert modes[rec.trace] == 0o700
    assert modes[rec.trace / "files"] == 0o700
    assert modes[rec.trace / "trace"] == 0o600
    copies = list((rec.trace / "files").iterdir())
    assert copies, "no mapped file was copied"
    assert all(modes[c] == 0o500 for c in copies), modes


@pytest.mark.parametrize("planted", ["trace", "files"])
def test_planted_symlink_in_the_trace_directory(heisen, prog, checks, tmp_path, planted):
    """`record -o DIR` makes DIR itself (an existing one is refused, as rr
    does), so no symlink planted in it beforehand is ever written through:
    DIR/trace, or DIR/files pointing at a directory, or a symlink under
    files/ named as a copy would be."""
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep").write_bytes(b"precious\n")
    out = tmp_path / "out"
    out.mkdir()
    if planted == "trace":
        (out / "trace").symlink_to(victim / "keep")
    else:
        (out / "files").mkdir()
        (out / "files" / "6b5c5f7b9f869f49c58a0d16fb5c3695").symlink_to(victim / "keep")
    cp = heisen.run("record", "-o", out, "--", "/bin/echo", "hi")
    checks.clean_error(cp)
    assert b"already exists" in cp.stderr, cp.stderr
    assert (victim / "keep").read_bytes() == b"precious\n"
    assert sorted(p.name for p in victim.iterdir()) == ["keep"]


def test_latest_trace_must_be_heisens_symlink(heisen, prog, checks):
    """A real directory named latest-trace (holding a trace of someone
    else's) is neither replaced by record nor used by replay."""
    planted = heisen.trace_root / "latest-trace"
    planted.mkdir(parents=True)
    (planted / "keep").write_bytes(b"precious\n")
    rec = heisen.record("/bin/echo", ["hi"], out=False)
    checks.clean_error(rec)
    assert b"latest-trace is not a symlink" in rec.stderr, rec.stderr
    rp = heisen.replay()
    checks.clean_error(rp)
    assert b"latest-trace is not a symlink" in rp.stderr, rp.stderr
    assert (planted / "keep").read_bytes() == b"precious\n"


# ------------------------------------------------------------ full disk --

# Records onto a 5 MiB tmpfs (room for a shell's mapped files and a little
# trace), mounted in a mount namespace of its own so that no other replay
# on the machine sees a mount appear under /tmp, then copies the trace out.
ON_SMALL_DISK = r"""
mount -t tmpfs -o size=5m tmpfs "$1" || exit 99
"$2" record -o "$1/t" -- /bin/sh -c "$3"
rc=$?
cp -a "$1/t" "$4" || exit 98
exit $rc
"""


def test_full_disk_ends_the_trace_at_a_record(heisen, checks, tmp_path):
    """The disk fills while the trace is written: the recorder says so
    (ENOSPC, not another errno), the trace ends at a whole record with an
    end record that says why, and the replay replays up to it and stops
    with that error."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("mounting a tmpfs in a namespace of its own needs root and unshare")
    script = 'i=0; while [ $i -lt 200000 ]; do echo line $i; i=$((i+1)); done'
    mnt, out = tmp_path / "small", tmp_path / "t"
    mnt.mkdir()
    rec, timed_out = checks.run_bounded(
        ["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
         ON_SMALL_DISK, "on-small-disk", mnt, heisen.binary, script, out], env=heisen.env)
    assert not timed_out
    checks.clean_error(rec)
    assert b"cannot write the trace: No space left on device" in rec.stderr, rec.stderr
    blob = (out / "trace").read_bytes()
    recs = list(records(blob))
    off, rtype, payload = recs[-1]
    assert off + 5 + len(payload) + 4 == len(blob), "the trace ends inside a record"
    (crc,) = struct.unpack_from("<I", blob, off + 5 + len(payload))
    assert crc == crc32c(payload, crc32c(bytes([rtype])))
    assert rtype == EV_END
    rp = heisen.replay(out)
    checks.clean_error(rp)
    assert b"the recording stopped with an error: cannot write the trace: No space left" \
        in rp.stderr, rp.stderr
    replayed = rp.stdout.decode().splitlines()
    assert len(replayed) > 1000 and replayed == [f"line {i}" for i in range(len(replayed))]


# ------------------------------------------------ fields of the records --

EV_MAPFILE = 9
EV_EXIT = 10
EV_END_RECORD = EV_END


def rewrite_all(trace, change):
    """Replace each record for which change(type, payload) returns a new
    payload (of any length), with a valid checksum. Returns how many."""
    path = trace / "trace"
    blob = path.read_bytes()
    out, n, last = bytearray(blob[:12]), 0, 12
    for off, rtype, payload in records(blob):
        new = change(rtype, payload)
        if new is None:
            out += blob[off:off + 5 + len(payload) + 4]
        else:
            n += 1
            out += struct.pack("<IB", len(new), rtype) + new
            out += struct.pack("<I", crc32c(new, crc32c(bytes([rtype]))))
        last = off + 5 + len(payload) + 4
    out += blob[last:]
    path.write_bytes(bytes(out))
    return n


def mapfile_fields(payload):
    """(tid, offset, size, hash, path) of an EV_MAPFILE payload."""
    tid, offset, size, hlen = struct.unpack_from("<IQQI", payload, 0)
    at = 24
    h = payload[at:at + hlen]
    at += hlen
    (plen,) = struct.unpack_from("<I", payload, at)
    return tid, offset, size, h, payload[at + 4:at + 4 + plen]


def mapfile_payload(tid, offset, size, h, p):
    return struct.pack("<IQQI", tid, offset, size, len(h)) + h + struct.pack("<I", len(p)) + p


@pytest.fixture
def echo_trace(heisen):
    rec = heisen.record("/bin/echo", ["hi"])
    assert rec.returncode == 0, rec.stderr
    return rec


@pytest.mark.parametrize("field,value", [
    ("hash", b"../../../../etc/hostname"),
    ("hash", b"6B5C5F7B9F869F49C58A0D16FB5C3695"),   # not lowercase hex
    ("hash", b"6b5c5f7b9f869f49c58a0d16fb5c369"),    # 31 digits
    ("path", b"etc/hostname"),                        # not absolute
])
def test_crafted_mapfile_record(heisen, checks, echo_trace, field, value):
    """A mapped-file record names a copy under files/ by its hash and the
    path the replay binds it over: a hash that is not 32 lowercase hex
    digits, or a relative path, is a corrupt trace, reported in one line
    before anything is mounted."""
    def craft(rtype, payload):
        if rtype != EV_MAPFILE:
            return None
        tid, offset, size, h, p = mapfile_fields(payload)
        if field == "hash":
            h = value
        else:
            p = value
        return mapfile_payload(tid, offset, size, h, p)
    assert rewrite_all(echo_trace.trace, craft) > 0
    for cp in (heisen.replay(echo_trace.trace), heisen.dump(echo_trace.trace)):
        checks.clean_error(cp)
        assert b"corrupt" in cp.stderr, cp.stderr


@pytest.mark.parametrize("change", ["flip", "append", "symlink"])
def test_changed_copy_under_files(heisen, checks, echo_trace, tmp_path, change):
    """A copy under files/ must hash to its name: a flipped byte, a byte
    appended, or a symlink to another file of the same size in its place
    is a clean error, never a replay of other code."""
    copies = sorted((echo_trace.trace / "files").iterdir(), key=lambda p: p.stat().st_size)
    victim = copies[-1]                       # the largest: libc
    data = bytearray(victim.read_bytes())
    victim.chmod(0o700)
    if change == "flip":
        data[len(data) // 2] ^= 1
        victim.write_bytes(bytes(data))
    elif change == "append":
        victim.write_bytes(bytes(data) + b"\0")
    else:
        other = tmp_path / "other"
        data[0] ^= 1
        other.write_bytes(bytes(data))
        victim.unlink()
        victim.symlink_to(other)
    rp = heisen.replay(echo_trace.trace)
    checks.clean_error(rp)
    assert b"trace corrupt: the copy" in rp.stderr, rp.stderr
    assert rp.stdout == b""


def test_changed_end_status(heisen, checks, echo_trace):
    """The end record's status is what replay exits with: one that is not
    the replayed program's exit is a divergence, not a silent exit 4."""
    def status_4(rtype, payload):
        if rtype != EV_END_RECORD:
            return None
        new = bytearray(payload)
        struct.pack_into("<I", new, 5, 4 << 8)    # tid u32, reason u8, status
        return bytes(new)
    assert rewrite_first(echo_trace.trace, status_4)
    rp = heisen.replay(echo_trace.trace)
    checks.no_crash(rp)
    assert rp.returncode == 3, rp.stderr
    assert b"the end record gives the exit status 0x400, the program exited with 0x0" \
        in rp.stderr, rp.stderr


@pytest.mark.parametrize("program", [["/bin/echo", "hi"], ["/bin/sh", "-c", "/bin/true; echo x"]])
def test_unknown_tid_in_the_last_exit(heisen, checks, program):
    """The last exit record names a thread that never existed: a clean
    divergence, not a wait for it that never ends."""
    rec = heisen.record(program[0], program[1:])
    assert rec.returncode == 0, rec.stderr
    blob = (rec.trace / "trace").read_bytes()
    last_exit = max(off for off, rtype, _ in records(blob) if rtype == EV_EXIT)
    path = rec.trace / "trace"
    data = bytearray(blob)
    (length,) = struct.unpack_from("<I", data, last_exit)
    struct.pack_into("<I", data, last_exit + 5, 777)
    payload = bytes(data[last_exit + 5:last_exit + 5 + length])
    struct.pack_into("<I", data, last_exit + 5 + length, crc32c(payload, crc32c(bytes([EV_EXIT]))))
    path.write_bytes(bytes(data))
    rp = heisen.replay(rec.trace)
    checks.no_crash(rp)
    assert rp.returncode == 3, rp.stderr
    assert b"the trace names thread 777, which does not exist" in rp.stderr, rp.stderr


# -------------------------------------------------------------- sandbox --

VICTIM = r"""
import signal, sys
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
print("ready", flush=True)
for line in sys.stdin:
    got = signal.sigtimedwait([signal.SIGUSR1], 0)
    print("got" if got else "none", flush=True)
"""


class Victim:
    """A process outside the replay, with SIGUSR1 blocked so that one sent
    to it stays pending: take() says whether one was sent since the last
    take()."""

    def __init__(self):
        self.proc = subprocess.Popen(["/usr/bin/python3", "-c", VICTIM], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        assert self.proc.stdout.readline() == b"ready\n"

    def take(self):
        self.proc.stdin.write(b"take\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline() == b"got\n"

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


# The syscalls each way makes that nothing else in the program does.
PERFORMED = {"file": "creat", "socket": "socket,connect", "signal": "kill"}


def replay_performing(heisen, trace, way, layer):
    """The replay as if its check were wrong: the way's syscalls performed
    instead of emulated; with layer "namespaces", without the seccomp
    filter, to show the other layers hold alone."""
    env = {"HEISEN_TEST_PERFORM": PERFORMED[way]}
    if layer == "namespaces":
        env["HEISEN_TEST_NO_SECCOMP"] = "1"
    heisen.env.update(env)
    try:
        return heisen.replay(trace)
    finally:
        for k in env:
            del heisen.env[k]


@pytest.mark.parametrize("layer", ["seccomp", "namespaces"])
@pytest.mark.parametrize("way", ["file", "socket", "signal"])
def test_sandbox_holds(heisen, prog, checks, tmp_path, way, layer):
    """A program that writes a file or connects to a socket outside its
    tree really does so when recorded (a signal to a process outside is
    already kept in by the recording's pid namespace: the trace is made to
    say it was sent). Replayed, none of it happens: the syscalls are
    emulated. With them performed for real (HEISEN_TEST_PERFORM: the
    replay's own check made wrong on purpose) the sandbox still stops
    each: the seccomp filter, and without it the read-only file system,
    the network namespace and the pid namespace; the replay reports a
    divergence."""
    victim = listener = None
    target = tmp_path / "escaped"
    try:
        if way == "file":
            arg = str(target)
        elif way == "socket":
            listener = socket.socket()
            listener.bind(("127.0.0.1", 0))
            listener.listen(4)
            arg = str(listener.getsockname()[1])
        else:
            victim = Victim()
            arg = str(victim.proc.pid)

        def happened():
            if way == "file":
                done = target.exists()
                if done:
                    target.unlink()
                return done
            if way == "socket":
                listener.setblocking(False)
                try:
                    conn, _ = listener.accept()
                except BlockingIOError:
                    return False
                conn.close()
                return True
            return victim.take()

        rec = heisen.record(prog("escape"), [way, arg])
        if way == "signal":
            # the recording's own pid namespace already keeps the signal
            # in: the trace is made to say the kill succeeded
            assert rec.stdout == b"signal: failed\n", rec.stderr
            assert not happened(), "the recording signalled outside its tree"

            def kill_succeeded(rtype, payload):
                (nr,) = struct.unpack_from("<H", payload, SYSCALL_NR_AT)
                if rtype != EV_SYSCALL or nr != SYS_KILL:
                    return None
                return payload[:SYSCALL_RESULT_AT] + struct.pack("<q", 0) + \
                    payload[SYSCALL_RESULT_AT + 8:]
            assert rewrite_first(rec.trace, kill_succeeded), "no kill recorded"
            rp = heisen.replay(rec.trace)
            checks.no_crash(rp)
            assert rp.returncode == 3, rp.stderr  # it prints "done" now
        else:
            assert rec.returncode == 0, rec.stderr
            assert rec.stdout == f"{way}: done\n".encode()
            assert happened(), f"the recorded run did not reach out by {way}"
            checks.same_run(heisen.replay(rec.trace), rec)
        assert not happened(), f"the replay reached out by {way}"

        rp = replay_performing(heisen, rec.trace, way, layer)
        checks.no_crash(rp)
        assert rp.returncode == 3, rp.stderr
        assert b"divergence" in rp.stderr, rp.stderr
        if layer == "seccomp":
            assert b"the replay's sandbox (seccomp) killed the process" in rp.stderr, rp.stderr
        assert not happened(), f"the sandbox let the replay reach out by {way}"
    finally:
        if victim:
            victim.close()
        if listener:
            listener.close()


def test_trace_file_that_is_a_fifo(heisen, checks, echo_trace):
    """A FIFO (or a device) in the trace file's place would block a reader
    for good: it is refused in one line."""
    path = echo_trace.trace / "trace"
    path.unlink()
    os.mkfifo(path)
    for cp in (heisen.replay(echo_trace.trace), heisen.dump(echo_trace.trace)):
        checks.clean_error(cp)
        assert b"trace is not a regular file" in cp.stderr, cp.stderr


def test_relative_exe_in_the_header(heisen, checks, echo_trace):
    """The header's program is what the replay execs: a relative path is a
    corrupt trace."""
    def relative(rtype, payload):
        if rtype != 1:                                 # the header
            return None
        (n,) = struct.unpack_from("<I", payload, 0)    # exe: u32 length, bytes
        exe = payload[4:4 + n]
        assert exe.startswith(b"/")
        return payload[:4] + b"." + exe[1:] + payload[4 + n:]
    assert rewrite_first(echo_trace.trace, relative)
    for cp in (heisen.replay(echo_trace.trace), heisen.dump(echo_trace.trace)):
        checks.clean_error(cp)
        assert b"malformed header" in cp.stderr, cp.stderr


def test_terminal_escapes_in_a_trace_are_not_printed(heisen, checks, echo_trace):
    """A trace's strings reach the terminal through dump and through
    replay's errors: an escape sequence in them (here in the end record's
    message, which replay prints) is written as \\x1b, never raw."""
    evil = b"\x1b]0;owned\x07\x1b[2J"

    def end_error(rtype, payload):
        if rtype != EV_END_RECORD:
            return None
        # tid u32, reason u8, status u32, msg (u32 length, bytes), digests
        (n,) = struct.unpack_from("<I", payload, 9)
        return payload[:4] + bytes([3]) + struct.pack("<iI", 125, len(evil)) + evil + \
            payload[13 + n:]
    assert rewrite_all(echo_trace.trace, end_error) == 1
    rp = heisen.replay(echo_trace.trace)
    dump = heisen.dump(echo_trace.trace)
    checks.no_crash(rp)
    checks.no_crash(dump)
    assert b"\\x1b]0;owned\\x07\\x1b[2J" in rp.stderr, rp.stderr
    assert b"\\x1b]0;owned\\x07\\x1b[2J" in dump.stdout, dump.stdout[-500:]
    for out in (rp.stdout, rp.stderr, dump.stdout, dump.stderr):
        assert b"\x1b" not in out and b"\x07" not in out
