"""What recording and replaying need, as docs/usage.md says: root, or the
capabilities CAP_SYS_ADMIN (namespaces, mounts) and CAP_SYS_PTRACE (the
program runs in another pid namespace). Shown with heisen run by the user
nobody, with file capabilities on a copy of the binary."""
import os
import pwd
import shutil
import subprocess
import tempfile

import pytest

AS_NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


@pytest.fixture
def nobody_dir(heisen_bin):
    """A directory nobody can use, holding a copy of heisen (file
    capabilities need a file of our own) and a trace root of nobody's."""
    if os.geteuid() != 0 or not shutil.which("setcap") or not shutil.which("setpriv"):
        pytest.skip("needs root, setcap (libcap2-bin) and setpriv (util-linux)")
    top = tempfile.mkdtemp(prefix="heisen-priv-", dir="/tmp")
    try:
        os.chmod(top, 0o755)
        shutil.copy(heisen_bin, os.path.join(top, "heisen"))
        home = os.path.join(top, "home")
        os.mkdir(home)
        shutil.chown(home, "nobody")
        yield top
    finally:
        shutil.rmtree(top)


def as_nobody(top, caps, *args):
    binary = os.path.join(top, "heisen")
    if caps:
        subprocess.run(["setcap", caps, binary], check=True)
    else:
        subprocess.run(["setcap", "-r", binary], check=False, stderr=subprocess.DEVNULL)
    home = os.path.join(top, "home")
    env = {"PATH": "/usr/bin:/bin", "HOME": home, "HEISEN_TRACE_DIR": os.path.join(home, "t")}
    return subprocess.run([*AS_NOBODY, binary, *args], env=env, cwd=home, capture_output=True,
                          timeout=120)


def test_capabilities_are_enough(nobody_dir, checks):
    rec = as_nobody(nobody_dir, "cap_sys_admin,cap_sys_ptrace+ep", "record", "--", "/bin/echo", "hi")
    checks.no_crash(rec)
    assert rec.returncode == 0, rec.stderr
    assert rec.stdout == b"hi\n"
    rp = as_nobody(nobody_dir, "cap_sys_admin,cap_sys_ptrace+ep", "replay", "-a")
    checks.same_run(rp, rec)
    trace = os.path.join(nobody_dir, "home", "t", "echo-0")
    assert os.stat(trace).st_uid == pwd.getpwnam("nobody").pw_uid


@pytest.mark.parametrize("caps,has", [("cap_sys_admin+ep", "CAP_SYS_ADMIN only"),
                                      ("cap_sys_ptrace+ep", "CAP_SYS_PTRACE only"),
                                      (None, "neither")])
def test_missing_capability_is_one_clear_line(nobody_dir, checks, caps, has):
    """Without one of the two, record and replay each say which is missing,
    in one line, before anything is made."""
    full = as_nobody(nobody_dir, "cap_sys_admin,cap_sys_ptrace+ep", "record", "--", "/bin/echo")
    assert full.returncode == 0, full.stderr
    root = os.path.join(nobody_dir, "home", "t")
    before = sorted(os.listdir(root))
    want = (f"needs root, or the capabilities CAP_SYS_ADMIN and CAP_SYS_PTRACE "
            f"(this process has {has})").encode()
    for args in (["record", "--", "/bin/echo", "hi"], ["replay", "-a"]):
        cp = as_nobody(nobody_dir, caps, *args)
        checks.clean_error(cp)
        assert want in cp.stderr, cp.stderr
        assert cp.stdout == b""
    assert sorted(os.listdir(root)) == before, "a trace directory was made for nothing"
