"""Mutation test (issue 14): damaged traces end in a clean error or in the
very same replay, never in a crash, a hang or a wrong replay that succeeds.

Three recordings of different shapes (one thread writing stdout; two
threads handing work over under a mutex, writing stdout and stderr; a
parent whose children are killed, fault and exit), each made once for the
module, are mutated in six ways (about 1000 mutations in all), each
deterministically from SEED, its kind and number, and the recording's
records:

  truncate   the trace file cut at a random byte (one in four at a record
             boundary: the trace of a killed recorder)
  bitflip    one random bit of the file flipped (the record's CRC then fails)
  payload    one byte of a record's payload changed and its CRC recomputed,
             so that only the readers' and the replay's own checks can tell
             (the record's type is picked first, uniformly, so that rare
             types are hit too; half the bytes are among the first 16 of the
             payload: tid, syscall number, flags, kinds); and each byte of
             the end record in turn (bit 0 flipped), whose reason, status and
             output digests the replay's exit status and last checks rest on
  swap       two records exchanged (half of them neighbours)
  duplicate  a record copied, right after itself or somewhere else
  delete     a record removed

Each mutated trace is replayed (`heisen replay -a`) and dumped (`heisen
dump`, `heisen dump --json`), two at a time, each with a hard timeout.
Allowed outcomes:

  replay   the same stdout, program stderr and exit status as the replay of
           the unmutated trace; or a clean error: exit 3 (divergence), 4
           (no end) or 125 (bad trace) with a line of heisen's on stderr.
           A trace whose CRCs fail (bitflip, a cut inside a record) must
           give the error.
  dump     exit 0, or a clean error (non-zero, a line of heisen's on
           stderr); a CRC failure or a cut inside a record must give the
           error.

In all cases: no death by signal, no sanitizer report, no hang. One run
lists every failing mutation (kind, record index, byte offset, what
happened, where the mutated trace is and the command that shows it).
The mutated traces of the failing runs are left in the test's tmp_path,
with mutations.log (every run's outcome); HEISEN_MUTATION_KEEP=DIR copies
the failing traces to DIR as well.

The recordings differ a little from run to run (timings, random bytes), so
the exact mutations do too; a failure names the kept trace to reproduce it.
"""
import concurrent.futures
import os
import random
import resource
import shutil
import signal
import struct
import time
from collections import Counter
from pathlib import Path

import pytest

from trace_edit import TRACE_HEAD, crc32c

SEED = 1234
WORKERS = 2
RUN_TIMEOUT = 20          # seconds; unmutated replays take well under one
RECORD_TIMEOUT = 120

# name -> (program in build/progs, arguments)
RECORDINGS = {
    "single": ("getrandom_bytes", ()),
    "threads": ("mutex_cond_handoff", ()),
    "children": ("kill_child", ()),
}

# mutations per recording, by kind
PLAN = {
    "truncate": 24,
    "bitflip": 24,
    "payload": 150,      # and a sweep of the end record's bytes
    "swap": 30,
    "duplicate": 30,
    "delete": 30,
}

RECORD_TYPES = {
    1: "header", 2: "exec", 3: "syscall", 4: "syscall-enter", 5: "preempt",
    6: "signal", 7: "rdtsc", 8: "cpuid", 9: "mapfile", 10: "exit",
    11: "thread-state", 12: "end", 13: "chaos", 14: "shared",
}

# A crash of heisen itself shows as its death by a signal (returncode < 0);
# "Segmentation fault" alone is no marker: a divergence report names the
# signal the replayed program got ("got signal 11 (Segmentation fault)").
CRASH_MARKERS = (
    b"AddressSanitizer",
    b"LeakSanitizer",
    b"UndefinedBehaviorSanitizer",
    b"runtime error",
    b"core dumped",
)

REPLAY_ERRORS = (3, 4, 125)   # divergence, no end, heisen error


# ------------------------------------------------------------- processes --

def run_bounded(run, argv, env, cwd, timeout=RUN_TIMEOUT):
    """checks.run_bounded, as (returncode or None on timeout, stdout,
    stderr, seconds)."""
    start = time.monotonic()
    cp, timed_out = run(argv, env=env, cwd=cwd, timeout=timeout)
    return (None if timed_out else cp.returncode), cp.stdout, cp.stderr, \
        time.monotonic() - start


def program_stderr(stderr):
    return b"".join(line for line in stderr.splitlines(keepends=True)
                    if not line.startswith(b"heisen"))


def heisen_lines(stderr):
    return [l for l in stderr.splitlines() if l.startswith(b"heisen")]


# ---------------------------------------------------------------- traces --

def spans(blob):
    """(start, end, type) of every record of a well-formed trace file."""
    out = []
    off = TRACE_HEAD
    while off < len(blob):
        assert off + 5 <= len(blob), f"record head cut at {off}"
        (length,) = struct.unpack_from("<I", blob, off)
        end = off + 5 + length + 4
        assert end <= len(blob), f"record at {off} runs past the end"
        out.append((off, end, blob[off + 4]))
        off = end
    return out


def type_name(t):
    return RECORD_TYPES.get(t, f"type {t}")


def record_at(sp, pos):
    """Index of the record holding byte pos, or None for the file head."""
    for i, (start, end, _) in enumerate(sp):
        if start <= pos < end:
            return i
    return None


class Mutation:
    def __init__(self, kind, data, desc, corrupt):
        self.kind = kind
        self.data = data          # the mutated trace file
        self.desc = desc
        self.corrupt = corrupt    # the readers must refuse it (CRC, cut)
        self.dir = None
        self.failed = False


def mutations(blob, name):
    """The mutations of PLAN for one trace file. Each draws from its own
    generator, seeded with SEED, the recording's name, its kind and its
    number, so that a recording whose records differ a little from an
    earlier one (a longer path in the environment, another thread switch)
    changes only the mutations that land there."""
    sp = spans(blob)
    n = len(sp)
    recs = [blob[s:e] for s, e, _ in sp]
    boundaries = {s for s, _, _ in sp} | {len(blob)}
    head = blob[:TRACE_HEAD]
    out = []

    def where(pos):
        i = record_at(sp, pos)
        if i is None:
            return f"in the file head, byte {pos}"
        s, _, t = sp[i]
        return f"record {i} ({type_name(t)}), byte {pos} (+{pos - s})"

    def join(rs):
        return head + b"".join(rs)

    def generators(kind):
        for k in range(PLAN[kind]):
            yield k, random.Random(f"{SEED}:{name}:{kind}:{k}")

    def payload_flip(i, rel, xor, why=""):
        s, e, t = sp[i]
        length = e - s - 9
        rec = bytearray(recs[i])
        rec[5 + rel] ^= xor
        struct.pack_into("<I", rec, 5 + length, crc32c(bytes(rec[4:5 + length])))
        rs = list(recs)
        rs[i] = bytes(rec)
        return Mutation("payload", join(rs),
                        f"{where(s + 5 + rel)}: payload byte {rel} ^= {xor:#04x},"
                        f" CRC fixed{why}", False)

    for k, rng in generators("truncate"):
        if k % 4 == 3:
            i = rng.randrange(n)
            cut = sp[i][0]
            desc = f"cut at byte {cut}, the start of record {i} ({type_name(sp[i][2])})"
        else:
            cut = rng.randrange(len(blob))
            desc = f"cut at {where(cut)}"
        out.append(Mutation("truncate", blob[:cut], desc, cut not in boundaries))

    for k, rng in generators("bitflip"):
        pos, bit = rng.randrange(len(blob)), rng.randrange(8)
        data = bytearray(blob)
        data[pos] ^= 1 << bit
        out.append(Mutation("bitflip", bytes(data),
                            f"bit {bit} of {where(pos)}", True))

    # The type first, then a record of it, so that rare types get hit too.
    by_type = {}
    for i, (_, _, t) in enumerate(sp):
        by_type.setdefault(t, []).append(i)
    types = sorted(by_type)
    for k, rng in generators("payload"):
        i = rng.choice(by_type[rng.choice(types)])
        length = sp[i][1] - sp[i][0] - 9
        rel = rng.randrange(min(length, 16)) if rng.random() < 0.5 else rng.randrange(length)
        out.append(payload_flip(i, rel, rng.randrange(1, 256)))
    # Every byte of the end record (reason, status, message, output
    # digests): what the replay's exit status and last checks rest on.
    last = n - 1
    assert sp[last][2] == 12, "the recording has no end record"
    for rel in range(sp[last][1] - sp[last][0] - 9):
        out.append(payload_flip(last, rel, 0x01, " (sweep of the end record)"))

    for k, rng in generators("swap"):
        while True:
            if k % 2 == 0:
                i = rng.randrange(n - 1)
                j = i + 1
            else:
                i, j = sorted(rng.sample(range(n), 2))
            if recs[i] != recs[j]:
                break
        rs = list(recs)
        rs[i], rs[j] = rs[j], rs[i]
        out.append(Mutation("swap", join(rs),
                            f"records {i} ({type_name(sp[i][2])}, byte {sp[i][0]}) and"
                            f" {j} ({type_name(sp[j][2])}, byte {sp[j][0]}) swapped", False))

    for k, rng in generators("duplicate"):
        i = rng.randrange(n)
        at = i + 1 if k % 2 == 0 else rng.randrange(n + 1)
        rs = list(recs)
        rs.insert(at, recs[i])
        out.append(Mutation("duplicate", join(rs),
                            f"record {i} ({type_name(sp[i][2])}, byte {sp[i][0]}) copied"
                            f" before record {at}", False))

    for k, rng in generators("delete"):
        i = rng.randrange(n)
        rs = list(recs)
        del rs[i]
        out.append(Mutation("delete", join(rs),
                            f"record {i} ({type_name(sp[i][2])}, byte {sp[i][0]}) deleted",
                            False))
    return out


def write_trace(original, dst, data):
    """A trace directory holding data as its trace file, with hard links to
    the original's file copies (readers never write them)."""
    dst.mkdir()
    (dst / "trace").write_bytes(data)
    files = dst / "files"
    files.mkdir()
    for f in (original / "files").iterdir():
        try:
            os.link(f, files / f.name)
        except OSError:
            shutil.copy2(f, files / f.name)


# -------------------------------------------------------------- fixtures --

@pytest.fixture(scope="module")
def no_core_files():
    """No core files from whatever the replays run (their own status is
    what tells a crash)."""
    old = resource.getrlimit(resource.RLIMIT_CORE)
    resource.setrlimit(resource.RLIMIT_CORE, (0, old[1]))
    yield
    resource.setrlimit(resource.RLIMIT_CORE, old)


@pytest.fixture(scope="module")
def recordings(heisen_factory, prog, checks, tmp_path_factory, no_core_files):
    """name -> (Heisen, trace dir, replay of the unmutated trace), each
    recorded once for the module."""
    out = {}
    for name, (program, args) in RECORDINGS.items():
        h = heisen_factory(tmp_path_factory.mktemp(f"mut-{name}"))
        rec = h.record(prog(program), list(args), timeout=RECORD_TIMEOUT)
        checks.no_crash(rec)
        assert rec.returncode == 0, (
            f"recording {program} failed:\n{rec.stderr.decode(errors='replace')}")
        rp = h.replay(rec.trace, timeout=RECORD_TIMEOUT)
        checks.same_run(rp, rec, f"replay of the unmutated {program} trace")
        assert not heisen_lines(rp.stderr), rp.stderr
        spans((rec.trace / "trace").read_bytes())     # well-formed
        out[name] = (h, rec.trace, rp)
    return out


# ------------------------------------------------------------------ test --

def crashed(what, result):
    """How a run hung or crashed (died of a signal, a sanitizer's report),
    or None."""
    rc, _, err, _ = result
    if rc is None:
        return f"{what} hung (killed after {RUN_TIMEOUT}s)"
    if rc < 0:
        return f"{what} died of signal {-rc} ({signal.Signals(-rc).name})"
    for marker in CRASH_MARKERS:
        if marker in err:
            return f"{what}: {marker.decode()} on stderr, exit {rc}"
    return None


def judge_replay(m, result, base):
    rc, out, err, _ = result
    why = crashed("replay", result)
    if why:
        return why
    same = (rc == base.returncode and out == base.stdout
            and program_stderr(err) == program_stderr(base.stderr))
    if same and not m.corrupt:
        return None
    if rc in REPLAY_ERRORS and heisen_lines(err):
        return None
    if same:
        return "replay succeeded on a trace whose checksums fail or that is cut in a record"
    if rc == base.returncode:
        what = [w for w, bad in (("stdout", out != base.stdout),
                                 ("program stderr",
                                  program_stderr(err) != program_stderr(base.stderr)))
                if bad]
        return (f"silent wrong replay: exit {rc} as recorded, but {' and '.join(what)}"
                f" differ ({len(out)} stdout bytes, {len(base.stdout)} recorded)")
    if not heisen_lines(err):
        return f"replay exit {rc} (recorded {base.returncode}) with no message from heisen"
    return (f"replay exit {rc} (recorded {base.returncode}), not a heisen error status;"
            f" stdout {'same' if out == base.stdout else 'differs'}")


def judge_dump(m, result, what):
    rc, out, err, _ = result
    why = crashed(what, result)
    if why:
        return why
    if rc == 0:
        return (f"{what} succeeded on a trace whose checksums fail or that is cut in a record"
                if m.corrupt else None)
    if not heisen_lines(err):
        return f"{what} exit {rc} with no message from heisen"
    return None


def _excerpt(err):
    lines = [l.decode(errors="replace") for l in err.splitlines() if l.strip()]
    text = " | ".join(lines[-3:])
    return text[:300]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(RECORDINGS))
def test_mutated_traces(recordings, tmp_path, heisen_bin, checks, name):
    h, original, base = recordings[name]
    blob = (original / "trace").read_bytes()
    muts = mutations(blob, name)
    assert len(muts) >= sum(PLAN.values())
    for k, m in enumerate(muts):
        m.dir = tmp_path / f"{name}-{k:03d}-{m.kind}"
        write_trace(original, m.dir, m.data)

    cwd = tmp_path / "cwd"
    cwd.mkdir()
    commands = {
        "replay": lambda d: [heisen_bin, "replay", "-a", d],
        "dump": lambda d: [heisen_bin, "dump", d],
        "dump --json": lambda d: [heisen_bin, "dump", "--json", d],
    }
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {(k, c): pool.submit(run_bounded, checks.run_bounded, make(m.dir),
                                             h.env, cwd)
                   for k, m in enumerate(muts) for c, make in commands.items()}
        results = {key: f.result() for key, f in futures.items()}
    elapsed = time.monotonic() - started

    failures = []
    outcomes = Counter()
    log = []
    for k, m in enumerate(muts):
        for c, make in commands.items():
            res = results[(k, c)]
            why = (judge_replay(m, res, base) if c == "replay"
                   else judge_dump(m, res, c))
            rc = res[0]
            outcome = ("FAIL" if why else
                       "same" if rc == base.returncode and c == "replay" else
                       "ok" if rc == 0 else f"error {rc}")
            outcomes[(m.kind, c, outcome)] += 1
            log.append(f"{m.dir.name} {c}: {outcome} ({res[3]:.2f}s): {m.desc}"
                       f"{': ' + why if why else ''}\n    {_excerpt(res[2])}\n")
            if why:
                cmd = " ".join(str(a) for a in make(m.dir))
                failures.append(f"{m.kind} #{k}: {m.desc}: {why}\n"
                                f"    stderr: {_excerpt(res[2])}\n"
                                f"    command: {cmd}")
                m.failed = True
                if os.environ.get("HEISEN_MUTATION_KEEP"):
                    keep = Path(os.environ["HEISEN_MUTATION_KEEP"]) / m.dir.name
                    if not keep.exists():
                        shutil.copytree(m.dir, keep)
    (tmp_path / "mutations.log").write_text("".join(log))
    for m in muts:              # only the failing ones are worth their space
        if not m.failed:
            shutil.rmtree(m.dir)
    cwd_left = list(cwd.iterdir())
    if cwd_left:
        failures.append(f"files left in the working directory: {cwd_left}")

    summary = ", ".join(f"{kind}/{c}/{o}: {n}" for (kind, c, o), n in sorted(outcomes.items()))
    print(f"{name}: {len(muts)} mutations of {original}, {len(results)} runs"
          f" in {elapsed:.1f}s; {summary}")
    assert not failures, (
        f"{len(failures)} failing runs of {len(muts)} mutations of the {name} recording"
        f" ({RECORDINGS[name][0]}, trace {original}; every outcome in"
        f" {tmp_path / 'mutations.log'}):\n" + "\n".join(failures))
