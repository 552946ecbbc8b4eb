#!/usr/bin/python3
# subprocess: run() with capture_output and check, Popen with stdin/stdout
# pipes and communicate(), a two-stage Popen pipeline (sort | uniq -c),
# a failing command's CalledProcessError, and a timeout killing a sleep.
# corpus: native=same
import subprocess

r = subprocess.run(["/bin/echo", "hello", "from", "echo"], capture_output=True, text=True, check=True)
print("run:", r.stdout.strip(), "rc", r.returncode)
r = subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True, text=True)
print("sh:", repr(r.stdout), repr(r.stderr), r.returncode)
p = subprocess.Popen(["tr", "a-z", "A-Z"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, _ = p.communicate(b"lowercase in, uppercase out\n" * 3)
print("tr:", out.decode().splitlines()[0], "x", len(out.splitlines()), "rc", p.returncode)
words = "b a c b a b d a b".split()
p1 = subprocess.Popen(["sort"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
p2 = subprocess.Popen(["uniq", "-c"], stdin=p1.stdout, stdout=subprocess.PIPE)
p1.stdout.close()
p1.stdin.write("\n".join(words).encode() + b"\n")
p1.stdin.close()
out = p2.communicate()[0]
p1.wait()
print("sort|uniq -c:", " ".join(out.decode().split()), "rcs", p1.returncode, p2.returncode)
big = subprocess.run(["seq", "1", "100000"], stdout=subprocess.PIPE).stdout
print("seq output", len(big), "bytes,", big.count(b"\n"), "lines")
try:
    subprocess.run(["false"], check=True)
except subprocess.CalledProcessError as e:
    print("CalledProcessError rc", e.returncode)
try:
    subprocess.run(["sleep", "10"], timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired, sleep killed")
r = subprocess.run("echo $((6 * 7)) | cat", shell=True, stdout=subprocess.PIPE, text=True)
print("shell=True:", r.stdout.strip())
