#!/usr/bin/python3
# select.select and selectors on pipes from three child processes
# (subprocess.Popen): their output is read as it becomes ready until
# every pipe hits EOF; per-child results are printed in a fixed order.
# corpus: native=same
import os
import select
import selectors
import subprocess

procs = [subprocess.Popen(["sh", "-c", f"for i in $(seq 1 {n}); do echo child{k} $i; done; exit {k}"],
                          stdout=subprocess.PIPE) for k, n in enumerate((50, 200, 5))]
bufs = {p.stdout.fileno(): b"" for p in procs}
open_fds = set(bufs)
rounds = 0
while open_fds and rounds < 100000:
    rounds += 1
    ready, _, _ = select.select(list(open_fds), [], [], 5)
    for fd in ready:
        chunk = os.read(fd, 512)
        if chunk:
            bufs[fd] += chunk
        else:
            open_fds.discard(fd)
for p in procs:
    data = bufs[p.stdout.fileno()]
    lines = data.splitlines()
    print(f"child exited {p.wait()}: {len(lines)} lines, last {lines[-1].decode()}")

r1, w1 = os.pipe()
r2, w2 = os.pipe()
sel = selectors.DefaultSelector()
sel.register(r1, selectors.EVENT_READ, "first")
sel.register(r2, selectors.EVENT_READ, "second")
os.write(w2, b"to second")
events = sel.select(timeout=1)
print("ready:", [key.data for key, _ in events])
os.write(w1, b"to first")
os.read(r2, 100)
events = sel.select(timeout=1)
print("ready:", [key.data for key, _ in events], os.read(r1, 100).decode())
print("timeout select:", sel.select(timeout=0.01))
sel.close()
for fd in (r1, w1, r2, w2):
    os.close(fd)
