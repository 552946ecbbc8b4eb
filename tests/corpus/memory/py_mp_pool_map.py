#!/usr/bin/python3
# multiprocessing.Pool(2) with the default fork start method: map, imap
# (ordered) and imap_unordered (results sorted), starmap, apply_async, and
# an exception raised in a worker coming back to the caller. Pool workers
# are forked processes fed through pipes by the pool's helper threads; the
# context manager terminates and joins them.
# corpus: native=same
import multiprocessing as mp
import os
import sys


def square(x):
    return x * x


def power(b, e):
    return b ** e


def whose(x):
    # which worker ran it varies, so only report that it was not the parent
    return x, os.getpid() != PARENT


def fail(x):
    raise ValueError(f"bad item {x}")


PARENT = os.getpid()


def main():
    with mp.Pool(2) as pool:
        print("map:", pool.map(square, range(12)))
        print("map chunksize=5:", sum(pool.map(square, range(100), chunksize=5)))
        print("imap:", list(pool.imap(square, range(6))))
        print("imap_unordered sorted:", sorted(pool.imap_unordered(square, range(8))))
        print("starmap:", pool.starmap(power, [(2, 10), (3, 4), (10, 3)]))
        r = pool.apply_async(power, (7, 3))
        print("apply_async:", r.get(timeout=30))
        runs = pool.map(whose, range(10))
        print("all in workers:", all(w for _, w in runs))
        try:
            pool.apply(fail, (5,))
            print("no exception?")
            failed = False
        except ValueError as e:
            print("exception from worker:", e)
            failed = True
    ok = failed and all(w for _, w in runs)
    print("ok" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
