#!/usr/bin/python3
# os.fork + os.waitpid: children exit with their own statuses, one is
# killed by a signal, one writes to a pipe the parent reads; waitpid with
# WNOHANG polling bounded by a blocking wait, and os.wait for the rest.
# corpus: native=same
import os
import signal
import sys

kids = {}
for i in range(4):
    pid = os.fork()
    if pid == 0:
        os._exit(10 + i)
    kids[pid] = i
for pid, i in sorted(kids.items(), key=lambda kv: kv[1]):
    got, status = os.waitpid(pid, 0)
    print(f"child {i} exited {os.waitstatus_to_exitcode(status)}")

r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, b"message through a pipe from the child\n")
    os._exit(0)
os.close(w)
data = b""
while chunk := os.read(r, 7):
    data += chunk
os.close(r)
os.waitpid(pid, 0)
print("parent read:", data.decode().strip())

pid = os.fork()
if pid == 0:
    signal.pause()
    os._exit(1)
os.kill(pid, signal.SIGTERM)
_, status = os.waitpid(pid, 0)
print("signaled child:", os.WIFSIGNALED(status), signal.Signals(os.WTERMSIG(status)).name)

pid = os.fork()
if pid == 0:
    os._exit(5)
_, status = os.waitpid(pid, 0)
print("waited child exit", os.WEXITSTATUS(status))
grand = os.fork()
if grand == 0:
    # a child that forks its own child and waits for it
    g = os.fork()
    if g == 0:
        os._exit(7)
    _, st = os.waitpid(g, 0)
    os._exit(os.WEXITSTATUS(st) + 1)
_, status = os.waitpid(grand, 0)
print("grandchild chain exit", os.WEXITSTATUS(status))
try:
    os.wait()
except ChildProcessError:
    print("no children left")
sys.stdout.flush()
