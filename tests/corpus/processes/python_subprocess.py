#!/usr/bin/python3
# Python's process machinery: subprocess.run with captured output and a
# return code, Popen pipelines, communicate() with input, check_output,
# os.fork + os.waitpid, os.posix_spawn, os.pipe between parent and child.
# corpus: native=same
import os
import subprocess
import sys

r = subprocess.run(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"],
                   capture_output=True, text=True)
print("run:", repr(r.stdout), repr(r.stderr), r.returncode)

p1 = subprocess.Popen(["/usr/bin/printf", "c\\nb\\na\\nb\\n"], stdout=subprocess.PIPE)
p2 = subprocess.Popen(["/usr/bin/sort", "-u"], stdin=p1.stdout, stdout=subprocess.PIPE, text=True)
p1.stdout.close()
out, _ = p2.communicate()
print("pipeline:", out.split(), p1.wait(), p2.returncode)

p = subprocess.Popen(["/usr/bin/tr", "a-z", "A-Z"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, text=True)
out, _ = p.communicate("shout this\n")
print("communicate:", out.strip(), p.returncode)

print("check_output:", subprocess.check_output(["/bin/echo", "checked"], text=True).strip())
try:
    subprocess.check_call(["/bin/false"])
except subprocess.CalledProcessError as e:
    print("check_call raised, returncode", e.returncode)

rfd, wfd = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(rfd)
    os.write(wfd, b"from the forked child")
    os._exit(12)
os.close(wfd)
data = os.read(rfd, 100)
_, status = os.waitpid(pid, 0)
print("fork:", data.decode(), os.waitstatus_to_exitcode(status))

sys.stdout.flush()
pid = os.posix_spawn("/bin/sh", ["sh", "-c", "echo spawned; exit 4"], os.environ)
_, status = os.waitpid(pid, 0)
print("posix_spawn exit:", os.waitstatus_to_exitcode(status))

r = subprocess.run(["/bin/sh", "-c", "kill -TERM $$"])
print("killed child returncode:", r.returncode)
sys.exit(5)
