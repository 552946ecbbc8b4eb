#!/usr/bin/python3
# multiprocessing.Value and Lock with the default fork start method: four
# worker processes add to shared ctypes values (in an mmap'ed arena that
# fork shares) -- an int without its own lock guarded by an explicit Lock
# (a POSIX semaphore in shared memory), a double through its own
# get_lock(), and a RawValue. The parent joins them and prints the totals,
# exact because of the locks.
# corpus: native=same
import multiprocessing as mp
import sys

WORKERS, ADDS = 4, 500


def work(n, counter, lock, total, raw):
    for i in range(ADDS):
        with lock:
            counter.value += 1
        with total.get_lock():
            total.value += 0.5
    with lock:
        raw.value += n + 1


def main():
    print("start method:", mp.get_start_method())
    lock = mp.Lock()
    counter = mp.Value("i", 0, lock=False)
    total = mp.Value("d", 0.0)
    raw = mp.RawValue("l", 0)
    procs = [mp.Process(target=work, args=(n, counter, lock, total, raw))
             for n in range(WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    codes = [p.exitcode for p in procs]
    print("exit codes:", codes)
    print("counter:", counter.value, "expected", WORKERS * ADDS)
    print("total:", total.value, "expected", WORKERS * ADDS * 0.5)
    print("sum of worker numbers:", raw.value)
    ok = (codes == [0] * WORKERS and counter.value == WORKERS * ADDS
          and total.value == WORKERS * ADDS * 0.5 and raw.value == 10)
    print("ok" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
