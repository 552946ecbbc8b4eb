"""Plain `heisen replay TRACE`, the README's path: heisen starts gdb on a
terminal (tmux, whose pane output is streamed to us through a FIFO, so we
wait for what gdb prints instead of sleeping), and gdb is driven through
break, watch, continue, reverse-continue and quit. Also: a gdb that cannot
start, and -x FILE and -- GDB-ARGS passed to gdb."""
import os
import select
import re
import shutil
import subprocess
import time

import pytest

WAIT = 60  # a bound for each step, not a measure


class Terminal:
    """A tmux session of its own (private socket) running one command;
    what its pane prints arrives through a FIFO."""

    def __init__(self, tmp_path, command):
        self.tmux = shutil.which("tmux")
        assert self.tmux, "tmux is not installed: `make deps` (as root) installs it"
        self.sock = f"heisen-test-{os.getpid()}-{id(self)}"
        fifo = tmp_path / "pane.fifo"
        os.mkfifo(fifo)
        self.fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        self.text = ""
        self._tmux("new-session", "-d", "-x", "200", "-y", "50", "-s", "t",
                   f"{command}; echo HEISEN-EXIT=$?; read")
        self._tmux("pipe-pane", "-t", "t", "-o", f"cat >> {fifo}")

    def _tmux(self, *args):
        subprocess.run([self.tmux, "-L", self.sock, *args], check=True, timeout=WAIT)

    def send(self, line):
        self._tmux("send-keys", "-t", "t", "-l", line)
        self._tmux("send-keys", "-t", "t", "Enter")

    def wait_for(self, pattern, count=1):
        """Until the pane has printed `pattern` (a regex) `count` times."""
        deadline = time.monotonic() + WAIT
        while len(re.findall(pattern, self.text)) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"no {pattern!r} on the terminal within {WAIT}s; it shows:\n"
                            f"{self.text[-3000:]}", pytrace=False)

            r, _, _ = select.select([self.fd], [], [], left)
            if r:
                data = os.read(self.fd, 65536)
                # keep the text, drop the terminal's escape sequences
                self.text += re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\r", "",
                                    data.decode(errors="replace"))

    def close(self):
        subprocess.run([self.tmux, "-L", self.sock, "kill-server"], timeout=WAIT,
                       stderr=subprocess.DEVNULL)
        os.close(self.fd)


@pytest.fixture
def handoff_trace(heisen, prog, checks):
    rec = heisen.record(prog("mutex_cond_handoff"))
    checks.no_crash(rec)
    assert rec.returncode == 0, rec.stderr
    return rec.trace


def test_gdb_on_a_terminal(heisen_bin, handoff_trace, tmp_path, repo_root):
    term = Terminal(tmp_path, f"cd {repo_root} && {heisen_bin} replay {handoff_trace}")
    try:
        term.wait_for(r"\(gdb\) ")
        term.send("break mutex_cond_handoff.c:28")
        term.wait_for(r"Breakpoint 1 at")
        term.send("continue")
        term.wait_for(r"hit Breakpoint 1, consumer")
        term.send("watch consumed")
        term.wait_for(r"Hardware watchpoint 2: consumed")
        term.send("continue")
        term.wait_for(r"hit Breakpoint 1, consumer", 2)
        term.send("reverse-continue")
        # back to the write that made consumed 5 (shown, going backward,
        # as the value before it being the new one)
        term.wait_for(r"Hardware watchpoint 2: consumed\s+Old value = 5\s+New value = 1")
        term.send("quit")
        term.wait_for(r"Quit anyway\? \(y or n\)")
        term.send("y")
        term.wait_for(r"HEISEN-EXIT=\d+")
        assert "HEISEN-EXIT=0" in term.text, term.text[-2000:]
    finally:
        term.close()


def test_gdb_that_cannot_start(heisen, handoff_trace, checks):
    cp = heisen.run("replay", "--gdb", "/nonexistent/gdb", handoff_trace, timeout=WAIT)
    checks.clean_error(cp, returncode=125, max_lines=1)
    assert b"/nonexistent/gdb" in cp.stderr


def test_x_file_and_gdb_args_pass_through(heisen, handoff_trace, tmp_path):
    script = tmp_path / "cmds.gdb"
    script.write_text("break mutex_cond_handoff.c:28\ncontinue\nprint item\n")
    cp = heisen.run("replay", "-x", script, handoff_trace, "--", "-batch", "-nx",
                    "-iex", "set pagination off", timeout=WAIT)
    out = cp.stdout.decode(errors="replace")
    assert re.search(r"hit Breakpoint 1, consumer", out), out + cp.stderr.decode()
    assert re.search(r"^\$1 = 1$", out, re.M), out
    assert cp.returncode == 0, cp.stderr.decode()
