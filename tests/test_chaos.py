"""record --chaos and hunt (issue 6, first part): the chaos scheduler's runs
replay exactly, their decisions are in the trace, and hunt keeps a failing
run's trace and reports it with the documented exit statuses."""
import json
import re
import subprocess

import pytest

TIMEOUT = 120


def _show(cp):
    return (f"exit {cp.returncode}\nstdout:\n{cp.stdout.decode(errors='replace')[-2000:]}"
            f"\nstderr:\n{cp.stderr.decode(errors='replace')[-2000:]}")


@pytest.mark.parametrize("mode", ["pct", "slices", "planned", "both"])
@pytest.mark.parametrize("name", ["mutex_cond_handoff", "racy_counter"])
def test_chaos_recording_replays(heisen, prog, checks, name, mode):
    trace = heisen.new_trace_path(name)
    rec = heisen.run("record", "--chaos-mode", mode, "--seed", "42", "-o", trace, "--",
                     prog(name))
    checks.no_crash(rec)
    assert rec.returncode == 0, _show(rec)
    rec.trace = trace
    for i in range(3):
        rp = heisen.replay(trace)
        checks.same_run(rp, rec, f"replay {i + 1} of the chaos recording")
    dump = heisen.dump(trace).stdout.decode()
    want = {"pct": "pct", "slices": "slices", "planned": "planned",
            "both": "pct+slices+planned"}[mode]
    assert re.search(rf"^# chaos: seed 42, mode {re.escape(want)}, 3 change points in 2000 "
                     r"syscalls$", dump, re.M), dump[:3000]   # the header
    # each strategy's decisions, and only its own
    assert bool(re.search(r"chaos +priority -?\d+", dump)) == (mode in ("pct", "both")), \
        dump[:3000]
    assert bool(re.search(r"chaos +timeslice \d+ us", dump)) == (mode in ("slices", "both")), \
        dump[:3000]
    if mode not in ("planned", "both"):
        assert not re.search(r"chaos +planned", dump), dump[:3000]


def test_same_seed_same_decisions(heisen, prog):
    """The decisions come from the seed: two recordings with one seed start
    with the same priorities (thread timing may differ later)."""
    firsts = []
    for k in range(2):
        trace = heisen.new_trace_path(f"seed{k}")
        rec = heisen.run("record", "--chaos", "--seed", "7", "-o", trace, "--",
                         prog("mutex_cond_handoff"))
        assert rec.returncode == 0, _show(rec)
        lines = [l.split(None, 2)[2] for l in heisen.dump(trace).stdout.decode().splitlines()
                 if re.search(r" chaos +priority -?\d+$", l)]
        # (only the priorities new threads get: a later one's reason, a
        # timeslice over, still depends on timing)
        firsts.append(lines[:3])
    assert firsts[0] == firsts[1] and len(firsts[0]) >= 2, firsts


def test_record_chaos_bad_options(heisen, prog, checks):
    for args in (["--chaos-mode", "nope"], ["--chaos-mode", "pct,"], ["--seed", "x", "--chaos"],
                 ["--seed", "1"],
                 ["--chaos", "--pct-depth", "99"]):
        cp = heisen.run("record", *args, "--", prog("mutex_cond_handoff"))
        checks.clean_error(cp, 125)


def _hunt(heisen, tmp_path, *args):
    return heisen.run("hunt", "-o", tmp_path / "hunt", *args, timeout=TIMEOUT)


def test_hunt_keeps_the_failing_run(heisen, tmp_path, prog):
    """A command that fails on its third run: hunt stops there, keeps that
    trace, deletes the passing ones, says how to replay it, exits 1."""
    count = tmp_path / "count"
    cp = _hunt(heisen, tmp_path, "--runs", "10", "--seed", "1000", "--",
               prog("fail_nth"), count, "2")
    assert cp.returncode == 1, _show(cp)
    out = cp.stdout.decode()
    assert "run 2 failed: exit status 1" in out, out
    assert re.search(r"^seed: 1002$", out, re.M), out
    kept = sorted(p.name for p in (tmp_path / "hunt").iterdir())
    assert kept == ["run-2", "run-2.log"], kept
    assert f"replay: heisen replay {tmp_path / 'hunt' / 'run-2'}" in out, out
    rp = heisen.replay(tmp_path / "hunt" / "run-2")
    assert rp.returncode == 1, _show(rp)


def test_hunt_without_failure(heisen, tmp_path):
    cp = _hunt(heisen, tmp_path, "--runs", "3", "--jobs", "2", "--", "/bin/true")
    assert cp.returncode == 0, _show(cp)
    assert b"no failure in 3 runs" in cp.stdout, _show(cp)
    assert not (tmp_path / "hunt").exists() or not any((tmp_path / "hunt").iterdir())


def test_hunt_catches_a_hang(heisen, tmp_path, prog):
    """A run with no exit within the timeout has failed: its recording is
    stopped cleanly, and the trace shows where the threads were."""
    cp = _hunt(heisen, tmp_path, "--runs", "2", "--timeout", "2", "--", prog("block_threads"))
    assert cp.returncode == 1, _show(cp)
    assert b"run 0 hung (no exit within 2 s)" in cp.stdout, _show(cp)
    dump = heisen.dump(tmp_path / "hunt" / "run-0").stdout.decode()
    assert re.search(r"end +signal, status 130: recording stopped by SIGINT", dump), dump[-2000:]


@pytest.mark.parametrize("args", [[], ["--runs", "0", "--", "/bin/true"],
                                  ["--jobs", "x", "--", "/bin/true"], ["--bogus"]])
def test_hunt_usage_errors(heisen, tmp_path, args):
    cp = _hunt(heisen, tmp_path, *args)
    assert cp.returncode == 2, _show(cp)
    assert cp.stderr.decode().startswith("heisen hunt: "), _show(cp)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_chaos_process_tree_with_vfork_replays(heisen, checks, seed):
    """Python starts its children with vfork. The parent may return from
    vfork before the recorder has seen the child's exec; its return must
    still come after the exec in the trace, or the replay would wait for a
    child that has not been let exec yet."""
    trace = heisen.new_trace_path(f"vfork{seed}")
    code = ("import subprocess, threading\n"
            "t = threading.Thread(target=lambda: None); t.start(); t.join()\n"
            "for i in range(3):\n"
            "    print(subprocess.run(['/bin/echo', str(i)], capture_output=True).stdout)\n")
    rec = heisen.run("record", "--chaos", "--seed", str(seed), "-o", trace, "--",
                     "/usr/bin/python3", "-c", code)
    assert rec.returncode == 0, _show(rec)
    rec.trace = trace
    rp = heisen.replay(trace)
    checks.same_run(rp, rec, "replay of a chaos recording with vfork")


PIE_BASE = 0x555555554000   # where the kernel maps a PIE without ASLR (the recorder disables it)


def _objdump(binary):
    """address -> (instruction text, address of the next one)."""
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", str(binary)],
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    rows = re.findall(r"^\s+([0-9a-f]+):\s+(.*)$", out, re.M)
    addrs = [int(a, 16) for a, _ in rows]
    return {a: (text, addrs[i + 1] if i + 1 < len(addrs) else None)
            for i, (a, (_, text)) in enumerate(zip(addrs, rows))}


def test_planned_sites_in_the_programs_code(heisen, prog):
    """Besides the mutex unlock, chaos watches one site after a locked
    instruction and one around a store of the program's own code, each in
    one run of four (drawn from the seed). Over 48 seeds of racy_counter (a
    lock add, then a loop of plain stores) both kinds are chosen, at the
    right instructions, the scheduler preempts at them, and every recording
    replays exactly."""
    code = _objdump(prog("racy_counter"))
    after = {nxt: text for text, nxt in code.values()}
    kinds, preempted = set(), set()
    for seed in range(1, 49):
        trace = heisen.new_trace_path(f"sites{seed}")
        rec = heisen.run("record", "--chaos", "--seed", str(seed), "-o", trace, "--",
                         prog("racy_counter"))
        assert rec.returncode == 0, _show(rec)
        rec.trace = trace
        rp = heisen.replay(trace)
        assert (rp.returncode, rp.stdout) == (0, rec.stdout), _show(rp)
        dump = heisen.dump(trace).stdout.decode()
        for kind, rip in re.findall(r"chaos +planned site (.*) \(rip 0x([0-9a-f]+)\)", dump):
            off = int(rip, 16) - PIE_BASE
            kinds.add(kind)
            if kind == "after a locked instruction":
                assert re.match(r"lock |xchg ", after[off]), (seed, hex(off), after[off])
            elif kind == "before a store":
                assert re.search(r",(%es:)?-?(0x[0-9a-f]+)?\(%r[a-z0-9]+[,)]",
                                 code[off][0]), (seed, hex(off), code[off])
        preempted |= set(re.findall(r"chaos +planned preemption (.*) \(rip", dump))
    assert "after a locked instruction" in kinds, kinds
    assert kinds & {"before a store", "after a store"}, kinds
    assert preempted & {"before a store", "after a store", "after a locked instruction"}, \
        preempted


@pytest.mark.parametrize("seed", range(1, 5))
def test_pct_priorities_order_thread_creation(heisen, prog, seed):
    """PCT's order across thread creation: a parent that ran alone for a
    while starts three threads; a thread below it first runs once the
    parent waits in pthread_join (after its last clone), one above it runs
    before the parent's next syscall returns. With no change points and a
    slice far longer than the thread creation takes (under 1 ms), the seed
    alone decides. (A slice counts only while another thread is ready: see
    rec_loop.c's check_timeslice, whose effect on PCT's rate is measured in
    docs/PERFORMANCE.md; this test holds with a slice too long to show it.)"""
    trace = heisen.new_trace_path("late")
    rec = heisen.run("record", "--chaos-mode", "pct", "--pct-depth", "0", "--timeslice-us",
                     "100000", "--seed", str(seed), "-o", trace, "--", prog("late_threads"))
    assert rec.returncode == 0, rec.stderr
    events = [json.loads(l) for l in heisen.dump(trace, json=True).stdout.splitlines()]
    prio = {e["tid"]: e["priority"] for e in events
            if e["type"] == "chaos" and e.get("kind") == "priority"}
    clones = [e for e in events if e["type"] == "syscall" and e["tid"] == 2 and
              e["name"] == "clone"]
    assert [c["result"] for c in clones] == [3, 4, 5]
    for k, clone in enumerate(clones):
        child = clone["result"]
        first = min(e["event"] for e in events if e["type"] == "syscall" and e["tid"] == child)
        # (the switch comes at the parent's next syscall entry: that
        # syscall completes after the child ran)
        parents_next = min(e["event"] for e in events if e["type"] == "syscall" and
                           e["tid"] == 2 and e["event"] > clone["event"])
        if prio[child] > prio[2]:
            assert first < parents_next, (seed, child, "outranks the parent but waited")
        else:
            assert first > clones[-1]["event"], (seed, child, "ran before the parent's last clone")


def test_lifo_runs_the_newest_thread_first(heisen, prog):
    """lifo priorities: each new thread ranks just below its creator, so
    the creator goes on creating until it blocks, and the threads then run
    newest first, each later one before every earlier one, whatever the
    seed. Random priorities (pct) give other orders with the same seeds."""
    reversed_order = b"order: 7 6 5 4 3 2 1 0\n"
    others = set()
    for seed in ("1", "2", "3"):
        for mode in ("lifo+access", "access"):
            trace = heisen.new_trace_path(f"lifo-{mode}-{seed}")
            rec = heisen.run("record", "--chaos-mode", mode, "--pct-depth", "0", "--seed",
                             seed, "-o", trace, "--", prog("start_order"), "8")
            assert rec.returncode == 0, _show(rec)
            if mode == "access":
                others.add(rec.stdout)
                continue
            assert rec.stdout == reversed_order, (seed, rec.stdout)
            dump = heisen.dump(trace).stdout.decode()
            assert dump.count("(new thread, just below its creator)") == 8, dump
            rp = heisen.replay(trace)
            assert (rp.returncode, rp.stdout) == (0, reversed_order), _show(rp)
    assert others - {reversed_order}, others


def test_handoff_switches_at_every_unlock(heisen, prog):
    """handoff: a planned preemption at every mutex release, not one in
    four, so two threads that each lock a mutex four times take turns at
    it (at least ABABAB; a new thread's planned points are armed at its
    first stop, so its first release may pass); the default, with the same
    seeds, lets a thread run several of its critical sections in a row."""
    def alternates(out):
        return b"ABABAB" in out or b"BABABA" in out
    plain = []
    for seed in ("1", "2", "3", "4"):
        for mode in ("default+handoff", "default"):
            trace = heisen.new_trace_path(f"handoff-{mode}-{seed}")
            rec = heisen.run("record", "--chaos-mode", mode, "--seed", seed, "-o", trace,
                             "--", prog("turns"))
            assert rec.returncode == 0 and rec.stdout.startswith(b"log: "), _show(rec)
            if mode == "default":
                plain.append(alternates(rec.stdout))
                continue
            assert alternates(rec.stdout), (seed, rec.stdout)
            rp = heisen.replay(trace)
            assert (rp.returncode, rp.stdout) == (0, rec.stdout), _show(rp)
    assert not all(plain), plain
