"""The CPU seconds of a worker's two threads: the ORM thread (claims and records, the caller's thread)
and the loop thread that sends (senders.LoopThread), read on each thread itself; optionally a cProfile
of each (cProfile sees one thread at a time), timed in thread CPU so that waits do not count.

    with worker_threads.measured(profile=True) as cpu:
        Dispatcher().run(600)
    cpu == {"ORM thread": …, "loop thread": …, "process": …}
"""

import contextlib
import cProfile
import pstats
import time


@contextlib.contextmanager
def measured(profile: bool = False):
    from foryou.gateway.delivery import senders

    cpu, profiles = {}, {}
    init, close = senders.LoopThread.__init__, senders.LoopThread.close

    def start_loop(self):
        init(self)
        if profile:
            profiles["loop thread"] = cProfile.Profile(time.thread_time)
            self.loop.call_soon_threadsafe(profiles["loop thread"].enable)

    def stop_loop(self):
        async def own_cpu():
            if profile:
                profiles["loop thread"].disable()
            return time.thread_time()
        cpu["loop thread"] = cpu.get("loop thread", 0.0) + self.run(own_cpu())
        close(self)

    senders.LoopThread.__init__, senders.LoopThread.close = start_loop, stop_loop
    if profile:
        profiles["ORM thread"] = cProfile.Profile(time.thread_time)
        profiles["ORM thread"].enable()
    orm, process = time.thread_time(), time.process_time()
    try:
        yield cpu
    finally:
        cpu["ORM thread"] = time.thread_time() - orm
        cpu["process"] = time.process_time() - process
        senders.LoopThread.__init__, senders.LoopThread.close = init, close
        for name, each in profiles.items():
            each.disable()
            print(f"--- {name} ---")
            pstats.Stats(each).sort_stats("tottime").print_stats(25)


def per_multicast(requests: int, cpu: dict) -> str:
    per = {name: 1e3 * seconds / max(requests, 1) for name, seconds in cpu.items()}
    return (f"worker CPU per multicast: {per['process']:.2f} ms (ORM thread {per['ORM thread']:.2f} ms, "
            f"loop thread {per.get('loop thread', 0):.2f} ms) = at most {1e3 / per['process']:,.0f} multicasts/s "
            f"per CPU-second")
