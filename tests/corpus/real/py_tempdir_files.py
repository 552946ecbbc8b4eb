#!/usr/bin/python3
# Files in a tempfile.TemporaryDirectory: a tree written with pathlib,
# walked with os.walk (sorted), read back with open/readlines, renamed,
# os.stat sizes, shutil.copytree/rmtree, fcntl.flock on a file.
# corpus: native=same
import fcntl
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory(prefix="corpus-py-") as d:
    root = Path(d)
    for i in range(12):
        sub = root / f"dir{i % 3}" / f"sub{i % 2}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"file{i}.txt").write_text("".join(f"line {j} of file {i}\n" for j in range(i + 1)))
    listing = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for f in sorted(filenames):
            p = Path(dirpath) / f
            listing.append((str(p.relative_to(root)), os.stat(p).st_size, len(p.read_text().splitlines())))
    for entry in listing:
        print(*entry)
    os.rename(root / "dir0" / "sub0" / "file0.txt", root / "renamed.txt")
    print("renamed exists:", (root / "renamed.txt").exists())
    shutil.copytree(root / "dir1", root / "copy")
    h = hashlib.sha256()
    for p in sorted((root / "copy").rglob("*.txt")):
        h.update(p.read_bytes())
    print("copy digest", h.hexdigest()[:16], "files", len(list((root / "copy").rglob("*.txt"))))
    with open(root / "lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        f.write("locked\n")
        fcntl.flock(f, fcntl.LOCK_UN)
    with open(root / "renamed.txt", "a+") as f:
        f.write("appended\n")
        f.seek(0)
        print("after append:", f.readlines())
    shutil.rmtree(root / "copy")
    print("entries at top:", sorted(os.listdir(root)))
print("temp dir removed:", not os.path.exists(d))
