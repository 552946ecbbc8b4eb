"""A trace is untrusted input (issue: replaying one can never touch the
outside world). Each test here makes a recording or a trace that tries to
reach outside the replay, and checks that it does not and that heisen says
why in one line."""
import struct

from trace_edit import EV_SYSCALL, rewrite_first

SYS_READ = 0


def test_int80_is_refused_at_record(heisen, prog, checks, tmp_path):
    """int 0x80 enters the i386 table, where 14 is mknod (14 is
    rt_sigprocmask in the x86-64 one): the recorder must stop before the
    kernel runs it, and say which call it was."""
    target = tmp_path / "made-by-int80"
    rec = heisen.record(prog("int80_mknod"), [target], input=b"y")
    checks.clean_error(rec, max_lines=2)
    assert b"i386 syscall mknod (int 0x80 or sysenter, number 14)" in rec.stderr
    assert not target.exists(), "the i386 mknod ran under the recorder"


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
