"""The conformance corpus: programs written to exercise one mechanism each
(signals, threads, processes, output) and scripts that run real programs
from Debian as their users do. Used by tests/test_corpus.py, by
tests/corpus/conformance (`make conformance`) and by tests/corpus/check.

A program is a C file under tests/corpus/AREA/ (built by `make corpus` into
build/corpus/AREA/NAME) or an executable script there (run through its
#! line). Its first lines may hold one line of settings:

    // corpus: native=differs args="-n 3" stdin=text timeout=60

  native=same     (default) a native run prints what the recording printed:
                  the recording did not change what the program does
  native=differs  the program's output is nondeterministic: native runs
                  are shown to differ (the first difference ends the loop)
  native=any      no comparison with native runs (say why in the program)
  args=...        its arguments (shell-quoted)
  stdin=text      its stdin is STDIN_TEXT below instead of /dev/null
  timeout=S       a run's time limit (default 60 s)
  refused=TEXT    heisen refuses what the program does, on purpose (a
                  limit of docs/usage.md): the recording must stop with
                  exit 125 and one error line containing TEXT, and the
                  replay of what was recorded must end with that error

Every run is bounded in time and reaped; a recording stays in the program's
own pid namespace, so nothing of it outlives the run.
"""
import concurrent.futures
import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS_DIR = REPO_ROOT / "tests" / "corpus"
BUILD_DIR = REPO_ROOT / "build" / "corpus"
AREAS = ("signals", "threads", "processes", "output", "memory", "syscalls", "real")
SCRIPT_SUFFIXES = (".sh", ".py", ".pl")
STDIN_TEXT = b"first line of input\nsecond line\nthird\n"
DEFAULT_TIMEOUT = 60
# Native runs of a nondeterministic program until two outputs differ.
MAX_NATIVE_RUNS = 30


@dataclass
class Program:
    area: str
    name: str
    source: Path
    path: Path            # what is executed
    native: str = "same"
    args: List[str] = field(default_factory=list)
    stdin: Optional[bytes] = None
    timeout: int = DEFAULT_TIMEOUT
    refused: Optional[str] = None

    @property
    def id(self):
        return f"{self.area}/{self.name}"

    def argv(self):
        return [str(self.path), *self.args]


SETTINGS = re.compile(r"corpus:(.*)$")


def _settings(prog):
    with open(prog.source, errors="replace") as f:
        head = [next(f, "") for _ in range(30)]
    for line in head:
        m = SETTINGS.search(line)
        if not m:
            continue
        for item in shlex.split(m.group(1).replace("*/", "")):
            key, _, value = item.partition("=")
            if key == "native":
                if value not in ("same", "differs", "any"):
                    raise ValueError(f"{prog.source}: native={value}?")
                prog.native = value
            elif key == "args":
                prog.args = shlex.split(value)
            elif key == "stdin":
                if value != "text":
                    raise ValueError(f"{prog.source}: stdin={value}?")
                prog.stdin = STDIN_TEXT
            elif key == "timeout":
                prog.timeout = int(value)
            elif key == "refused":
                prog.refused = value
            else:
                raise ValueError(f"{prog.source}: unknown corpus setting {key!r}")
        break
    return prog


def discover():
    """Every corpus program, in a stable order."""
    progs = []
    for area in AREAS:
        d = CORPUS_DIR / area
        if not d.is_dir():
            continue
        for src in sorted(d.iterdir()):
            if src.suffix == ".c":
                p = Program(area, src.stem, src, BUILD_DIR / area / src.stem)
            elif src.suffix in SCRIPT_SUFFIXES and os.access(src, os.X_OK):
                p = Program(area, src.stem, src, src)
            else:
                continue
            progs.append(_settings(p))
    return progs


# ------------------------------------------------------------------ runs --

@dataclass
class Run:
    argv: List[str]
    returncode: int
    stdout: bytes
    stderr: bytes
    seconds: float
    timed_out: bool = False

    def show(self):
        return (f"$ {' '.join(self.argv)}\nexit {self.returncode}"
                f"{' (timed out)' if self.timed_out else ''}\n"
                f"stdout: {self.stdout[-1500:]!r}\nstderr: {self.stderr[-2500:]!r}")


def exit_status(returncode):
    """A status as a shell (and heisen) reports it: 128+N for death by
    signal N."""
    return 128 - returncode if returncode < 0 else returncode


def run(argv, *, stdin=None, timeout=DEFAULT_TIMEOUT, env=None, cwd=None):
    """Run argv in its own session with a time limit; whatever is left of
    its process group afterwards is killed, and it is always reaped."""
    argv = [str(a) for a in argv]
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=cwd, start_new_session=True)
    timed_out = False
    try:
        out, err = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _killpg(proc.pid)
        out, err = proc.communicate()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        _killpg(proc.pid)
    return Run(argv, exit_status(proc.returncode), out, err, time.monotonic() - start,
               timed_out)


def _killpg(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def program_stderr(stderr):
    """The program's own stderr: heisen's lines removed."""
    return b"".join(l for l in stderr.splitlines(keepends=True)
                    if not l.startswith(b"heisen"))


def same_output(a, b):
    """The same stdout, program stderr and exit status."""
    return (a.stdout == b.stdout and program_stderr(a.stderr) == program_stderr(b.stderr)
            and a.returncode == b.returncode)


def differences(want, got, what):
    """A readable list of what differs between two runs ('' if nothing)."""
    out = []
    if got.timed_out:
        out.append(f"{what} timed out")
    if got.returncode != want.returncode:
        out.append(f"{what} exited {got.returncode}, expected {want.returncode}")
    if got.stdout != want.stdout:
        out.append(f"{what} stdout differs:\n  expected {want.stdout[-800:]!r}\n"
                   f"  got      {got.stdout[-800:]!r}")
    if program_stderr(got.stderr) != program_stderr(want.stderr):
        out.append(f"{what} stderr differs:\n  expected {want.stderr[-800:]!r}\n"
                   f"  got      {got.stderr[-1500:]!r}")
    heisen_lines = [l for l in got.stderr.splitlines() if l.startswith(b"heisen")
                    and not l.startswith(b"heisen: trace saved")
                    and not l.startswith(b"heisen: chaos seed")]
    if heisen_lines and out:
        out.append("heisen said: " + b"\n".join(heisen_lines[-4:]).decode(errors="replace"))
    return "\n".join(out)


# ---------------------------------------------------------------- checks --

@dataclass
class Verdict:
    prog: Program
    problems: List[str]
    record: Optional[Run] = None
    seconds: float = 0.0

    @property
    def ok(self):
        return not self.problems


class Heisen:
    def __init__(self, binary, workdir, cpu=None):
        self.binary = Path(binary)
        self.workdir = Path(workdir)
        self.cpu = cpu
        # A corpus program sees the same environment natively and recorded.
        # An outer make (make test) must not leak its level and flags: the
        # make programs would print "Entering directory" lines naming their
        # random temporary directories, which differ between runs.
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
        self.env["HEISEN_TRACE_DIR"] = str(self.workdir / "traces")

    def record(self, prog, trace, extra=()):
        cpu = ["--cpu", str(self.cpu)] if self.cpu is not None else []
        return run([self.binary, "record", *cpu, *extra, "-o", trace, "--", *prog.argv()],
                   stdin=prog.stdin, timeout=prog.timeout, env=self.env,
                   cwd=self.workdir)

    def replay(self, prog, trace):
        return run([self.binary, "replay", "-a", trace], timeout=prog.timeout,
                   env=self.env, cwd=self.workdir)


def native_problems(prog, rec, env=None, cwd=None):
    """Native runs against the recording: the same for native=same;
    differing from one another for native=differs."""
    if prog.native == "any":
        return []
    first = run(prog.argv(), stdin=prog.stdin, timeout=prog.timeout, env=env, cwd=cwd)
    if first.timed_out:
        return [f"a native run timed out\n{first.show()}"]
    if prog.native == "same":
        diff = differences(first, rec, "the recording")
        return [f"the recording differs from a native run:\n{diff}"] if diff else []
    outputs = {first.stdout + b"\0" + program_stderr(first.stderr) + bytes([first.returncode & 255])}
    for _ in range(MAX_NATIVE_RUNS - 1):
        r = run(prog.argv(), stdin=prog.stdin, timeout=prog.timeout, env=env, cwd=cwd)
        outputs.add(r.stdout + b"\0" + program_stderr(r.stderr) + bytes([r.returncode & 255]))
        if len(outputs) > 1:
            return []
    return [f"native=differs, but {MAX_NATIVE_RUNS} native runs printed the same:\n"
            f"{first.show()}"]


def refusal_problems(prog, heisen, trace, rec):
    """A refused program: one clear error line at record, exit 125, and a
    partial trace whose replay ends with the same error."""
    errors = [l for l in rec.stderr.splitlines() if l.startswith(b"heisen record:")]
    problems = []
    if rec.returncode != 125 or len(errors) != 1 or prog.refused.encode() not in errors[0]:
        problems.append(f"expected one refusal naming {prog.refused!r} and exit 125\n{rec.show()}")
        return problems
    rp = heisen.replay(prog, trace)
    said = [l for l in rp.stderr.splitlines() if l.startswith(b"heisen replay:")]
    if rp.returncode != 125 or not said or prog.refused.encode() not in said[-1]:
        problems.append(f"the replay of the refused recording should end with the same "
                        f"error and exit 125\n{rp.show()}")
    return problems


def check(prog, heisen, *, replays=3, native=True, record_extra=(), tag="",
          keep=True):
    """Record prog once and replay it `replays` times; every replay must
    give the recording's stdout, stderr and exit status byte for byte.
    keep=False removes the trace of a program that passed."""
    verdict = _check(prog, heisen, replays, native, record_extra, tag)
    if verdict.ok and not keep:
        shutil.rmtree(heisen.workdir / f"{prog.area}-{prog.name}{tag}", ignore_errors=True)
    return verdict


def _check(prog, heisen, replays, native, record_extra, tag):
    start = time.monotonic()
    trace = heisen.workdir / f"{prog.area}-{prog.name}{tag}"
    problems = []
    rec = heisen.record(prog, trace, record_extra)
    if prog.refused and not rec.timed_out:
        return Verdict(prog, refusal_problems(prog, heisen, trace, rec), rec,
                       time.monotonic() - start)
    if rec.timed_out:
        problems.append(f"the recording timed out\n{rec.show()}")
    elif any(l.startswith(b"heisen record:") for l in rec.stderr.splitlines()):
        problems.append(f"the recording failed\n{rec.show()}")
    if not problems and native:
        problems += native_problems(prog, rec, heisen.env, heisen.workdir)
    if not problems:
        for i in range(replays):
            rp = heisen.replay(prog, trace)
            diff = differences(rec, rp, f"replay {i + 1}")
            if diff:
                problems.append(diff)
                break
    return Verdict(prog, problems, rec, time.monotonic() - start)


def run_all(heisen_bin, work, programs, **check_args):
    """check() for every program, two at a time (one per CPU), in a stable
    order of results: {id: Verdict}."""
    cpus = queue.Queue()
    for cpu in sorted(os.sched_getaffinity(0))[:2]:
        cpus.put(cpu)
    workers = cpus.qsize()

    def one(prog):
        cpu = cpus.get()
        try:
            d = Path(work) / f"cpu{cpu}"
            (d / "traces").mkdir(parents=True, exist_ok=True)
            return check(prog, Heisen(heisen_bin, d, cpu), keep=False, **check_args)
        finally:
            cpus.put(cpu)

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        return dict(zip((p.id for p in programs), pool.map(one, programs)))
