"""Runs each unit-test program (tests/unit/NAME.c, built by `make units` as
build/unit/NAME): exit status 0 means it passed.

The list is taken from the sources and the built programs together, so a
unit test whose source exists but was not built fails instead of silently
disappearing."""
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
UNIT_SRC = REPO_ROOT / "tests" / "unit"
UNIT_BIN = REPO_ROOT / "build" / "unit"
TIMEOUT = 120


def _unit_names():
    names = set()
    if UNIT_SRC.is_dir():
        names.update(p.stem for p in UNIT_SRC.glob("*.c"))
    if UNIT_BIN.is_dir():
        names.update(p.name for p in UNIT_BIN.iterdir()
                     if p.is_file() and os.access(p, os.X_OK))
    return sorted(names)


@pytest.mark.parametrize("name", _unit_names())
def test_unit(run, repo_root, name):
    path = UNIT_BIN / name
    assert path.is_file() and os.access(path, os.X_OK), (
        f"{path} is not built: run `make units`")
    cp = run([path], timeout=TIMEOUT, cwd=repo_root)
    assert cp.returncode == 0, (
        f"{name} failed with status {cp.returncode}\n"
        f"stdout:\n{cp.stdout.decode(errors='replace')[-4000:]}\n"
        f"stderr:\n{cp.stderr.decode(errors='replace')[-4000:]}")
