"""heisen's gdb stub, driven by stock gdb in batch mode (issue 5).

A multi-threaded program (tests/progs/mutex_cond_handoff.c: a producer and
a consumer passing items 1..100 through a one-slot mailbox) is recorded
once; gdb then debugs its replay through `target remote | heisen replay
--stdio TRACE`, forward and backward. A second test sends malformed packets
straight to the stub."""
import os
import re
import signal
import subprocess

import pytest

from conftest import gdb_batch, run_cmd

TIMEOUT = 180
PROG = "mutex_cond_handoff"
SRC = "mutex_cond_handoff.c"
LINE_PUT = 48    # producer: printf("producer: put %d\n", item);
LINE_TOOK = 28   # consumer: printf("consumer: took ...", item, consumed);
LINE_SUM = 27    # consumer: consumed += item * item;


@pytest.fixture(scope="module")
def trace(heisen_factory, tmp_path_factory, prog):
    h = heisen_factory(tmp_path_factory.mktemp("gdb"))
    rec = h.record(prog(PROG))
    assert rec.returncode == 0, rec.stderr
    return rec.trace


SESSION = [
    f"break {SRC}:{LINE_PUT}",
    f"break {SRC}:{LINE_TOOK}",
    "continue",                 # producer puts item 1
    "info threads",
    "continue",                 # consumer takes item 1
    "bt",
    "print slot",               # a global
    "print item",               # a local
    "print consumed",
    "delete",
    "watch consumed",
    "continue",                 # consumed: 1 -> 5
    "continue",                 # consumed: 5 -> 14
    "reverse-continue",         # back before the write of 14
    "reverse-continue",         # back before the write of 5
    "delete",
    f"break {SRC}:{LINE_PUT}",
    "continue",                 # producer puts item 3 (2 is in the slot)
    "continue",                 # producer puts item 4
    "reverse-continue",         # back to putting item 3
    "print item",
    "print $pc",
    "reverse-stepi",
    "print $pc",
    "stepi",
    "print $pc",
    "delete",
    "continue",                 # to the end
]


def _section(out, start, end):
    """The text from the first match of start to the next match of end."""
    i = out.index(start)
    j = out.index(end, i + len(start))
    return out[i:j]


def test_gdb_session_forward_and_backward(heisen_bin, trace, tmp_path):
    out, cp = gdb_batch(heisen_bin, trace, SESSION, tmp_path)
    show = f"gdb output:\n{out}\nstderr:\n{cp.stderr.decode(errors='replace')[-3000:]}"
    # breakpoints hit in two threads
    assert re.search(rf"Thread 1 hit Breakpoint 1, main \(\) at .*{SRC}:{LINE_PUT}", out), show
    assert re.search(rf"Thread 2 hit Breakpoint 2, consumer \(.*\) at .*{SRC}:{LINE_TOOK}",
                     out), show
    # info threads: both threads, with their names
    threads = re.findall(r"^\*?\s+\d+\s+Thread 2\.(\d+) \(mutex_cond_hand\)", out, re.M)
    assert sorted(threads) == ["2", "3"], show
    # bt of the consumer thread
    assert re.search(r"#0  consumer \(", out) and "start_thread" in out, show
    # a global and a local
    assert re.search(r"^\$1 = 0$", out, re.M), show      # slot: taken
    assert re.search(r"^\$2 = 1$", out, re.M), show      # item
    assert re.search(r"^\$3 = 1$", out, re.M), show      # consumed
    # a hardware watchpoint forward, with old and new values
    fwd = re.findall(r"Hardware watchpoint 3: consumed\n\nOld value = (\d+)\nNew value = (\d+)",
                     out)
    assert fwd[:2] == [("1", "5"), ("5", "14")], show
    # backward: the previous writers, last first, seen before their writes
    assert fwd[2:4] == [("14", "5"), ("5", "1")], show
    back = _section(out, "Old value = 14\nNew value = 5", "Breakpoint 4 at")
    assert re.search(rf"in consumer \(.*\) at .*{SRC}:{LINE_SUM}", back), show
    # reverse-continue back to the previous hit of a breakpoint
    # (and the stepi below arrives at the breakpoint again: a fourth report)
    hits = re.findall(rf"Thread 1 hit Breakpoint 4, main \(\) at .*{SRC}:{LINE_PUT}", out)
    assert len(hits) == 4, show
    assert re.search(r"^\$4 = 3$", out, re.M), show      # item, after going back
    # reverse-stepi goes one instruction back, stepi forward again
    pcs = re.findall(r"^\$[5-7] = \(void \(\*\)\(\)\) (0x[0-9a-f]+) <main\+\d+>$", out, re.M)
    assert len(pcs) == 3, show
    at_bp, back_one, again = (int(p, 16) for p in pcs)
    assert back_one < at_bp and again == at_bp, show
    # the end of the trace: the program's exit code
    assert re.search(r"\[Inferior 1 \(process \d+\) exited normally\]", out), show


def test_gdb_session_is_deterministic(heisen_bin, trace, tmp_path):
    """The same session twice gives the same gdb output."""
    a, _ = gdb_batch(heisen_bin, trace, SESSION, tmp_path)
    b, _ = gdb_batch(heisen_bin, trace, SESSION, tmp_path)
    assert "Hardware watchpoint 3" in a
    assert a == b


def test_no_more_history_at_the_start(heisen_bin, trace, tmp_path):
    out, cp = gdb_batch(heisen_bin, trace,
                        ["reverse-stepi", "reverse-continue", f"break {SRC}:{LINE_PUT}",
                         "continue", "reverse-continue", "info threads"], tmp_path)
    assert out.count("No more reverse-execution history.") == 3, out
    assert re.search(rf"Thread 1 hit Breakpoint 1, main", out), out


# ------------------------------------------------------------ bad packets --

def _frame(payload):
    return b"$" + payload + b"#" + b"%02x" % (sum(payload) % 256)


class Stub:
    """heisen replay --stdio, spoken to directly."""

    def __init__(self, heisen_bin, trace):
        self.p = subprocess.Popen([str(heisen_bin), "replay", "--stdio", str(trace)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, start_new_session=True)
        self.buf = b""

    def send(self, raw):
        self.p.stdin.write(raw)
        self.p.stdin.flush()

    def reply(self):
        """The next packet's payload (acks skipped)."""
        while True:
            m = re.search(rb"\$([^#]*)#[0-9a-f]{2}", self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m.group(1)
            chunk = os.read(self.p.stdout.fileno(), 65536)
            assert chunk, f"the stub exited: {self.p.wait()} {self.p.stderr.read()!r}"
            self.buf += chunk

    def ask(self, payload):
        self.send(_frame(payload))
        return self.reply()

    def close(self):
        try:
            self.p.kill()
        finally:
            self.p.wait(timeout=TIMEOUT)


BAD = [
    b"$m0,10#00",                          # bad checksum
    b"$qSupported",                        # no end: the next '$' starts over
    b"}}}}}###$$$\x00\xff",                # junk
    _frame(b"m"),                          # no address
    _frame(b"mzz,10"),                     # not hex
    _frame(b"m0,ffffffffffffffffff"),      # overflowing length
    _frame(b"m0,0"),                       # nothing to read
    _frame(b"p999"),                       # no such register
    _frame(b"pzz"),
    _frame(b"Z0,zz,1"),
    _frame(b"Z2,1001,3"),                  # watch length the CPU cannot do
    _frame(b"Z9,1000,1"),                  # no such kind
    _frame(b"Hgjunk"),
    _frame(b"T"),
    _frame(b"qXfer:features:read:nosuch.xml:0,fff"),
    _frame(b"qXfer:features:read:target.xml:zz"),
    _frame(b"qXfer:auxv:read::ffffffffff,10"),
    _frame(b"qRcmd,zz"),
    _frame(b"qRcmd," + b"41" * 400),       # too long a command
    _frame(b"G" + b"00" * 560),            # register writes are refused
    _frame(b"M1000,1:00"),                 # so are memory writes
    _frame(b"X1000,1:\x00"),
    _frame(b"vCont;q"),
    _frame(b"x" * 5000),
    b"$" + b"a" * 300000 + b"#00",         # far over the packet size
]


def test_stub_survives_malformed_packets(heisen_bin, trace):
    stub = Stub(heisen_bin, trace)
    try:
        assert stub.ask(b"qSupported:multiprocess+").startswith(b"PacketSize=")
        for bad in BAD:
            stub.send(bad)
            # still there, still answering, still stopped where it was: the
            # bad packet gets at most one reply (an error or empty), then '?'
            # gets the stop
            stub.send(_frame(b"?"))
            replies = [stub.reply()]
            if not replies[0].startswith(b"T05"):
                replies.append(stub.reply())
            assert replies[-1].startswith(b"T05"), (bad[:60], replies)
            # an error, "not supported", or (reading past the end) nothing more
            assert all(r in (b"", b"l") or r.startswith(b"E") for r in replies[:-1]), (
                bad[:60], replies)
        assert stub.ask(b"G" + b"00" * 560).startswith(b"E")
        assert stub.ask(b"M1000,1:00").startswith(b"E")
        assert re.fullmatch(rb"[0-9a-f]{1120}", stub.ask(b"g"))
        assert stub.ask(b"D") == b"OK"
        stub.p.stdin.close()
        assert stub.p.wait(timeout=TIMEOUT) == 0
    finally:
        stub.close()


def test_stub_ends_when_gdb_disconnects(heisen_bin, trace):
    stub = Stub(heisen_bin, trace)
    try:
        assert stub.ask(b"?").startswith(b"T05")
        stub.p.stdin.close()
        assert stub.p.wait(timeout=TIMEOUT) == 0
    finally:
        stub.close()


def test_process_tree_program(heisen_factory, heisen_bin, prog, tmp_path):
    """A program that forks (tests/progs/kill_child.c): gdb debugs its first
    process; the children run as recorded, and breakpoints in the parent
    are hit forward and backward across their lives."""
    rec = heisen_factory(tmp_path / "h").record(prog("kill_child"))
    assert rec.returncode == 0, rec.stderr
    out, cp = gdb_batch(heisen_bin, rec.trace,
                        ["break waitpid", "continue", "continue", "info threads",
                         "reverse-continue", "delete", "continue"], tmp_path)
    waits = re.findall(r"Breakpoint 1, __GI___waitpid \(pid=(?:pid@entry=)?(\d+),", out)
    assert waits == ["3", "4", "3"], out
    assert re.search(r"^\*\s+1\s+Thread 2\.2 \(kill_child\)", out, re.M), out
    assert "Thread 4." not in out and "inferior 2" not in out, out
    assert re.search(r"\[Inferior 1 \(process \d+\) exited normally\]", out), out


def test_interrupt_stops_a_running_replay(heisen_bin, trace):
    """gdb's Ctrl-C is a 0x03 byte while the replay runs: the stub stops at
    once (at the next run of a thread) with SIGINT. Sent in the same write
    as the continue, it is waiting before the replay even starts."""
    stub = Stub(heisen_bin, trace)
    try:
        assert stub.ask(b"qSupported:multiprocess+").startswith(b"PacketSize=")
        stub.send(_frame(b"vCont;c:p2.-1") + b"\x03")
        assert stub.reply().startswith(b"T02thread:p2."), "no SIGINT stop"
        assert stub.ask(b"?").startswith(b"T02")
        assert stub.ask(b"D") == b"OK"
    finally:
        stub.close()


def test_breakpoint_on_the_way_to_a_preemption_point(heisen_factory, heisen_bin, prog,
                                                     tmp_path):
    """tests/progs/racy_counter.c: a worker spins (_mm_pause) until the other
    has started, and the recorder must preempt it there for the other to
    start at all. The replay runs it to that preemption point with the point
    finder; gdb's breakpoint must be hit on the way, forward and backward."""
    h = heisen_factory(tmp_path / "h")
    rec = h.record(prog("racy_counter"))
    assert rec.returncode == 0, rec.stderr
    out, cp = gdb_batch(heisen_bin, rec.trace,
                        ["break _mm_pause", "continue", "monitor when", "print $rax",
                         "continue", "print $rax", "reverse-continue", "print $rax",
                         "delete", "continue"], tmp_path)
    out += cp.stderr.decode(errors="replace")   # monitor output
    assert len(re.findall(r"hit Breakpoint 1, _mm_pause \(\)", out)) == 3, out
    assert re.findall(r"^\$\d = (\d+)$", out, re.M) == ["0", "1", "0"], out
    event = int(re.search(r"Current event: (\d+)", out).group(1))
    dump = h.dump(rec.trace).stdout.decode()
    line = next(l for l in dump.splitlines() if re.match(rf"\s*{event}\s", l))
    assert " preempt " in line, f"event {event} is not a preemption point: {line}"
    assert re.search(r"\[Inferior 1 \(process \d+\) exited normally\]", out), out


def test_recording_stopped_by_sigterm_ends_with_live_threads(heisen, heisen_bin, prog,
                                                              checks, tmp_path):
    """The hung-program case: a recording ended by SIGTERM. At the end of its
    replay gdb sees every thread alive, stopped by SIGTERM, can look at
    them and go back; continuing once more ends the program."""
    trace = heisen.new_trace_path("block_threads")
    proc = heisen.popen("record", "-o", trace, "--", prog("block_threads"))
    drain = checks.PipeDrain(proc)
    try:
        drain.pump(lambda: b"\n" in drain.out, TIMEOUT, "the program's first line")
        proc.send_signal(signal.SIGTERM)
        drain.pump_to_eof(TIMEOUT, "the recording to end")
        assert proc.wait(timeout=TIMEOUT) == 128 + signal.SIGTERM
    finally:
        drain.close()
        heisen.reap(proc)
    out, cp = gdb_batch(heisen_bin, trace,
                        ["continue", "info threads", "thread apply all bt 1",
                         "reverse-continue", "continue", "continue"], tmp_path)
    assert out.count("received signal SIGTERM, Terminated.") == 2, out
    assert len(re.findall(r"^\*?\s+\d+\s+Thread 2\.\d+ \(block_threads\)", out, re.M)) == 2, out
    assert "clock_nanosleep" in out, out
    assert "No more reverse-execution history." in out, out
    assert "Program terminated with signal SIGTERM" in out, out


def test_signals_are_stops(heisen, heisen_bin, prog, tmp_path):
    """tests/progs/abort_late.c: a SIGUSR1 with a handler, then abort().
    gdb stops at each signal before its delivery (numbered as gdb numbers
    them), with the thread alive at the SIGABRT; going back passes the same
    signal stop; the program ends by the SIGABRT."""
    rec = heisen.record(prog("abort_late"))
    assert rec.returncode == 128 + signal.SIGABRT, rec.stderr
    out, cp = gdb_batch(heisen_bin, rec.trace,
                        ["continue", "continue", "bt", "print stage", "watch stage",
                         "reverse-continue", "reverse-continue", "reverse-continue",
                         "delete", "continue", "continue", "continue"], tmp_path)
    stops = re.findall(r"^(Program received signal \w+|Old value = \d+|"
                       r"Program terminated with signal \w+)", out, re.M)
    assert stops == ["Program received signal SIGUSR1", "Program received signal SIGABRT",
                     "Old value = 3",                     # back: before stage = 3
                     "Program received signal SIGUSR1",   # back: its delivery
                     "Old value = 1",                     # back: before stage = 1
                     "Program received signal SIGUSR1", "Program received signal SIGABRT",
                     "Program terminated with signal SIGABRT"], out
    assert re.search(r"^#\d+\s+0x[0-9a-f]+ in main \(\) at tests/progs/abort_late\.c:\d+",
                     out, re.M), out
    assert re.search(r"^\$1 = 3$", out, re.M), out


def test_passed_signals_are_not_stops(heisen, heisen_bin, prog, tmp_path):
    """`handle SIGUSR1 nostop noprint` makes gdb send QPassSignals: the stub
    then does not stop at that signal at all."""
    rec = heisen.record(prog("abort_late"))
    out, cp = gdb_batch(heisen_bin, rec.trace,
                        ["handle SIGUSR1 nostop noprint", "continue", "print stage",
                         "continue"], tmp_path)
    assert "SIGUSR1," not in out, out
    assert "Program received signal SIGABRT" in out, out
    assert re.search(r"^\$1 = 3$", out, re.M), out
    assert "Program terminated with signal SIGABRT" in out, out


def test_host_io_reads_files_as_the_program_sees_them(heisen_bin, trace, prog):
    """vFile: paths resolve in the replay's namespace, read-only: the
    program's /proc files (gdb reads /proc/PID/task/TID/maps so) and its
    executable."""
    stub = Stub(heisen_bin, trace)
    try:
        assert stub.ask(b"?").startswith(b"T05")
        assert stub.ask(b"vFile:setfs:0") == b"F0"
        maps = stub.ask(b"vFile:open:" + b"/proc/2/task/2/maps".hex().encode() + b",0,0")
        assert re.fullmatch(rb"F[0-9a-f]+", maps), maps
        fd = maps[1:]
        data = stub.ask(b"vFile:pread:" + fd + b",800,0")
        assert re.match(rb"F[0-9a-f]+;", data), data
        assert str(prog(PROG)).encode() in data, data   # the program's own maps
        assert stub.ask(b"vFile:fstat:" + fd).startswith(b"F40;")
        assert stub.ask(b"vFile:close:" + fd) == b"F0"
        assert stub.ask(b"vFile:close:" + fd) == b"F-1,9"          # EBADF
        exe = str(prog(PROG)).encode().hex().encode()
        assert stub.ask(b"vFile:open:" + exe + b",1,0") == b"F-1,1e"  # EROFS
        assert stub.ask(b"vFile:open:" + b"/no/such".hex().encode() + b",0,0") == b"F-1,2"
        assert stub.ask(b"vFile:open:zz,0,0") == b"F-1,16"        # EINVAL
        assert stub.ask(b"vFile:unlink:" + exe) == b""               # not supported
    finally:
        stub.close()


def test_gdb_reads_the_programs_proc_files(heisen_bin, trace, tmp_path):
    out, cp = gdb_batch(heisen_bin, trace, ["info inferiors"], tmp_path)
    assert cp.returncode == 0, cp.stderr
    assert b"unable to open /proc file" not in cp.stderr, cp.stderr
