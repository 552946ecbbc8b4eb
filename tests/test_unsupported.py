"""What heisen cannot record yet stops the recording with one clear error
naming it and the event number, and the partial trace replays to that
point and reports the error instead of pretending to be complete."""
import contextlib
import re
import subprocess

import pytest


@contextlib.contextmanager
def outside_segment():
    """A SysV segment made by a process outside the recording (ipcmk)."""
    out = subprocess.run(["ipcmk", "-M", "4096"], capture_output=True, check=True)
    seg = re.search(rb"(\d+)\s*$", out.stdout).group(1).decode()
    try:
        yield seg
    finally:
        subprocess.run(["ipcrm", "-m", seg], check=True)


@pytest.mark.parametrize("what, name", [
    ("shmat", "no process of the recording made"),
    ("io_uring", "io_uring_setup"),
    ("mapshared", "maps the device /dev/null")])
def test_unsupported_is_refused_with_its_name(heisen, prog, tmp_path, what, name):
    trace = tmp_path / "trace"
    with outside_segment() as seg:
        arg = {"shmat": seg, "mapshared": "/dev/null"}.get(what, "")
        rec = heisen.record(prog("unsupported"), [what, arg], out=trace)
    err = rec.stderr.decode()
    assert rec.returncode == 125, err
    assert rec.stdout == b"start\n"
    line = next(l for l in err.splitlines() if name in l)
    assert re.search(r"event \d+", line), line
    assert "Traceback" not in err and "AddressSanitizer" not in err

    rp = heisen.replay(trace)
    assert rp.returncode == 125, rp.stderr
    assert rp.stdout == b"start\n"
    assert name in rp.stderr.decode()
