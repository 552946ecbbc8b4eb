"""Shared driver for the race targets' scenarios.

A scenario starts one server (optionally behind a command prefix such as
`heisen record -o DIR --`), learns its port from the first "port N" line
of its stdout, runs a client against it, then waits for the server to
exit by itself. Exit status: 0 all correct, 1 the race's failure was
observed, 2 setup error; one line on stderr says why.
"""

import argparse
import ctypes
import os
import re
import select
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = os.path.dirname(HERE)
BUILD = os.path.join(TARGETS, "build")

PR_SET_CHILD_SUBREAPER = 36


class Failure(Exception):
    """The race's failure was observed (exit 1)."""


class SetupError(Exception):
    """The scenario could not run (exit 2)."""


def become_subreaper():
    # Grandchildren (CGI programs, a recorder's tracees) orphaned by a
    # killed server are re-parented to us, so we can reap them too.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except OSError:
        pass


def parse_args(name, extra=None):
    ap = argparse.ArgumentParser(prog=f"{name}/scenario")
    ap.add_argument("--fixed", action="store_true", help="run the fixed build")
    ap.add_argument("--timeout", type=float, default=2.0,
                    help="seconds without progress that count as stuck (default 2)")
    ap.add_argument("--server-cmd", default="",
                    help="prefix for the server command line (split with shlex)")
    ap.add_argument("--verbose", action="store_true",
                    help="copy the server's stderr to ours")
    if extra:
        extra(ap)
    args = ap.parse_args()
    if args.timeout <= 0:
        ap.error("--timeout must be positive")
    return args


class Server:
    """One server process (behind an optional prefix) in its own process
    group, its stdout and stderr drained by background threads."""

    def __init__(self, argv, verbose=False, env=None):
        self.argv = argv
        self.verbose = verbose
        self.stderr_lines = []
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, start_new_session=True, env=env)
        self.pgid = self.proc.pid
        self.pidfd = os.pidfd_open(self.proc.pid)
        self._err_thread = threading.Thread(target=self._drain_stderr, daemon=True)
        self._err_thread.start()

    def _drain_stderr(self):
        for raw in iter(self.proc.stderr.readline, b""):
            line = raw.decode(errors="replace").rstrip("\n")
            self.stderr_lines.append(line)
            if self.verbose:
                print(line, file=sys.stderr, flush=True)

    def _drain_stdout(self):
        for _ in iter(self.proc.stdout.readline, b""):
            pass

    def read_port(self, timeout):
        """Wait for the "port N" line; other lines (a prefix's chatter) are
        skipped."""
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        buf = b""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SetupError(f"server did not announce its port within {timeout:g}s")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 4096)
            if not chunk:
                self._exited(max(1.0, left))
                raise SetupError("server exited before announcing its port"
                                 f" ({self.describe_exit()}){self.last_stderr()}")
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                m = re.fullmatch(rb"port (\d+)", line.strip())
                if m:
                    threading.Thread(target=self._drain_stdout, daemon=True).start()
                    return int(m.group(1))

    def _exited(self, timeout):
        """Wait up to timeout seconds for the leader to exit, without
        reaping it: while it is unreaped its process group id stays ours,
        so killing the group later cannot hit a stranger."""
        if self.proc.returncode is not None:
            return True
        ready, _, _ = select.select([self.pidfd], [], [], max(0.0, timeout))
        return bool(ready)

    def _status(self):
        """Exit status of the exited, unreaped leader, as Popen encodes it
        (negative: killed by that signal)."""
        if self.proc.returncode is not None:
            return self.proc.returncode
        info = os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        if info is None:
            return None
        if info.si_code == os.CLD_EXITED:
            return info.si_status
        return -info.si_status

    def wait_exit(self, timeout):
        """Exit status, or None when the server is still running after
        timeout seconds. The leader is left unreaped until stop()."""
        return self._status() if self._exited(timeout) else None

    def describe_exit(self):
        rc = self._status()
        if rc is None:
            return "still running"
        if rc < 0:
            try:
                return f"killed by {signal.Signals(-rc).name}"
            except ValueError:
                return f"killed by signal {-rc}"
        return f"exit status {rc}"

    def last_stderr(self):
        self._err_thread.join(timeout=0.5)
        for line in reversed(self.stderr_lines):
            if line.strip():
                return f": {line.strip()}"
        return ""

    def stop(self, grace):
        """Ask politely (SIGTERM to the process we started, so a recording
        prefix can finish its trace), then kill the whole group (what is
        left of it: CGI children, a recorder's tracees), and reap."""
        if not self._exited(0):
            try:
                self.proc.send_signal(signal.SIGTERM)
            except ProcessLookupError:
                pass
            self._exited(grace)
        try:
            os.killpg(self.pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()
        os.close(self.pidfd)
        for f in (self.proc.stdout, self.proc.stderr):
            try:
                f.close()
            except OSError:
                pass


def reap_orphans(limit=2.0):
    """Reap re-parented grandchildren (we are a subreaper); bounded."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.01)


def binary(name, fixed):
    path = os.path.join(BUILD, name + ("-fixed" if fixed else ""))
    if not os.access(path, os.X_OK):
        raise SetupError(f"{path} is not built (run: make -C targets)")
    return path


def connect(port, timeout, rcvbuf=None, mss=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    if mss:
        # Loopback's 64 KiB segments make window updates coarse; an
        # Ethernet-sized MSS makes the connection drain like a real link.
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, mss)
    s.settimeout(timeout)
    try:
        s.connect(("127.0.0.1", port))
    except OSError as e:
        s.close()
        raise Failure(f"cannot connect to the server: {e}")
    return s


def recv_exact(sock, n, what):
    """n bytes, or Failure (stuck past the socket timeout, or EOF)."""
    parts, got = [], 0
    while got < n:
        try:
            chunk = sock.recv(min(65536, n - got))
        except socket.timeout:
            raise Failure(f"stuck: {what}: got {got} of {n} bytes, then nothing")
        except OSError as e:
            raise Failure(f"{what}: {e}")
        if not chunk:
            raise Failure(f"{what}: connection closed after {got} of {n} bytes")
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def recv_until(sock, marker, limit, what):
    """Bytes through the first marker (at most limit bytes)."""
    buf = b""
    while marker not in buf:
        if len(buf) > limit:
            raise Failure(f"{what}: no {marker!r} in the first {limit} bytes")
        try:
            chunk = sock.recv(1)
        except socket.timeout:
            raise Failure(f"stuck: {what}: no response within the timeout"
                          f" ({len(buf)} bytes received)")
        except OSError as e:
            raise Failure(f"{what}: {e}")
        if not chunk:
            raise Failure(f"{what}: connection closed after {len(buf)} bytes")
        buf += chunk
    return buf


def recv_to_eof(sock, limit, what):
    parts, got = [], 0
    while True:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            raise Failure(f"stuck: {what}: response never finished"
                          f" ({got} bytes received, connection still open)")
        except OSError as e:
            raise Failure(f"{what}: {e}")
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        got += len(chunk)
        if got > limit:
            raise Failure(f"{what}: more than {limit} bytes")


def expect_equal(got, want, what):
    if got == want:
        return
    n = min(len(got), len(want))
    first = next((i for i in range(n) if got[i] != want[i]), n)
    raise Failure(f"{what}: wrong bytes: {len(got)} received, {len(want)} expected,"
                  f" first difference at offset {first}")


def run(name, server_args, client, args, env=None, setup_timeout=None):
    """Start the server, run client(port), check the server's exit; print
    the verdict and exit with 0, 1 or 2. Never returns."""
    become_subreaper()
    server = None
    code, reason = 0, "ok"
    try:
        argv = shlex.split(args.server_cmd) + [binary(name, args.fixed)] + server_args
        try:
            server = Server(argv, verbose=args.verbose, env=env)
        except OSError as e:
            raise SetupError(f"cannot start {argv[0]}: {e}")
        port = server.read_port(setup_timeout or max(5.0, args.timeout))
        try:
            try:
                detail = client(port)
            except OSError as e:    # reset or refused mid-run: a symptom
                raise Failure(f"connection error: {e}")
        except Failure:
            # A crash of the server is the better explanation of what the
            # client saw (reset connection, missing bytes).
            if server.wait_exit(0.2) not in (None, 0):
                raise Failure(f"server crashed ({server.describe_exit()})"
                              f"{server.last_stderr()}")
            raise
        status = server.wait_exit(args.timeout)
        if status is None:
            raise Failure(f"server did not exit within {args.timeout:g}s"
                          " after the clients were done")
        if status != 0:
            raise Failure(f"server failed ({server.describe_exit()}){server.last_stderr()}")
        reason = f"ok: {detail}" if detail else "ok"
    except Failure as e:
        code, reason = 1, f"FAIL: {e}"
    except SetupError as e:
        code, reason = 2, f"setup error: {e}"
    except Exception as e:  # a bug in the driver is a setup error, not a race
        code, reason = 2, f"setup error: {type(e).__name__}: {e}"
    finally:
        if server is not None:
            server.stop(grace=min(2.0, args.timeout))
        reap_orphans()
    build = "fixed" if args.fixed else "buggy"
    print(f"{name} ({build}): {reason}", file=sys.stderr, flush=True)
    sys.exit(code)
