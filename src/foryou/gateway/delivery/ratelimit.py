"""One rate limiter per channel endpoint, shared by every worker process on every machine: a row per
endpoint holding the next free sending time (GCRA). A worker books a whole lot of requests with one
UPDATE and spaces them itself, so the database sees one write per lot rather than per request.

Workers on several machines rely on their clocks agreeing (NTP), as any distributed limiter does.
"""

import time

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from foryou.gateway.delivery.models import RateSlot
from foryou.gateway.db import DB



def book(key: str, rate: float, cost: int, now: float | None = None) -> float:
    """Reserve `cost` requests on `key` at `rate`/s; the epoch second at which the first may go. Request
    i of the lot goes at start + i / rate."""
    if rate <= 0 or cost <= 0:
        return now or time.time()
    now = now or time.time()
    span = cost / rate
    with transaction.atomic(using=DB):
        RateSlot.objects.using(DB).get_or_create(key=key)
        RateSlot.objects.using(DB).filter(key=key).update(next_free=Greatest(F("next_free"), Value(now)) + span)
        next_free = RateSlot.objects.using(DB).values_list("next_free", flat=True).get(key=key)
    return next_free - span


class Schedule:
    """A booked lot as a RateLimiter (the LINE channel's interface): each reserve() returns the wait until
    the next booked slot."""

    def __init__(self, start: float, rate: float, clock=time.time):
        self.start, self.interval, self.clock, self.used = start, (1.0 / rate if rate > 0 else 0.0), clock, 0

    def reserve(self, endpoint: str, cost: int = 1) -> float:
        slot = self.start + self.used * self.interval
        self.used += cost
        wait = slot - self.clock()
        return wait if wait > 1e-6 else 0.0
