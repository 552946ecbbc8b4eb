"""A recording ended by SIGTERM or SIGINT at a random moment (50 tries, the
moment chosen by how much output has come, from a fixed seed) replays to
exactly the output the recording showed and the same exit status: a write
the kernel finished as the signal came is in the trace, none is lost or
made up."""
import random
import signal
import subprocess

TRIES = 50
TIMEOUT = 120
# what it writes in all (tests/progs/write_then_wait.c)
TOTAL = sum(len(f"thread {t} line {i}\n") for t in (0, 1) for i in range(1500))


def test_stopped_at_random_moments(heisen, prog, checks):
    rng = random.Random(11)
    for k in range(TRIES):
        sig = rng.choice([signal.SIGTERM, signal.SIGINT])
        after = rng.randrange(1, TOTAL + 1)
        trace = heisen.new_trace_path("stop")
        proc = heisen.popen("record", "-o", trace, "--", prog("write_then_wait"))
        drain = checks.PipeDrain(proc)
        try:
            # the moment: once `after` bytes have come (or all of them)
            drain.pump(lambda: len(drain.out) >= after, TIMEOUT,
                       f"{after} bytes of output")
            proc.send_signal(sig)
            drain.pump_to_eof(TIMEOUT, "the recording to end")
            rc = proc.wait(timeout=TIMEOUT)
        finally:
            drain.close()
            heisen.reap(proc)
        rec = subprocess.CompletedProcess(proc.args, rc, bytes(drain.out), bytes(drain.err))
        checks.no_crash(rec)
        assert rc == 128 + sig, f"try {k}: exit {rc}\n{rec.stderr.decode()}"
        checks.same_run(heisen.replay(trace), rec,
                        f"try {k} ({signal.Signals(sig).name} after {after} bytes)")
