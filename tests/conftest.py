"""Shared fixtures and helpers for heisen's tests.

Every command runs with a timeout in its own session (process group), so a
hang fails its test instead of the whole run, and whatever it leaves behind
(a tracee that outlived its recorder, say) is killed with it.

Environment:
  HEISEN_BIN   the heisen binary to test (default build/heisen; relative
               paths are taken from the repository root), e.g.
               HEISEN_BIN=build-asan/heisen for the sanitizer build.
"""
import os
import shutil
import selectors
import signal
import subprocess
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILD_DIR = REPO_ROOT / "build"
PROGS_DIR = BUILD_DIR / "progs"

# Generous: the recorder serialises threads and the replayer may single-step.
# The limits are there to turn a hang into a failure, not to measure speed.
TIMEOUT = 120
NATIVE_TIMEOUT = 30

SANITIZER_MARKERS = (
    b"AddressSanitizer",
    b"LeakSanitizer",
    b"UndefinedBehaviorSanitizer",
    b"runtime error:",
)


# --------------------------------------------------------------- processes --

def _kill_group(proc):
    """SIGKILL the process group led by proc (started with
    start_new_session=True), ignoring a group that is already gone."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _describe(argv):
    return " ".join(str(a) for a in argv)


def run_bounded(argv, *, env=None, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
                input=None, cwd=None, preexec_fn=None):
    """Run argv to completion in its own session and return
    (CompletedProcess with bytes stdout/stderr, timed_out). On timeout its
    whole process group is killed. The process is always reaped, and so
    is anything left of its group."""
    argv = [str(a) for a in argv]
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE if input is not None else stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        start_new_session=True,
        preexec_fn=preexec_fn,
    )
    timed_out = False
    try:
        try:
            out, err = proc.communicate(input, timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(proc)
            try:
                out, err = proc.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                out, err = b"", b""
    finally:
        if proc.poll() is None:
            _kill_group(proc)
            proc.kill()
        proc.wait()
        # Anything of its process group still alive is a straggler.
        _kill_group(proc)
        for f in (proc.stdin, proc.stdout, proc.stderr):
            if f is not None:
                f.close()
    return subprocess.CompletedProcess(argv, proc.returncode, out, err), timed_out


def run_cmd(argv, *, timeout=TIMEOUT, **kw):
    """run_bounded(), failing the test on a timeout."""
    cp, timed_out = run_bounded(argv, timeout=timeout, **kw)
    if timed_out:
        pytest.fail(
            f"timed out after {timeout}s: {_describe(cp.args)}\n"
            f"stdout so far:\n{cp.stdout.decode(errors='replace')[-2000:]}\n"
            f"stderr so far:\n{cp.stderr.decode(errors='replace')[-3000:]}",
            pytrace=False)
    return cp


class PipeDrain:
    """Reads a Popen's stdout and stderr pipes without blocking forever:
    pump() reads whatever arrives until a condition holds or a deadline
    passes (then the test fails).  Used to wait for a program's output as
    synchronisation, never a sleep."""

    def __init__(self, proc):
        self.proc = proc
        self.out = bytearray()
        self.err = bytearray()
        self._sel = selectors.DefaultSelector()
        self._sel.register(proc.stdout, selectors.EVENT_READ, self.out)
        self._sel.register(proc.stderr, selectors.EVENT_READ, self.err)

    @property
    def eof(self):
        return not self._sel.get_map()

    def pump(self, until, timeout, what):
        deadline = time.monotonic() + timeout
        while not until():
            if self.eof:
                pytest.fail(f"end of output before {what}; stdout={bytes(self.out)!r}"
                            f" stderr={bytes(self.err)!r}", pytrace=False)
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"timed out after {timeout}s waiting for {what}; "
                            f"stdout={bytes(self.out)!r} stderr={bytes(self.err)!r}",
                            pytrace=False)
            for key, _ in self._sel.select(left):
                data = os.read(key.fileobj.fileno(), 65536)
                if data:
                    key.data.extend(data)
                else:
                    self._sel.unregister(key.fileobj)

    def pump_to_eof(self, timeout, what="end of output"):
        self.pump(lambda: self.eof, timeout, what)

    def close(self):
        self._sel.close()


# ------------------------------------------------------------------ checks --

def program_stderr(stderr):
    """What the program itself wrote to stderr: heisen's own lines (those
    starting with "heisen") removed."""
    return b"".join(line for line in stderr.splitlines(keepends=True)
                    if not line.startswith(b"heisen"))


def assert_no_crash(cp):
    """heisen neither died of a signal nor tripped a sanitizer."""
    assert cp.returncode >= 0, (
        f"{_describe(cp.args)} died of signal {-cp.returncode}\n"
        f"stderr:\n{cp.stderr.decode(errors='replace')[-3000:]}")
    for marker in SANITIZER_MARKERS:
        assert marker not in cp.stderr, (
            f"{_describe(cp.args)}: sanitizer report\n"
            f"{cp.stderr.decode(errors='replace')[-6000:]}")


def assert_clean_error(cp, returncode=125, max_lines=2):
    """One clear error from heisen: the expected non-zero status, no crash,
    stderr non-empty, a couple of lines at most, the first one starting
    with "heisen"."""
    assert_no_crash(cp)
    text = cp.stderr.decode(errors="replace")
    assert cp.returncode != 0, f"{_describe(cp.args)} succeeded; stderr:\n{text}"
    assert cp.returncode == returncode, (
        f"{_describe(cp.args)}: exit {cp.returncode}, expected {returncode}\n"
        f"stderr:\n{text}")
    lines = [l for l in text.splitlines() if l.strip()]
    assert lines, f"{_describe(cp.args)}: no error message on stderr"
    assert len(lines) <= max_lines, (
        f"{_describe(cp.args)}: expected at most {max_lines} line(s) on stderr,"
        f" got {len(lines)}:\n{text}")
    assert lines[0].startswith("heisen"), (
        f"{_describe(cp.args)}: error line does not start with 'heisen': {lines[0]!r}")


def assert_same_run(replayed, recorded, what="replay"):
    """The replay re-emitted the recorded run's stdout, program stderr and
    exit status, byte for byte."""
    assert_no_crash(replayed)
    assert replayed.stdout == recorded.stdout, (
        f"{what}: stdout differs from the recording\n"
        f"recorded: {recorded.stdout[-2000:]!r}\n"
        f"replayed: {replayed.stdout[-2000:]!r}\n"
        f"replay stderr:\n{replayed.stderr.decode(errors='replace')[-3000:]}")
    assert program_stderr(replayed.stderr) == program_stderr(recorded.stderr), (
        f"{what}: stderr differs from the recording\n"
        f"recorded: {recorded.stderr[-2000:]!r}\n"
        f"replayed: {replayed.stderr[-2000:]!r}")
    assert replayed.returncode == recorded.returncode, (
        f"{what}: exit {replayed.returncode}, recording exited "
        f"{recorded.returncode}\n"
        f"replay stderr:\n{replayed.stderr.decode(errors='replace')[-3000:]}")


# ------------------------------------------------------------------ heisen --

class Heisen:
    """Runs the heisen binary with HEISEN_TRACE_DIR pointing at a private
    directory."""

    def __init__(self, binary, trace_root, scratch):
        self.binary = Path(binary)
        self.trace_root = Path(trace_root)
        self.scratch = Path(scratch)
        self.env = dict(os.environ)
        self.env["HEISEN_TRACE_DIR"] = str(self.trace_root)
        self._count = 0

    def new_trace_path(self, stem="trace"):
        """A fresh, not yet existing, path for `record -o`."""
        self._count += 1
        return self.scratch / f"{stem}-{self._count}"

    def run(self, *args, timeout=TIMEOUT, stdin=subprocess.DEVNULL, input=None):
        return run_cmd([self.binary, *args], env=self.env, timeout=timeout,
                       stdin=stdin, input=input)

    def popen(self, *args):
        """Start heisen in its own session with piped stdout/stderr.  The
        caller must reap it (see reap())."""
        return subprocess.Popen(
            [str(self.binary), *[str(a) for a in args]],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, env=self.env, start_new_session=True)

    @staticmethod
    def reap(proc):
        """Kill what is left of proc's process group and reap proc."""
        if proc.poll() is None:
            proc.kill()
        _kill_group(proc)
        proc.wait()
        for f in (proc.stdout, proc.stderr):
            if f is not None:
                f.close()

    def record_stopped(self, prog, sig, until, what, *, stem="stop", timeout=TIMEOUT):
        """`heisen record -o OUT -- PROG`, sent `sig` once until(output so
        far) holds; waits for the recording to end. Returns the
        CompletedProcess (output as the recorder printed it) with `trace`."""
        trace = self.new_trace_path(stem)
        proc = self.popen("record", "-o", trace, "--", prog)
        drain = PipeDrain(proc)
        try:
            drain.pump(lambda: until(drain.out), timeout, what)
            proc.send_signal(sig)
            drain.pump_to_eof(timeout, "the recording to end")
            rc = proc.wait(timeout=timeout)
        finally:
            drain.close()
            self.reap(proc)
        cp = subprocess.CompletedProcess(proc.args, rc, bytes(drain.out), bytes(drain.err))
        cp.trace = Path(trace)
        return cp

    def record(self, prog, args=(), out=None, *, timeout=TIMEOUT,
               stdin=subprocess.DEVNULL, input=None):
        """`heisen record -o OUT -- PROG ARGS...`.  Returns the
        CompletedProcess with an extra attribute `trace`, the trace dir.
        With out=False, no -o is passed (the default location is used) and
        `trace` is None."""
        if out is False:
            cp = self.run("record", "--", prog, *args, timeout=timeout,
                          stdin=stdin, input=input)
            cp.trace = None
            return cp
        if out is None:
            out = self.new_trace_path(Path(str(prog)).name)
        cp = self.run("record", "-o", out, "--", prog, *args,
                      timeout=timeout, stdin=stdin, input=input)
        cp.trace = Path(out)
        return cp

    def replay(self, trace=None, *, timeout=TIMEOUT):
        """`heisen replay -a [TRACE]`."""
        args = ["replay", "-a"]
        if trace is not None:
            args.append(trace)
        return self.run(*args, timeout=timeout)

    def dump(self, trace=None, *, json=False, timeout=TIMEOUT):
        args = ["dump"]
        if json:
            args.append("--json")
        if trace is not None:
            args.append(trace)
        return self.run(*args, timeout=timeout)


def gdb_batch(heisen_bin, trace, commands, cwd, *, pid=None, script=None,
              timeout=180):
    """Stock gdb in batch mode on `target remote | heisen replay --stdio
    [-p PID] TRACE`: the commands, then the lines of script (a gdb command
    file, for what needs several lines). Returns (stdout, CompletedProcess)."""
    gdb = shutil.which("gdb")
    assert gdb, "gdb is not installed: `make deps` (as root) installs it"
    chosen = f"-p {pid} " if pid else ""
    argv = [gdb, "-batch", "-nx", "-iex", "set style enabled off",
            "-iex", "set pagination off", "-iex", "set width 0", "-l", "10000",
            "-ex", "set sysroot /",
            "-ex", f"target remote | {heisen_bin} replay --stdio {chosen}{trace}"]
    for c in commands:
        argv += ["-ex", c]
    if script is not None:
        path = Path(cwd) / "session.gdb"
        path.write_text(script)
        argv += ["-x", str(path)]
    cp = run_cmd(argv, timeout=timeout, cwd=cwd)
    return cp.stdout.decode(errors="replace"), cp


def _heisen_binary():
    value = os.environ.get("HEISEN_BIN")
    path = Path(value) if value else BUILD_DIR / "heisen"
    if not path.is_absolute():
        path = REPO_ROOT / path
    return path


# ---------------------------------------------------------------- fixtures --

@pytest.fixture(scope="session")
def repo_root():
    return REPO_ROOT


@pytest.fixture(scope="session")
def build_dir():
    return BUILD_DIR


@pytest.fixture(scope="session")
def heisen_bin():
    path = _heisen_binary()
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"heisen binary {path} is missing: run `make` first "
                    f"(or set HEISEN_BIN)", pytrace=False)
    return path


@pytest.fixture(scope="session")
def prog():
    """prog(name) -> path of build/progs/NAME, built by `make progs`."""
    def find(name):
        path = PROGS_DIR / name
        if not (path.is_file() and os.access(path, os.X_OK)):
            pytest.fail(f"test program {path} is missing: run `make progs`",
                        pytrace=False)
        return path
    return find


@pytest.fixture
def trace_root(tmp_path, monkeypatch):
    """A fresh HEISEN_TRACE_DIR for this test, also set in the test's own
    environment so that nothing falls back to ~/.local/share/heisen."""
    root = tmp_path / "traces"
    root.mkdir()
    monkeypatch.setenv("HEISEN_TRACE_DIR", str(root))
    return root


@pytest.fixture
def heisen(heisen_bin, trace_root, tmp_path):
    return Heisen(heisen_bin, trace_root, tmp_path)


@pytest.fixture(scope="session")
def heisen_factory(heisen_bin):
    """heisen_factory(dir) -> a Heisen whose traces and scratch files live
    under dir: for fixtures wider than one test (tmp_path_factory)."""
    def make(scratch):
        scratch = Path(scratch)
        root = scratch / "traces"
        root.mkdir(parents=True, exist_ok=True)
        return Heisen(heisen_bin, root, scratch)
    return make


@pytest.fixture
def record(heisen):
    """record(prog, args=(), out=None, ...) -> CompletedProcess (.trace)."""
    return heisen.record


@pytest.fixture
def replay(heisen):
    """replay(trace) -> CompletedProcess of `heisen replay -a TRACE`."""
    return heisen.replay


@pytest.fixture(scope="session")
def run():
    """run(argv, timeout=..., ...) -> CompletedProcess: a native run."""
    def native(argv, **kw):
        kw.setdefault("timeout", NATIVE_TIMEOUT)
        return run_cmd(argv, **kw)
    return native


class Checks:
    """The helpers above, handed to tests by the `checks` fixture (tests do
    not import conftest)."""
    no_crash = staticmethod(assert_no_crash)
    clean_error = staticmethod(assert_clean_error)
    same_run = staticmethod(assert_same_run)
    program_stderr = staticmethod(program_stderr)
    kill_group = staticmethod(_kill_group)
    run_bounded = staticmethod(run_bounded)
    PipeDrain = PipeDrain


@pytest.fixture(scope="session")
def checks():
    return Checks
