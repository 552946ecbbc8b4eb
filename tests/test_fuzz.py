"""The libFuzzer harnesses (fuzz/README.md): `make fuzz-build` builds them
with clang in build-fuzz/, then each runs through `make fuzz-run-NAME` as
`make fuzz` runs it (its fuzz/regressions/ inputs once each, then fuzzing
from its seeds), for FUZZ_SECONDS=20, the three at once to save time, each
with a fresh corpus and temporary directory of its own. A harness passes if
it exits 0 after its 20 seconds with no crash, leak or timeout (a crashing
input is kept in build-fuzz/crashes/) and leaves no temporary file.

Skipped only when clang-14 or its libFuzzer runtime (libclang-rt-14-dev)
is missing and cannot be installed: scripts/deps.sh installs both as root."""
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
HARNESSES = ("trace_read", "dump", "rsp")
SEEDS = {"trace_read": "trace", "dump": "trace", "rsp": "rsp"}
FUZZ_SECONDS = 20
BUILD_TIMEOUT = 900
RUN_TIMEOUT = FUZZ_SECONDS + 150  # start-up, the regressions, the corpus


def _libfuzzer_missing():
    """Why the harnesses cannot be built here, or None."""
    if not shutil.which("clang-14"):
        return "clang-14 is not installed"
    runtimes = list(Path("/usr/lib/llvm-14/lib/clang").glob(
        "*/lib/linux/libclang_rt.fuzzer-x86_64.a"))
    if not runtimes:
        return "libFuzzer's runtime (libclang-rt-14-dev) is not installed"
    return None


def _make_env():
    # a make of our own: not a child of an outer make's jobserver
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
    env.pop("TMPDIR", None)
    return env


def _kill(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


@pytest.fixture(scope="module")
def fuzz_build():
    missing = _libfuzzer_missing()
    if missing and os.geteuid() != 0:
        pytest.skip(f"{missing}; scripts/deps.sh installs clang-14 and "
                    f"libclang-rt-14-dev as root")
    # as root, the build's scripts/deps.sh installs what is missing
    proc = subprocess.Popen(["make", "-s", "-j2", "fuzz-build"], cwd=REPO_ROOT,
                            env=_make_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill(proc)
        pytest.fail(f"make fuzz-build took more than {BUILD_TIMEOUT} s")
    missing = _libfuzzer_missing()
    if missing:
        pytest.skip(f"{missing} (scripts/deps.sh could not install it)")
    assert proc.returncode == 0, (
        f"make fuzz-build failed ({proc.returncode}):\n"
        f"{out.decode(errors='replace')[-6000:]}")


@pytest.fixture(scope="module")
def fuzz_runs(fuzz_build, tmp_path_factory):
    """The three harnesses run at once: name -> (status, output, work dir)."""
    work = tmp_path_factory.mktemp("fuzz")
    procs = {}
    try:
        for name in HARNESSES:
            d = work / name
            d.mkdir()
            log = open(d / "log", "wb")
            procs[name] = (subprocess.Popen(
                ["make", "-s", f"fuzz-run-{name}", f"FUZZ_SECONDS={FUZZ_SECONDS}",
                 f"FUZZ_CORPUS={d / 'corpus'}", f"FUZZ_TMP={d / 'tmp'}"],
                cwd=REPO_ROOT, env=_make_env(), stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True), log, d)
        results = {}
        for name, (proc, log, d) in procs.items():
            try:
                proc.wait(timeout=RUN_TIMEOUT)
            except subprocess.TimeoutExpired:
                _kill(proc)
            log.close()
            results[name] = (proc.returncode, (d / "log").read_text(errors="replace"), d)
        return results
    finally:
        for proc, log, _ in procs.values():
            if proc.poll() is None:
                _kill(proc)
            log.close()


@pytest.mark.parametrize("name", HARNESSES)
def test_harness_fuzzes_without_crashing(fuzz_runs, name):
    status, out, work = fuzz_runs[name]
    tail = out[-6000:]
    assert status == 0, (
        f"fuzz_{name} failed (make status {status}); the input that crashed "
        f"it is in build-fuzz/crashes/{name}-* (fuzz/README.md says how to "
        f"reproduce it):\n{tail}")
    for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                   "runtime error:", "ERROR: libFuzzer", "invariant broken"):
        assert marker not in out, f"fuzz_{name}: {marker}\n{tail}"
    done = re.search(r"^Done (\d+) runs in (\d+) second", out, re.M)
    assert done, f"fuzz_{name} did not finish a fuzzing run:\n{tail}"
    runs, seconds = int(done.group(1)), int(done.group(2))
    assert seconds >= FUZZ_SECONDS, f"fuzz_{name} fuzzed for {seconds} s only"
    assert runs > 100, f"fuzz_{name} ran only {runs} inputs in {seconds} s"
    # (the last figure: the regression inputs' run prints its own first)
    rates = re.findall(r"stat::average_exec_per_sec:\s*(\d+)", out)
    print(f"fuzz_{name}: {runs} runs in {seconds} s"
          + (f", {rates[-1]} per second" if rates else ""))
    # the harness removed its private directory (and make the rest)
    assert not (work / "tmp" / name).exists() or \
        not any((work / "tmp" / name).iterdir()), \
        f"fuzz_{name} left {sorted((work / 'tmp' / name).iterdir())}"
    # it fuzzed from its seeds and kept new inputs
    assert any((work / "corpus" / name).iterdir()), f"fuzz_{name} added no input"


@pytest.mark.parametrize("name", HARNESSES)
def test_regressions_run_first(fuzz_runs, name):
    """Every kept crashing input is run again before the fuzzing."""
    regressions = sorted((REPO_ROOT / "fuzz" / "regressions" / name).glob("*"))
    _, out, _ = fuzz_runs[name]
    if not regressions:
        assert f"inputs of fuzz/regressions/{name}" not in out
        return
    assert f"the {len(regressions)} inputs of fuzz/regressions/{name}" in out, out[-3000:]
    for path in regressions:
        assert f"Executed fuzz/regressions/{name}/{path.name}" in out, out[-3000:]


@pytest.mark.parametrize("name", HARNESSES)
def test_seeds_are_small(name):
    seeds = sorted((REPO_ROOT / "fuzz" / "seeds" / SEEDS[name]).iterdir())
    assert len(seeds) >= 3, f"fuzz/seeds/{SEEDS[name]} has {len(seeds)} seeds"
    for path in seeds:
        assert 0 < path.stat().st_size <= 16384, f"{path} is not a small seed"
