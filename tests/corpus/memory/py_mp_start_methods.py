#!/usr/bin/python3
# multiprocessing with the spawn and forkserver start methods: a Value and
# a Lock reach the children through pickled fds (sendmsg with SCM_RIGHTS to
# the fork server, a pipe for spawn), and a Pool(2) maps through them.
# corpus: native=same
import multiprocessing as mp


def add(v, lock, n):
    for _ in range(n):
        with lock:
            v.value += 1


def square(x):
    return x * x


if __name__ == "__main__":
    for method in ("spawn", "forkserver"):
        ctx = mp.get_context(method)
        v = ctx.Value("i", 0)
        lock = ctx.Lock()
        ps = [ctx.Process(target=add, args=(v, lock, 40)) for _ in range(2)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print(method, "counter", v.value, "exit codes", [p.exitcode for p in ps])
        with ctx.Pool(2) as pool:
            print(method, "squares", sorted(pool.map(square, range(8))))
