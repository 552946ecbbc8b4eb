"""A recording ended by SIGTERM or SIGINT at a random moment (50 tries, the
moment chosen by how much output has come, from a fixed seed) replays to
exactly the output the recording showed and the same exit status: a write
the kernel finished as the signal came is in the trace, none is lost or
made up."""
import random
import signal

TRIES = 50
TIMEOUT = 120
# what it writes in all (tests/progs/write_then_wait.c)
TOTAL = sum(len(f"thread {t} line {i}\n") for t in (0, 1) for i in range(1500))


def test_stopped_at_random_moments(heisen, prog, checks):
    rng = random.Random(11)
    for k in range(TRIES):
        sig = rng.choice([signal.SIGTERM, signal.SIGINT])
        after = rng.randrange(1, TOTAL + 1)
        # the moment: once `after` bytes have come (or all of them)
        rec = heisen.record_stopped(prog("write_then_wait"), sig,
                                    lambda out: len(out) >= after,
                                    f"{after} bytes of output", timeout=TIMEOUT)
        checks.no_crash(rec)
        assert rec.returncode == 128 + sig, f"try {k}: exit {rec.returncode}\n{rec.stderr.decode()}"
        checks.same_run(heisen.replay(rec.trace), rec,
                        f"try {k} ({signal.Signals(sig).name} after {after} bytes)")
