#!/usr/bin/python3
# signal.signal handlers run by Python's main loop: os.kill to self with
# SIGUSR1/SIGUSR2, signal.alarm and setitimer waking a sleep, a handler
# raising an exception, pthread_kill from a thread, and sigwait-free masks.
# corpus: native=same
import os
import signal
import threading
import time

counts = {}


def handler(sig, frame):
    counts[signal.Signals(sig).name] = counts.get(signal.Signals(sig).name, 0) + 1


signal.signal(signal.SIGUSR1, handler)
signal.signal(signal.SIGUSR2, handler)
for _ in range(5):
    os.kill(os.getpid(), signal.SIGUSR1)
os.kill(os.getpid(), signal.SIGUSR2)
print("after kills:", sorted(counts.items()))


class Timeout(Exception):
    pass


def on_alarm(sig, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, 0.05)
try:
    time.sleep(5)
    print("sleep was not interrupted")
except Timeout:
    print("setitimer interrupted the sleep")
signal.setitimer(signal.ITIMER_REAL, 0)

signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
os.kill(os.getpid(), signal.SIGUSR1)
print("blocked: pending", signal.SIGUSR1 in signal.sigpending(), "count", counts["SIGUSR1"])
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR1})
print("unblocked: count", counts["SIGUSR1"])

t = threading.Thread(target=lambda: os.kill(os.getpid(), signal.SIGUSR2))
t.start()
t.join()
time.sleep(0)  # let the main loop run the handler
print("from a thread: SIGUSR2 count", counts["SIGUSR2"])
# set explicitly: SIGINT may be ignored from the start (a background job)
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    os.kill(os.getpid(), signal.SIGINT)
    time.sleep(0.5)
    print("SIGINT did not interrupt the sleep")
except KeyboardInterrupt:
    print("SIGINT became KeyboardInterrupt")
