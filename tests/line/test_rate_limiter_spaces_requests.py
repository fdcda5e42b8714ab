"""The client-side limiter books slots 1/rate apart (after a small burst), per endpoint."""

import asyncio
import time

import pytest

from foryou.gateway.line.limiter import TokenBucket
from tests.line.channel_helpers import channel, push


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_reservations_are_spaced_at_the_rate_after_the_burst():
    clock = Clock()
    bucket = TokenBucket({"push": 100, "multicast": 10}, burst=5, clock=clock)
    waits = [bucket.reserve("push") for _ in range(10)]
    assert waits[:5] == [0.0] * 5
    assert [round(w, 3) for w in waits[5:]] == [0.01, 0.02, 0.03, 0.04, 0.05]
    assert bucket.reserve("multicast") == 0.0  # endpoints are independent
    clock.now += 10  # after a quiet period the burst is available again
    assert bucket.reserve("push") == 0.0


def test_the_default_burst_is_a_tenth_of_a_second():
    bucket = TokenBucket({"push": 2000}, clock=Clock())
    waits = [bucket.reserve("push") for _ in range(201)]
    assert waits[199] == 0.0 and waits[200] > 0


def test_the_channel_keeps_to_its_limiter(line):
    users = [line.create_user() for _ in range(60)]
    ch = channel(line, limiter=TokenBucket({"push": 200}, burst=1))
    started = time.perf_counter()
    results = ch.send_all([push(u.user_id) for u in users], concurrency=16)
    elapsed = time.perf_counter() - started
    assert all(r[0].ok for r in results)
    assert elapsed >= 59 / 200 * 0.95


def test_a_limiter_is_shared_by_concurrent_coroutines():
    """200 coroutines book their slots through one limiter: each gets its own slot, 1/rate apart. The
    booked times are checked, not wall-clock sleeps, which a busy machine stretches or bunches."""
    clock = Clock()
    bucket = TokenBucket({"push": 1000}, burst=1, clock=clock)

    async def go():
        async def one():
            await asyncio.sleep(0)  # interleave with the other coroutines before booking
            return clock() + bucket.reserve("push")
        return await asyncio.gather(*(one() for _ in range(200)))

    booked = sorted(asyncio.run(go()))
    gaps = {round(b - a, 6) for a, b in zip(booked, booked[1:])}
    assert gaps == {0.001} and booked[-1] - booked[0] == pytest.approx(0.199)
