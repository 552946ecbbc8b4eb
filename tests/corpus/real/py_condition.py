#!/usr/bin/python3
# threading.Condition ping-pong: three threads take turns in a fixed
# order (each waits for its turn with wait_for), so the printed sequence
# is deterministic while every turn is a wake-up of another thread; then
# an Event and a Semaphore-bounded section.
# corpus: native=same
import threading

cond = threading.Condition()
turn = 0
ROUNDS, N = 30, 3
log = []


def player(i):
    global turn
    for r in range(ROUNDS):
        with cond:
            cond.wait_for(lambda: turn % N == i)
            log.append(f"{r}:{i}")
            turn += 1
            cond.notify_all()


ts = [threading.Thread(target=player, args=(i,)) for i in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(" ".join(log[:12]), "...", log[-1])
print("turns", turn, "in order:", log == [f"{k // N}:{k % N}" for k in range(ROUNDS * N)])

ev = threading.Event()
sem = threading.BoundedSemaphore(2)
inside = 0
most = 0
mlock = threading.Lock()


def guarded():
    global inside, most
    ev.wait()
    for _ in range(50):
        with sem:
            with mlock:
                inside += 1
                most = max(most, inside)
            with mlock:
                inside -= 1


ws = [threading.Thread(target=guarded) for _ in range(5)]
for w in ws:
    w.start()
ev.set()
for w in ws:
    w.join()
print("semaphore bound held:", most <= 2, "inside now", inside)
