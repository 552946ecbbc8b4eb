#!/usr/bin/python3
"""Make the fuzz seed corpora (fuzz/README.md): small traces for the trace
reader and dump printer harnesses (fuzz/seeds/trace/), cut from real
recordings of /bin/true, a shell and a few test programs, each with a
handful of records of the kinds it is about; and gdb packet streams for
the stub's dispatcher (fuzz/seeds/rsp/).

Run from the repository root after `make heisen progs`:
    /usr/bin/python3 fuzz/make_seeds.py
Recordings run with an empty environment (env -i), so no seed carries
anything of the environment that made it."""
import os
import pathlib
import signal
import struct
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from trace_edit import TRACE_HEAD, crc32c, records  # noqa: E402

HEISEN = ROOT / "build" / "heisen"
PROGS = ROOT / "build" / "progs"
TRACE_SEEDS = ROOT / "fuzz" / "seeds" / "trace"
RSP_SEEDS = ROOT / "fuzz" / "seeds" / "rsp"

HEADER, EXEC, SYSCALL, SYSCALL_ENTER, PREEMPT, SIGNAL, RDTSC, CPUID, \
    MAPFILE, EXIT, THREAD_STATE, END, CHAOS, SHARED = range(1, 15)


def record(work, name, argv, *opts, kill_after=None):
    out = work / name
    cmd = ["env", "-i", str(HEISEN), "record", "-o", str(out), *opts, "--", *argv]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if kill_after is not None:
        time.sleep(kill_after)
        p.send_signal(signal.SIGTERM)
    p.wait(timeout=120)
    return (out / "trace").read_bytes()


def frame(rtype, payload):
    return struct.pack("<IB", len(payload), rtype) + payload + \
        struct.pack("<I", crc32c(payload, crc32c(bytes([rtype]))))


def flags_of(payload):
    return struct.unpack_from("<H", payload, 6)[0]


def pick(blob, wants, extra=()):
    """The trace's head and header, then for each (predicate, count) of
    wants the first count records it accepts (in file order), the records
    of extra (type, payload), and the end record."""
    recs = list(records(blob))
    chosen, end = set(), None
    for pred, count in wants:
        n = 0
        for i, (_, rtype, payload) in enumerate(recs):
            if n < count and i not in chosen and rtype not in (HEADER, END) \
                    and pred(rtype, payload):
                chosen.add(i)
                n += 1
    out = bytearray(blob[:TRACE_HEAD])
    out += frame(recs[0][1], recs[0][2])
    for i, (_, rtype, payload) in enumerate(recs):
        if i in chosen:
            out += frame(rtype, payload)
        if rtype == END:
            end = payload
    for rtype, payload in extra:
        out += frame(rtype, payload)
    if end is not None:
        out += frame(END, end)
    return bytes(out)


def of(t, pred=lambda p: True):
    return lambda rtype, payload: rtype == t and pred(payload)


def trace_seeds(work):
    true = record(work, "true", ["/bin/true"])
    sh = record(work, "sh", ["/bin/sh", "-c", "echo out; echo err >&2; exit 3"])
    sig = record(work, "sig", [str(PROGS / "signal_own_group")])
    block = record(work, "block", [str(PROGS / "block_threads")])
    race = record(work, "race", [str(PROGS / "racy_counter")], "--chaos", "--seed", "7")
    walk = record(work, "walk", [str(PROGS / "spin_flag")], "--chaos-mode", "walk",
                  "--seed", "3")
    shm = record(work, "shm", [str(PROGS / "shared_mem")])
    killed = record(work, "killed", ["/bin/sleep", "30"], kill_after=1.0)

    seeds = {}
    seeds["true"] = pick(true, [(of(MAPFILE), 2), (of(EXEC), 1), (of(RDTSC), 2),
                                (of(CPUID), 3), (of(SYSCALL), 8), (of(EXIT), 1)])
    seeds["output"] = pick(sh, [(of(SYSCALL, lambda p: flags_of(p) & 6), 4),
                                (of(SYSCALL, lambda p: flags_of(p) & 8), 2),
                                (of(SYSCALL, lambda p: p[4:6] == b"\x3b\x00"), 1),
                                (of(EXIT), 1)])
    seeds["signal"] = pick(sig, [(of(SIGNAL), 1), (of(SYSCALL, lambda p: p[4] == 62), 2),
                                 (of(EXIT), 2)])
    seeds["threads"] = pick(block, [(of(SYSCALL_ENTER), 3),
                                    (of(SYSCALL_ENTER, lambda p: flags_of(p) & 0x20), 1),
                                    (of(SYSCALL, lambda p: flags_of(p) & 1), 3),
                                    (of(PREEMPT), 2), (of(EXIT), 3)])
    chaos_kinds = sorted({p[4] for _, t, p in records(race + walk[TRACE_HEAD:]) if t == CHAOS})
    wants = [(of(CHAOS, lambda p, k=k: p[4] == k), 1) for k in chaos_kinds]
    walk_extra = [(t, p) for _, t, p in records(walk) if t == CHAOS][:6]
    seeds["chaos"] = pick(race, wants + [(of(PREEMPT), 3), (of(EXIT), 1)],
                          extra=walk_extra)
    seeds["shared"] = pick(shm, [(of(SHARED, lambda p, k=k: p[4] == k), 2) for k in (1, 2, 3)]
                           + [(of(SYSCALL, lambda p: p[4] == 9), 2), (of(EXIT), 1)])
    seeds["killed"] = pick(killed, [(of(EXEC), 1), (of(SYSCALL_ENTER), 1),
                                    (of(THREAD_STATE), 1)])
    cut = pick(true, [(of(SYSCALL), 4)])
    seeds["incomplete"] = cut[:len(cut) - 10]  # the end record cut short

    TRACE_SEEDS.mkdir(parents=True, exist_ok=True)
    for name, data in seeds.items():
        (TRACE_SEEDS / f"{name}.trace").write_bytes(data)
        print(f"{TRACE_SEEDS.relative_to(ROOT)}/{name}.trace: {len(data)} bytes")


def packet(payload):
    if isinstance(payload, str):
        payload = payload.encode()
    return b"$" + payload + b"#" + b"%02x" % (sum(payload) & 0xFF)


def hexs(s):
    return s.encode().hex()


RSP_STREAMS = {
    # what gdb sends when it connects (target remote | heisen replay --stdio)
    "connect": ["+", "qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;fork-events+;"
                "vfork-events+;exec-events+;vContSupported+;QThreadEvents+;no-resumed+;"
                "xmlRegisters=i386", "+", "vMustReplyEmpty", "+", "QStartNoAckMode", "+",
                "Hgp0.0", "qXfer:features:read:target.xml:0,ffb",
                "qXfer:features:read:64bit-core.xml:0,ffb", "qTStatus", "?",
                "qXfer:exec-file:read:1:0,fff", "qfThreadInfo", "qsThreadInfo",
                "qAttached:1", "Hc-1", "qC", "qOffsets", "g", "qXfer:auxv:read::0,1000",
                "qSymbol::", "qThreadExtraInfo,p1.1", "D;1"],
    # breakpoints, watchpoints, forward execution (with acks)
    "forward": ["qSupported:multiprocess+", "+", "?", "+", "Z0,401136,1", "+",
                "Z1,401140,1", "+", "Z2,404040,4", "+", "Z3,404048,8", "+", "Z4,404050,2",
                "+", "Z2,404041,4", "+", "vCont?", "+", "vCont;c", "+", "vCont;s:p1.1;c",
                "+", "c", "+", "s", "+", "z0,401136,1", "+", "z2,404040,4", "+",
                "vCont;s:2", "+", "vCont;c:p1.-1", "+", "T1", "+", "T2", "+", "Hg2", "+",
                "p10", "+", "p39", "+", "m401000,40", "+", "k"],
    # reverse execution and the monitor commands
    "reverse": ["+", "QStartNoAckMode", "Z0,401136,1", "vCont;c", "vCont;c", "s",
                "bs", "bs", "bc", "vCont;c", "vCont;c", "vCont;c", "vCont;c", "vCont;c",
                "vCont;c", "vCont;c", "bc", "bs", "qRcmd," + hexs("when"),
                "qRcmd," + hexs("goto 3"), "qRcmd," + hexs("help"),
                "qRcmd," + hexs("goto x"), "qRcmd," + hexs("frob"), "bc", "vKill;1"],
    # host I/O, signals to pass, writes refused, odd packets
    "misc": ["+", "QStartNoAckMode", "vFile:setfs:0", "vFile:open:" + hexs("/bin/true") + ",0,1c0",
             "vFile:pread:5,1000,0", "vFile:fstat:5", "vFile:close:5",
             "vFile:readlink:" + hexs("/proc/self/exe"), "vFile:unlink:" + hexs("/x"),
             "QPassSignals:e;10;14;17;1a;1b;1c;21;24;25;2c;4c;97;",
             "QPassSignals:", "G" + "00" * 16, "P10=0000000000000000",
             "M401000,2:9090", "X401000,2:}\x03}\x04", "!", "qSymbol::", "qAttached",
             "Hg0", "Hgp1.-1", "Hcp1", "Hx1", "vCont;x", "vCont;s:zz", "qXfer:features:read:nope:0,10",
             "qXfer:features:read:target.xml:ff0,100", "Z5,0,0", "Z0,zz", "Z2,404041,3",
             "m0,ffffffffff", "p", "qRcmd,7", "qRcmd,zz"],
}


def rsp_seeds():
    RSP_SEEDS.mkdir(parents=True, exist_ok=True)
    for name, items in RSP_STREAMS.items():
        data = b"".join(x.encode() if x in ("+", "-") else packet(x) for x in items)
        if name == "misc":
            # between packets: an interrupt, junk, a bad checksum, a nak
            data += b"\x03junk-$g#00$qC#b4\x03"
        (RSP_SEEDS / f"{name}.rsp").write_bytes(data)
        print(f"{RSP_SEEDS.relative_to(ROOT)}/{name}.rsp: {len(data)} bytes")


def main():
    with tempfile.TemporaryDirectory(prefix="heisen-seeds-") as d:
        trace_seeds(pathlib.Path(d))
    rsp_seeds()


if __name__ == "__main__":
    main()
