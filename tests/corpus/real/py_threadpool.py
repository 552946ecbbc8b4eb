#!/usr/bin/python3
# concurrent.futures.ThreadPoolExecutor: map() of a CPU job over 4
# workers, submit() with as_completed (results sorted), an exception in a
# task surfacing through its future, and shutdown joining the workers.
# corpus: native=same
import concurrent.futures as cf
import hashlib
import threading
import zlib


def job(n):
    data = (f"block {n} " * 200).encode()
    return n, zlib.crc32(data), hashlib.md5(data).hexdigest()[:10]


def fails(n):
    if n == 3:
        raise ValueError(f"task {n} failed")
    return n * n


names = set()


def whoami(_):
    names.add(threading.current_thread().name.split("_")[0])
    return 1


with cf.ThreadPoolExecutor(max_workers=4, thread_name_prefix="pool") as ex:
    res = list(ex.map(job, range(40)))
    futs = [ex.submit(fails, i) for i in range(6)]
    done = []
    for f in cf.as_completed(futs):
        try:
            done.append(("ok", f.result()))
        except ValueError as e:
            done.append(("error", str(e)))
    total = sum(ex.map(whoami, range(100)))
print(len(res), "results, first", res[0], "last", res[-1])
print("crc xor", hex(sum(r[1] for r in res) & 0xFFFFFFFF))
print("submitted:", sorted(done, key=str))
print("whoami total", total, "names", sorted(names))
print("threads alive after shutdown:", threading.active_count())
