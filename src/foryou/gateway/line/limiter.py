"""Client-side rate limiting, so the channel stays under LINE's per-endpoint limits (push 2,000/s,
multicast 200/s) instead of learning them from 429s.

The interface is one method, `reserve(endpoint) -> seconds to wait`: the caller books a slot and sleeps
until it. Delivery workers in several processes share one limiter per channel by implementing the same
method over a shared store (a database row or Redis key holding the next free time, updated atomically);
`TokenBucket` is the in-process implementation.
"""

from __future__ import annotations

import threading
import time
from typing import Callable, Protocol


class RateLimiter(Protocol):
    def reserve(self, endpoint: str, cost: int = 1) -> float:
        """Book `cost` requests on `endpoint`; return how many seconds to wait before sending them."""


class TokenBucket:
    """A token bucket in its GCRA form (one "theoretical arrival time" per endpoint): requests are
    spaced 1/rate apart, with up to `burst` of them allowed at once after a quiet period. Thread-safe;
    the waiting happens outside the lock (time.sleep or asyncio.sleep by the caller)."""

    def __init__(self, rates: dict[str, float], burst: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.rates = {endpoint: float(rate) for endpoint, rate in rates.items()}
        self.burst = burst
        self.clock = clock
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def _burst(self, rate: float) -> float:
        # Default: a tenth of a second's worth (200 requests at 2,000/s), so that slots missed during a
        # short stall (a GC pause, a slow answer) are made up; LINE's per-second limit absorbs that.
        return max(1.0, self.burst if self.burst is not None else rate / 10)

    def reserve(self, endpoint: str, cost: int = 1) -> float:
        rate = self.rates.get(endpoint) or self.rates.get("default")
        if not rate:
            return 0.0
        interval = 1.0 / rate
        tolerance = (self._burst(rate) - 1) * interval
        with self._lock:
            now = self.clock()
            arrival = max(self._next.get(endpoint, now), now)
            self._next[endpoint] = arrival + cost * interval
        wait = arrival - tolerance - now
        return wait if wait > 1e-9 else 0.0  # float noise is no reason to sleep

    def wait(self, endpoint: str, cost: int = 1) -> None:
        """Blocking form for threads."""
        delay = self.reserve(endpoint, cost)
        if delay:
            time.sleep(delay)


class Unlimited:
    def reserve(self, endpoint: str, cost: int = 1) -> float:
        return 0.0
