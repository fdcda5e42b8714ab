"""Per-endpoint token buckets: LINE limits requests per channel and endpoint (push 2,000/s, multicast
200/s, broadcast 60/hour, ...). A bucket holds one period's worth of requests, so a burst up to the
limit passes and a sustained rate above it gets 429."""

from __future__ import annotations

import threading
import time
from typing import Callable


class TokenBucket:
    def __init__(self, requests: float, period: float, clock: Callable[[], float] = time.monotonic):
        self.capacity = float(requests)
        self.refill_per_second = float(requests) / float(period)
        self.clock = clock
        self.tokens = self.capacity
        self.updated = clock()
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            now = self.clock()
            self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.refill_per_second)
            self.updated = now
            if self.tokens >= 1.0:
                self.tokens -= 1.0
                return True
            return False


class RateLimiter:
    """Buckets keyed by endpoint name; limits can change while the emulator runs."""

    def __init__(self, limits: dict[str, tuple[float, float]], clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.limits = dict(limits)
        self._buckets: dict[str, TokenBucket] = {}

    def configure(self, limits: dict[str, tuple[float, float]]) -> None:
        self.limits.update(limits)
        for endpoint in limits:
            self._buckets.pop(endpoint, None)
        if "default" in limits:
            self._buckets.clear()

    def allow(self, endpoint: str) -> bool:
        bucket = self._buckets.get(endpoint)
        if bucket is None:
            requests, period = self.limits.get(endpoint) or self.limits["default"]
            bucket = self._buckets[endpoint] = TokenBucket(requests, period, self.clock)
        return bucket.take()

    def reset(self) -> None:
        self._buckets.clear()
