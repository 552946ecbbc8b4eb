#!/usr/bin/python3
# A producer/consumer pipeline with queue.Queue: a producer thread, four
# worker threads hashing items, a collector; sentinels stop them and
# join() reaps them; results are sorted so the output is deterministic.
# corpus: native=same
import hashlib
import queue
import threading

tasks = queue.Queue(maxsize=16)
results = queue.Queue()
WORKERS, ITEMS = 4, 400


def producer():
    for i in range(ITEMS):
        tasks.put(i)
    for _ in range(WORKERS):
        tasks.put(None)


def worker():
    done = 0
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            results.put(("done", done))
            return
        digest = hashlib.sha1(f"item-{item}".encode()).hexdigest()
        results.put((item, digest[:8]))
        done += 1
        tasks.task_done()


threads = [threading.Thread(target=producer)] + [threading.Thread(target=worker) for _ in range(WORKERS)]
for t in threads:
    t.start()
tasks.join()
for t in threads:
    t.join()
out, counts = [], []
while not results.empty():
    r = results.get()
    (counts if r[0] == "done" else out).append(r)
out.sort()
print(len(out), "results;", sum(c for _, c in counts), "counted by", len(counts), "workers")
for item, h in out[:5] + out[-3:]:
    print(item, h)
print("combined", hashlib.sha256("".join(h for _, h in out).encode()).hexdigest()[:16])
