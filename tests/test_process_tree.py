"""Whole process trees: fork, vfork, exec (ELF and #! scripts), pipes,
wait4, signals between processes. Each recorded once, replayed three
times with output and exit status equal to the recording's."""
import os
import shlex
import subprocess
from pathlib import Path

import pytest

REPLAYS = 3
REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "tests" / "scripts"


def replays_match(heisen, checks, rec):
    for i in range(REPLAYS):
        rp = heisen.replay(rec.trace)
        checks.same_run(rp, rec, f"replay {i + 1} of {REPLAYS}")


def test_shell_pipeline(heisen, checks, tmp_path):
    rec = heisen.record("/bin/sh", ["-c", "seq 100000 | sort -r | sha256sum"],
                        out=tmp_path / "trace")
    assert rec.returncode == 0, rec.stderr
    assert len(rec.stdout.split()[0]) == 64
    replays_match(heisen, checks, rec)


def test_racy_reap_order(heisen, checks, prog, tmp_path):
    rec = heisen.record(prog("reap_order"), out=tmp_path / "trace")
    assert rec.returncode == 0, rec.stderr
    assert rec.stdout.startswith(b"reaped: worker")
    replays_match(heisen, checks, rec)


def test_script_with_jobs_subshell_and_substitution(heisen, checks, tmp_path):
    rec = heisen.record(str(SCRIPTS / "jobs.sh"), out=tmp_path / "trace")
    assert rec.returncode == 3, rec.stderr
    assert b"command sub\nstitution" in rec.stdout
    assert b"job one done" in rec.stdout and b"job two done" in rec.stdout
    replays_match(heisen, checks, rec)


def test_kill_segv_and_exit_codes(heisen, checks, prog, tmp_path):
    rec = heisen.record(prog("kill_child"), out=tmp_path / "trace")
    assert rec.returncode == 0, rec.stderr
    assert rec.stdout.splitlines()[:2] == [b"a: signaled 1 sig 9", b"b: signaled 1 sig 11"]
    replays_match(heisen, checks, rec)
    ps = heisen.run("ps", rec.trace)
    assert ps.returncode == 0, ps.stderr
    rows = [l.split(None, 3) for l in ps.stdout.decode().splitlines()[1:]]
    assert [r[2] for r in rows] == ["0", "SIGKILL", "SIGSEGV", "0", "1", "2", "3"], ps.stdout
    assert all(r[1] == "2" for r in rows[1:]), ps.stdout


def test_cgi_server_recorded_alone(heisen, checks, heisen_bin, tmp_path):
    """The cgi target's server under heisen, its scenario's client outside.
    The replay runs with no client and prints what the server printed."""
    trace, out = tmp_path / "trace", tmp_path / "server.out"
    prefix = (f"bash -c 'set -o pipefail; {shlex.quote(str(heisen_bin))} record "
              f"-o {shlex.quote(str(trace))} -- \"$@\" | tee {shlex.quote(str(out))}' --")
    env = dict(os.environ, HEISEN_TRACE_DIR=str(tmp_path))
    sc = subprocess.run([str(REPO / "targets" / "cgi" / "scenario"), "--fixed",
                         "--timeout", "30", "--server-cmd", prefix],
                        capture_output=True, timeout=300, env=env)
    assert sc.returncode == 0, sc.stderr.decode()
    recorded = out.read_bytes()
    assert recorded.startswith(b"port "), recorded
    for i in range(REPLAYS):
        rp = heisen.replay(trace)
        checks.no_crash(rp)
        assert rp.returncode == 0, rp.stderr.decode()
        assert rp.stdout == recorded, f"replay {i + 1}"
