"""The recorded program has a session and process group of its own: it
can signal its group (kill(0, ...)) and its parent (kill(getppid(), ...),
the namespace's init under heisen) without reaching the recorder, and the
replay does what the recording did."""


def test_program_signals_its_group_and_parent(heisen, prog, checks):
    rec = heisen.record(prog("signal_own_group"))
    checks.no_crash(rec)
    assert rec.returncode == 0, rec.stderr.decode()
    out = rec.stdout.decode()
    assert "child: got SIGTERM from the group: yes" in out, out
    assert "kill(0, SIGTERM) = 0, parent got it: yes" in out, out
    assert "kill(getppid(), SIGTERM) = 0" in out, out
    assert "kill(0, SIGABRT) = 0, still here" in out, out
    assert b"trace saved" in rec.stderr       # the recorder finished its job
    for _ in range(3):
        checks.same_run(heisen.replay(rec.trace), rec)


def test_own_session(heisen, checks):
    """getsid/getpgrp: the program leads neither; its session and group are
    its init's, not heisen's."""
    rec = heisen.record("/bin/sh", ["-c", 'ps -o sid=,pgid= -p $$; echo "me $$"'])
    checks.no_crash(rec)
    assert rec.returncode == 0, rec.stderr.decode()
    sid, pgid = rec.stdout.split()[:2]
    assert sid == pgid == b"1", rec.stdout     # the namespace init's
    checks.same_run(heisen.replay(rec.trace), rec)
