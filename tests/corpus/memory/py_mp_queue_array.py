#!/usr/bin/python3
# multiprocessing.Queue and a Manager-free Array with the default fork
# start method: three producers put tagged items on a Queue (a pipe fed by
# a feeder thread, with a shared-memory semaphore for its bound) and write
# their results into slots of a shared Array('i') and a RawArray('d');
# the parent drains the Queue, sorts what it got, and reads the arrays.
# corpus: native=same
import multiprocessing as mp
import sys

PRODUCERS, ITEMS = 3, 40


def produce(k, q, arr, raw):
    total = 0
    for i in range(ITEMS):
        q.put((k, i, k * 100 + i))
        total += k * 100 + i
    with arr.get_lock():
        arr[k] = total
    raw[k] = total / ITEMS
    q.put((k, None, None))


def main():
    q = mp.Queue(maxsize=16)
    arr = mp.Array("i", PRODUCERS)
    raw = mp.RawArray("d", PRODUCERS)
    procs = [mp.Process(target=produce, args=(k, q, arr, raw)) for k in range(PRODUCERS)]
    for p in procs:
        p.start()
    got, done = [], 0
    while done < PRODUCERS:
        k, i, v = q.get(timeout=30)
        if i is None:
            done += 1
        else:
            got.append((k, i, v))
    for p in procs:
        p.join()
    codes = [p.exitcode for p in procs]
    print("exit codes:", codes)
    got.sort()
    print("items:", len(got), "first", got[:2], "last", got[-1])
    per = [sum(v for k, _, v in got if k == j) for j in range(PRODUCERS)]
    print("per producer from the queue:", per)
    print("Array:", list(arr))
    print("RawArray:", list(raw))
    in_order = all([i for k, i, _ in got if k == j] == list(range(ITEMS))
                   for j in range(PRODUCERS))
    ok = (codes == [0] * PRODUCERS and len(got) == PRODUCERS * ITEMS and in_order
          and list(arr) == per and list(raw) == [p / ITEMS for p in per])
    q.close()
    q.join_thread()
    print("ok" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
