#!/usr/bin/python3
# Python threads under the GIL: eight workers increment a shared counter
# under a threading.Lock, append to per-thread lists, and meet at a
# Barrier; joined, the totals are deterministic whatever the switches.
# corpus: native=same
import sys
import threading

N, ITER = 8, 20000
lock = threading.Lock()
barrier = threading.Barrier(N)
counter = 0
seen = {}


def work(i):
    global counter
    mine = 0
    barrier.wait()
    for _ in range(ITER):
        with lock:
            counter += 1
        mine += 1
    with lock:
        seen[i] = mine


threads = [threading.Thread(target=work, args=(i,), name=f"worker-{i}") for i in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"counter {counter}, expected {N * ITER}")
print("per thread:", sorted(seen.items()))
rlock = threading.RLock()


def nested(depth):
    with rlock:
        return depth if depth == 0 else nested(depth - 1) + 1


print("rlock depth", nested(50))
print("alive after join:", sum(t.is_alive() for t in threads))
sys.exit(0 if counter == N * ITER else 1)
