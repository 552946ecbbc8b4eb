#!/usr/bin/python3
# asyncio: subprocesses started with create_subprocess_exec (their output
# read through the event loop's pipes and child watcher), gathered tasks
# with asyncio.sleep(0) yields, a Queue between coroutines, wait_for timeout.
# corpus: native=same
import asyncio


async def run(*argv, data=None):
    p = await asyncio.create_subprocess_exec(*argv, stdin=asyncio.subprocess.PIPE if data else None,
                                             stdout=asyncio.subprocess.PIPE)
    out, _ = await p.communicate(data)
    return p.returncode, out.decode()


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        await asyncio.sleep(0)
    await q.put(None)


async def consumer(q):
    total = 0
    while (item := await q.get()) is not None:
        total += item
    return total


async def main():
    outs = await asyncio.gather(run("echo", "first"), run("sh", "-c", "echo second; exit 4"),
                                run("sort", data=b"c\nb\na\n"), run("seq", "1", "3000"))
    for rc, out in outs[:3]:
        print("rc", rc, "out", out.split())
    print("seq lines", outs[3][1].count("\n"))
    q = asyncio.Queue(maxsize=4)
    _, total = await asyncio.gather(producer(q, 100), consumer(q))
    print("queue total", total)
    try:
        p = await asyncio.create_subprocess_exec("sleep", "10")
        await asyncio.wait_for(p.wait(), timeout=0.1)
    except asyncio.TimeoutError:
        print("wait_for timed out")
        p.kill()
        print("killed sleep, rc", await p.wait())
    proc = await asyncio.create_subprocess_shell("for i in 1 2 3; do echo line $i; done",
                                                 stdout=asyncio.subprocess.PIPE)
    lines = [line.decode().strip() async for line in proc.stdout]
    await proc.wait()
    print("streamed:", lines)


asyncio.run(main())
