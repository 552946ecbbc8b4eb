"""Record once, replay three times, get the same bytes back.

Each program in tests/progs/ is recorded once and replayed three times with
`heisen replay -a`; every replay must re-emit the recorded stdout and stderr
byte for byte and exit with the recorded status.  For the programs whose
output is nondeterministic, a separate test shows that native runs really do
differ, so a matching replay means heisen reproduced the nondeterminism.

Also here: a mapped file changed on disk after recording, recordings ended
by SIGTERM/SIGINT/SIGKILL to the recorder, and the basic CLI contract
(--help, the default trace location, ls, dump --json).
"""
import json
import os
import random
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass
from typing import Optional

import pytest

REPLAYS = 3
# Native runs of a nondeterministic program until two outputs differ; the
# first difference ends the loop, so this is only a bound.
MAX_NATIVE_RUNS = 20
TIMEOUT = 120


@dataclass(frozen=True)
class Prog:
    # What the recorded stdout must look like (re.search, bytes): shows the
    # program ran to completion under the recorder.
    expect: bytes
    # How native runs are shown to differ: None for a deterministic
    # program, "repeat" to run it a few times, "cpus" to run it pinned to
    # two different CPUs.
    native: Optional[str]


PROGRAMS = {
    "mutex_cond_handoff": Prog(
        rb"(?m)^consumer: took 100 .*\ndone: 100 items, sum of squares 338350\n\Z",
        None),
    "racy_counter": Prog(
        rb"\Afinal count: \d+ of 4000000 \(\d+ lost\)\n\Z", "repeat"),
    "vdso_clocks": Prog(
        rb"(?s)\Around 0\nCLOCK_REALTIME +\d+\.\d{9}\nCLOCK_MONOTONIC +\d+\.\d{9}\n"
        rb".*gettimeofday +\d+\.\d{6}\ntime +\d+\n.*mixed monotonic deltas: -?\d+\n\Z",
        "repeat"),
    "rdtsc_values": Prog(
        rb"(?s)\Ardtsc\[0\]=\d+ rdtscp\[0\]=\d+ aux=.*\nasm rdtsc=\d+, since first=\d+\n\Z",
        "repeat"),
    "cpuid_info": Prog(
        rb"\Aleaf0: max_leaf=\d+ vendor=\S+\nleaf1: eax=[0-9a-f]{8} ebx=[0-9a-f]{8} "
        rb"ecx=[0-9a-f]{8} edx=[0-9a-f]{8}\nleaf1: apic_id=\d+ logical_cpus=\d+\n"
        rb"leaf1 again: apic_id=\d+\n\Z",
        "cpus"),
    "getrandom_bytes": Prog(
        rb"\Agetrandom:[0-9a-f]{64}\ngetrandom syscall:[0-9a-f]{32}\n"
        rb"urandom:[0-9a-f]{32}\n\Z", "repeat"),
    "itimer_busy": Prog(
        rb"\ASIGALRM landed at iteration \d+\nloop stopped at iteration \d+, 1 alarm\(s\)\n\Z",
        "repeat"),
    "spin_flag": Prog(
        rb"\Aspun \d+ times before the flag was set\nsetter work result [0-9a-f]{16}\n\Z",
        "repeat"),
    "fd_swap": Prog(
        rb"\A1: to stdout\n3: stdout again\n4: fd 2 is now stdout\n6: done\n\Z", None),
}

NONDETERMINISTIC = [n for n, p in PROGRAMS.items() if p.native]


def _show(cp):
    return (f"exit {cp.returncode}\nstdout:\n{cp.stdout.decode(errors='replace')[-2000:]}"
            f"\nstderr:\n{cp.stderr.decode(errors='replace')[-3000:]}")


def _record_ok(heisen, checks, path, args=(), expect=None):
    """Record and check that the program ran to a normal end."""
    rec = heisen.record(path, args)
    checks.no_crash(rec)
    assert rec.returncode == 0, f"recording failed: {_show(rec)}"
    if expect is not None:
        assert re.search(expect, rec.stdout), f"unexpected recorded output: {_show(rec)}"
    assert rec.trace.is_dir(), f"no trace directory {rec.trace}"
    assert (rec.trace / "trace").is_file(), f"no file 'trace' in {rec.trace}"
    return rec


def _replay_matches(heisen, checks, rec, times=REPLAYS):
    for i in range(times):
        rp = heisen.replay(rec.trace)
        checks.same_run(rp, rec, f"replay {i + 1} of {times}")


# ------------------------------------------------ native nondeterminism --

def _pinned(run, path, cpu):
    taskset = shutil.which("taskset")
    if taskset:
        return run([taskset, "-c", str(cpu), path])
    return run([path], preexec_fn=lambda: os.sched_setaffinity(0, {cpu}))


@pytest.mark.parametrize("name", list(PROGRAMS))
def test_native_runs(prog, run, name):
    """Nondeterministic programs print different things on different native
    runs; the deterministic one does not."""
    spec = PROGRAMS[name]
    path = prog(name)
    outputs = []
    if spec.native == "cpus":
        cpus = sorted(os.sched_getaffinity(0))
        if len(cpus) < 2:
            pytest.skip("needs two CPUs to show that CPUID differs between them")
        for cpu in cpus[:2]:
            cp = _pinned(run, path, cpu)
            assert cp.returncode == 0, _show(cp)
            assert re.search(spec.expect, cp.stdout), _show(cp)
            outputs.append(cp.stdout)
        assert outputs[0] != outputs[1], (
            f"{name} printed the same on CPUs {cpus[0]} and {cpus[1]}:\n"
            f"{outputs[0].decode(errors='replace')}")
        return

    runs = MAX_NATIVE_RUNS if spec.native == "repeat" else 3
    for _ in range(runs):
        cp = run([path])
        assert cp.returncode == 0, _show(cp)
        assert re.search(spec.expect, cp.stdout), _show(cp)
        outputs.append(cp.stdout)
        if spec.native and len(set(outputs)) > 1:
            break
    if spec.native:
        assert len(set(outputs)) > 1, (
            f"{len(outputs)} native runs of {name} all printed:\n"
            f"{outputs[0].decode(errors='replace')}")
    else:
        assert len(set(outputs)) == 1, f"{name} should be deterministic: {outputs!r}"


# ----------------------------------------------------- record / replay --

@pytest.mark.slow
@pytest.mark.parametrize("name", list(PROGRAMS))
def test_replay_matches_recording(heisen, prog, checks, name):
    rec = _record_ok(heisen, checks, prog(name), expect=PROGRAMS[name].expect)
    _replay_matches(heisen, checks, rec)


# ---------------------------------------- mapped file changed on disk --

DATA_SIZE = 100_000  # not a multiple of the page size


def _data(size, seed):
    head = f"heisen mmap test data, seed {seed}, {size} bytes\n".encode()
    body = random.Random(seed).randbytes(max(0, size - len(head)))
    return (head + body)[:size]


def _change(path, how, tmp_path):
    if how == "same_size_in_place":
        with open(path, "r+b") as f:
            f.write(_data(DATA_SIZE, 2))
    elif how == "shorter":
        path.write_bytes(_data(5_000, 3))        # O_TRUNC: same inode
    elif how == "longer":
        path.write_bytes(_data(3 * DATA_SIZE, 4))
    elif how == "replaced":
        new = tmp_path / "data.new"
        new.write_bytes(_data(DATA_SIZE + 4096, 5))
        os.replace(new, path)                   # a new inode at the same path
    elif how == "removed":
        path.unlink()
    else:
        raise AssertionError(how)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["same_size_in_place", "shorter", "longer",
                                 "replaced", "removed"])
def test_replay_after_mapped_file_changed(heisen, prog, run, checks, tmp_path, how):
    path = prog("mmap_threads")
    data = tmp_path / "data.bin"
    data.write_bytes(_data(DATA_SIZE, 1))
    rec = _record_ok(heisen, checks, path, [data],
                     expect=rb"\Asize 100000\nhead: heisen mmap test data, seed 1,")
    assert rec.stdout.count(b"whole fnv") == 4

    _change(data, how, tmp_path)
    if data.exists():
        # The change matters: the program now prints something else.
        now = run([path, data])
        assert now.returncode == 0, _show(now)
        assert now.stdout != rec.stdout

    _replay_matches(heisen, checks, rec)


# ------------------------------------------- recorder ended by a signal --

FIRST_LINE = b"1: second thread created, now blocking\n"


def _start_blocking_recording(heisen, prog, checks):
    trace = heisen.new_trace_path("block_threads")
    proc = heisen.popen("record", "-o", trace, "--", prog("block_threads"))
    drain = checks.PipeDrain(proc)
    return trace, proc, drain


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT],
                         ids=lambda s: signal.Signals(s).name)
def test_recorder_stopped_by_signal(heisen, prog, checks, sig):
    """SIGTERM/SIGINT to the recorder ends the recording cleanly: exit
    128+N, a complete trace that replays to its end with the same status."""
    # The program's first line on the recorder's stdout means it is
    # running and about to block: the synchronisation point.
    rec = heisen.record_stopped(prog("block_threads"), sig, lambda out: b"\n" in out,
                                "the program's first line", stem="block_threads",
                                timeout=TIMEOUT)
    trace = rec.trace
    checks.no_crash(rec)
    assert rec.returncode == 128 + sig, _show(rec)
    assert rec.stdout == FIRST_LINE, _show(rec)
    assert (trace / "trace").is_file()
    rec.trace = trace
    _replay_matches(heisen, checks, rec)


@pytest.mark.slow
def test_recorder_sigkilled_trace_replays_prefix(heisen, prog, checks):
    """A recorder killed with SIGKILL leaves a trace without an end record;
    it replays what was recorded, warns that the trace is incomplete and
    exits 4."""
    trace, proc, drain = _start_blocking_recording(heisen, prog, checks)
    try:
        drain.pump(lambda: b"\n" in drain.out, TIMEOUT, "the program's first line")
        proc.kill()
        returncode = proc.wait(timeout=TIMEOUT)
        # A tracee that outlived its recorder must not keep the pipes open.
        checks.kill_group(proc)
        drain.pump_to_eof(TIMEOUT, "the end of the killed recording's output")
    finally:
        drain.close()
        heisen.reap(proc)
    assert returncode == -signal.SIGKILL
    recorded = bytes(drain.out)
    assert recorded.startswith(FIRST_LINE), recorded
    assert (trace / "trace").is_file(), f"SIGKILL left no trace file in {trace}"

    for i in range(REPLAYS):
        rp = heisen.replay(trace)
        checks.no_crash(rp)
        what = f"replay {i + 1} of {REPLAYS} of the SIGKILLed recording"
        assert rp.returncode == 4, f"{what}: {_show(rp)}"
        assert b"incomplete" in rp.stderr.lower(), (
            f"{what}: no warning that the trace is incomplete: {_show(rp)}")
        assert recorded.startswith(rp.stdout), (
            f"{what}: output is not a prefix of the recording's\n"
            f"recorded: {recorded!r}\nreplayed: {rp.stdout!r}")
        # The line becomes visible when the kernel performs the write, which
        # can be just before the recorder saw the syscall return: the killed
        # trace may end before that write. What it has replays.
        assert checks.program_stderr(rp.stderr) == b"", f"{what}: {_show(rp)}"

    dp = heisen.dump(trace)
    checks.no_crash(dp)
    assert dp.returncode == 4, f"dump of the SIGKILLed recording: {_show(dp)}"
    assert b"incomplete" in dp.stderr.lower(), _show(dp)
    last = dp.stdout.splitlines()[-1].split()
    assert last[2:3] != [b"end"], f"dump shows an end the trace lacks: {_show(dp)}"


# ------------------------------------------------------------ CLI basics --

@pytest.mark.parametrize("command", ["record", "replay", "dump", "ls"])
def test_help(heisen, checks, command):
    cp = heisen.run(command, "--help")
    checks.no_crash(cp)
    assert cp.returncode == 0, _show(cp)
    assert b"usage" in (cp.stdout + cp.stderr).lower(), _show(cp)


def test_default_trace_location_and_ls(heisen, prog, checks, trace_root):
    """Without -o the trace goes to $HEISEN_TRACE_DIR/<prog>-<n>, with a
    latest-trace symlink; `replay -a` without TRACE replays it; `ls` lists
    it."""
    name = "getrandom_bytes"
    rec = heisen.record(prog(name), out=False)
    checks.no_crash(rec)
    assert rec.returncode == 0, _show(rec)
    assert re.search(PROGRAMS[name].expect, rec.stdout), _show(rec)

    traces = [p for p in trace_root.iterdir()
              if p.is_dir() and not p.is_symlink()]
    assert len(traces) == 1, f"expected one trace in {trace_root}: {traces}"
    trace = traces[0]
    assert re.fullmatch(re.escape(name) + r"-\d+", trace.name), trace.name
    assert (trace / "trace").is_file()
    latest = trace_root / "latest-trace"
    assert latest.is_symlink(), f"no latest-trace symlink in {trace_root}"
    assert latest.resolve() == trace.resolve()
    assert trace.name.encode() in rec.stderr, (
        f"the recorder did not name the trace on stderr: {_show(rec)}")

    rp = heisen.replay()                        # the latest trace
    checks.same_run(rp, rec, "replay of latest-trace")

    ls = heisen.run("ls")
    checks.no_crash(ls)
    assert ls.returncode == 0, _show(ls)
    assert trace.name.encode() in ls.stdout, _show(ls)


def test_dump(heisen, prog, checks):
    rec = _record_ok(heisen, checks, prog("getrandom_bytes"),
                     expect=PROGRAMS["getrandom_bytes"].expect)

    text = heisen.dump(rec.trace)
    checks.no_crash(text)
    assert text.returncode == 0, _show(text)
    assert text.stdout.strip(), "dump printed nothing"

    js = heisen.dump(rec.trace, json=True)
    checks.no_crash(js)
    assert js.returncode == 0, _show(js)
    events = []
    for n, line in enumerate(js.stdout.splitlines(), 1):
        if not line.strip():
            continue
        try:
            ev = json.loads(line)
        except ValueError as e:
            pytest.fail(f"dump --json line {n} is not JSON ({e}): {line!r}")
        assert isinstance(ev, dict), f"line {n}: {line!r}"
        assert isinstance(ev.get("event"), int) and not isinstance(ev["event"], bool), (
            f"line {n}: no numeric 'event': {line!r}")
        assert isinstance(ev.get("type"), str), f"line {n}: no 'type': {line!r}"
        if ev["type"] == "syscall":
            assert isinstance(ev.get("name"), str), f"line {n}: syscall without 'name'"
        events.append(ev)
    assert events, "dump --json printed no events"
    names = {ev["name"] for ev in events if ev["type"] == "syscall"}
    for expected in ("getrandom", "read", "write"):
        assert expected in names, f"no {expected} syscall event in the dump: {sorted(names)}"
