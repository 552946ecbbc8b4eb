"""The race targets (targets/): each scenario passes with the fixed build;
with TARGET_WIDEN=1 (a delay held inside the race window) the buggy build
fails every time and the fixed build still passes; no scenario leaves a
process or a listening socket behind. Assumes `make` has built targets/.
"""

import concurrent.futures
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS_DIR = os.path.join(ROOT, "targets")
BUILD = os.path.join(TARGETS_DIR, "build")
NAMES = ["httpd", "cgi", "ipc", "tls", "multibuf"]
WIDEN_RUNS = 5
# A bound for a hung driver only; the drivers bound themselves far below.
DRIVER_LIMIT = 120
# Marks the processes this test session starts (servers inherit it), so
# that others running the same targets at the same time are not mistaken
# for our leftovers.
MARK_VAR = "HEISEN_TARGETS_TEST"
MARK = f"{MARK_VAR}={os.getpid()}".encode()


def scenario(name, *args, widen=False):
    env = dict(os.environ)
    env.pop("TARGET_WIDEN", None)
    if widen:
        env["TARGET_WIDEN"] = "1"
    env[MARK_VAR] = str(os.getpid())
    p = subprocess.run([os.path.join(TARGETS_DIR, name, "scenario"), *args],
                       env=env, stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, timeout=DRIVER_LIMIT)
    return p.returncode, p.stderr.strip()


def leftover_pids():
    """Processes this session started that are still there: anything
    carrying our mark (drivers, servers, recorders' children), and CGI
    programs from targets/build that were orphaned (they get a fresh
    environment from the server, so they carry no mark)."""
    pids = []
    for d in os.listdir("/proc"):
        if not d.isdigit() or int(d) == os.getpid():
            continue
        try:
            with open(f"/proc/{d}/environ", "rb") as f:
                environ = f.read().split(b"\0")
            with open(f"/proc/{d}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        orphan_cgi = ppid == 1 and os.path.join(BUILD, "cgi-bin") in cmd
        if MARK in environ or orphan_cgi:
            pids.append((int(d), cmd))
    return pids


def loopback_listeners():
    """Inodes of TCP sockets listening on 127.0.0.1."""
    inodes = set()
    with open("/proc/net/tcp") as f:
        next(f)
        for line in f:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and local.startswith("0100007F:"):
                inodes.add(inode)
    return inodes


def socket_owners(inodes):
    owners = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            for fd in os.listdir(f"/proc/{d}/fd"):
                link = os.readlink(f"/proc/{d}/fd/{fd}")
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    owners.setdefault(link[8:-1], set()).add(int(d))
        except OSError:
            continue
    return owners


@pytest.fixture(scope="module", autouse=True)
def built():
    missing = [n for n in NAMES + [f"{n}-fixed" for n in NAMES]
               if not os.access(os.path.join(BUILD, n), os.X_OK)]
    assert not missing, f"targets not built (run make): {missing}"


@pytest.fixture
def no_leftovers():
    """After the test: no process we started is left, and no new loopback
    listener belongs to one."""
    before = loopback_listeners()
    yield
    left = leftover_pids()
    new = loopback_listeners() - before
    if new:
        mine = {p for p, _ in left}
        owners = socket_owners(new)
        leaked = [i for i in new if owners.get(i, set()) & mine]
        assert leaked == [], f"listening sockets left by targets: {leaked} ({left})"
    assert left == []


@pytest.mark.parametrize("name", NAMES)
def test_fixed_build_passes(name, no_leftovers):
    rc, err = scenario(name, "--fixed")
    assert rc == 0, err


@pytest.mark.parametrize("name", NAMES)
def test_widened_buggy_build_fails_every_time(name, no_leftovers):
    with concurrent.futures.ThreadPoolExecutor(WIDEN_RUNS) as pool:
        results = list(pool.map(lambda _: scenario(name, widen=True), range(WIDEN_RUNS)))
    for rc, err in results:
        assert rc == 1, err
        assert "FAIL" in err


@pytest.mark.parametrize("name", NAMES)
def test_widened_fixed_build_passes(name, no_leftovers):
    rc, err = scenario(name, "--fixed", widen=True)
    assert rc == 0, err


def test_setup_error_is_exit_2(no_leftovers):
    """A server that cannot start is a setup error, not a race."""
    rc, err = scenario("httpd", "--fixed", "--server-cmd", "/nonexistent/prefix")
    assert rc == 2, err
    assert "setup error" in err


def test_server_cmd_prefix_runs_the_server(no_leftovers):
    """--server-cmd prefixes the server's command line; a prefix that
    forks the server (like a recorder) is waited for like the server."""
    rc, err = scenario("ipc", "--fixed", "--server-cmd", "/bin/sh -c '\"$0\" \"$@\"; exit $?'")
    assert rc == 0, err
