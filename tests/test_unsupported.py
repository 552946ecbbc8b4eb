"""What heisen cannot record yet stops the recording with one clear error
naming it and the event number, and the partial trace replays to that
point and reports the error instead of pretending to be complete."""
import re

import pytest


@pytest.mark.parametrize("what, name", [("shm", "shmget"),
                                        ("io_uring", "io_uring_setup"),
                                        ("mapshared", "shared and writable")])
def test_unsupported_is_refused_with_its_name(heisen, prog, tmp_path, what, name):
    trace = tmp_path / "trace"
    data = tmp_path / "data"
    data.write_bytes(b"x" * 4096)
    rec = heisen.record(prog("unsupported"), [what, str(data)], out=trace)
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
