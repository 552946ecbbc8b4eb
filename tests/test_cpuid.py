"""cpuid under record and replay, both ways heisen traps it: CPUID faulting
(the default where the machine has it) and rewriting each cpuid to ud2
(`record --cpuid-patching`, and the fallback without faulting). The
program prints the APIC id of the CPU it ran on; each replay must print
the recorded values. A program that turns cpuid faulting off itself is
refused with one line."""
from pathlib import Path

import pytest

REPLAYS = 3


def _has_cpuid_faulting():
    flags = Path("/proc/cpuinfo").read_text()
    return " cpuid_fault" in flags


@pytest.mark.parametrize("how", ["default", "patching"])
def test_cpuid_replays_both_ways(heisen, prog, checks, how):
    out = heisen.new_trace_path("cpuid")
    extra = ["--cpuid-patching"] if how == "patching" else []
    rec = heisen.run("record", *extra, "-o", out, "--", prog("cpuid_info"))
    checks.no_crash(rec)
    assert rec.returncode == 0, rec.stderr.decode(errors="replace")
    assert b"leaf1 again: apic_id=" in rec.stdout
    header = heisen.dump(out).stdout.decode().splitlines()[1]
    want = "faulting" if how == "default" and _has_cpuid_faulting() else "patching"
    assert header.endswith(f"cpuid by {want}"), header
    rec.trace = Path(out)
    for i in range(REPLAYS):
        checks.same_run(heisen.replay(out), rec, f"replay {i + 1}")


def test_program_turning_cpuid_faulting_off_is_refused(heisen, prog, checks):
    rec = heisen.record(prog("arch_set_cpuid"))
    checks.clean_error(rec)
    assert b"ARCH_SET_CPUID is not supported" in rec.stderr, rec.stderr
