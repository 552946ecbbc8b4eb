#!/usr/bin/python3
# multiprocessing.shared_memory.SharedMemory: a named block in /dev/shm
# created by the parent, attached by name in forked children (each fills
# its own slice through a memoryview, then closes), read back by the
# parent; a ShareableList attached by name too; unlink() removes both
# names, checked in /dev/shm. The resource tracker process it starts
# exits when the parent does.
# corpus: native=same
import multiprocessing as mp
import os
import struct
import sys
from multiprocessing import shared_memory

CHILDREN, SLICE = 3, 4096


def fill(name, k):
    shm = shared_memory.SharedMemory(name=name)
    buf = shm.buf
    for i in range(0, SLICE, 4):
        struct.pack_into("<i", buf, k * SLICE + i, k * 1000 + i // 4)
    msg = f"child {k} was here".encode()
    buf[k * SLICE:k * SLICE + len(msg)] = msg
    del buf
    shm.close()


def edit(name):
    sl = shared_memory.ShareableList(name=name)
    sl[0] = sl[0] * 2
    sl[2] = "changed"
    sl.shm.close()


def main():
    shm = shared_memory.SharedMemory(create=True, size=CHILDREN * SLICE)
    sl = shared_memory.ShareableList([21, 3.5, "initial", None, True])
    names = [shm.name, sl.shm.name]
    try:
        print("in /dev/shm:", all(os.path.exists("/dev/shm/" + n) for n in names))
        print("size at least asked:", shm.size >= CHILDREN * SLICE)
        procs = [mp.Process(target=fill, args=(shm.name, k)) for k in range(CHILDREN)]
        procs.append(mp.Process(target=edit, args=(sl.shm.name,)))
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print("exit codes:", [p.exitcode for p in procs])
        ok = all(p.exitcode == 0 for p in procs)
        for k in range(CHILDREN):
            start = k * SLICE
            text = bytes(shm.buf[start:start + 16]).decode()
            last = struct.unpack_from("<i", shm.buf, start + SLICE - 4)[0]
            print(f"slice {k}: {text!r}, last int {last}")
            ok = ok and text == f"child {k} was here" and last == k * 1000 + SLICE // 4 - 1
        print("list:", list(sl))
        ok = ok and list(sl) == [42, 3.5, "changed", None, True]
    finally:
        sl.shm.close()
        sl.shm.unlink()
        shm.close()
        shm.unlink()
    print("names gone:", not any(os.path.exists("/dev/shm/" + n) for n in names))
    print("ok" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
