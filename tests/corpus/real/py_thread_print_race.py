#!/usr/bin/python3
# Four Python threads print lines with a tiny GIL switch interval: which
# thread's line comes next depends on when the interpreter hands the GIL
# over (a timed request from a waiting thread), so the order varies.
# corpus: native=differs
import sys
import threading

sys.setswitchinterval(1e-6)
start = threading.Barrier(4)


def talk(i):
    start.wait()
    for j in range(300):
        sys.stdout.write(f"thread {i} line {j}\n")


ts = [threading.Thread(target=talk, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
sys.stdout.flush()
print("all threads joined")
