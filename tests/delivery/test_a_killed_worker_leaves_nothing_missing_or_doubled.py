import os
import signal
from collections import Counter

import pytest

from foryou.gateway.models import Delivery, DeliveryBatch
from foryou.notices import sending
from tests.delivery.conftest import many_line_registrants, sync
from tests.delivery.workers import start_worker, stop, wait_ready, wait_until

pytestmark = pytest.mark.django_db(databases=["default", "gateway"], transaction=True)


def bot_messages(line) -> Counter:
    with line.state.lock:
        return Counter({user: sum(1 for m in messages if m["direction"] == "bot")
                        for user, messages in line.state.messages.items()})


def test_a_worker_killed_in_the_middle_of_a_20000_recipient_send_is_taken_over_without_loss_or_duplicates(
        delivery_settings, line, approved_broadcast, editor, transport):
    users = many_line_registrants(line, 20_000)
    sending.start(sending.schedule(approved_broadcast, by=editor, broadcast=True))
    sync(transport)
    assert Delivery.objects.count() == 20_000
    line.set_faults(latency_ms=40)  # requests stay in flight long enough to be cut off
    rate = {"FORYOU_LINE_MULTICAST_RATE": 10}  # 40 multicasts: about 4 seconds
    first = start_worker(line, **rate)
    try:
        wait_until(lambda: 3_000 <= sum(bot_messages(line).values()), 60, "the first multicasts", [first])
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        assert sum(bot_messages(line).values()) < 20_000, "the worker finished before it could be killed"
        second = start_worker(line, **rate)
        try:
            wait_until(lambda: not Delivery.objects.unfinished().exists(), 120, "every delivery final", [second])
        finally:
            stop(second)
    finally:
        stop(first)
    received = bot_messages(line)
    assert len(received) == 20_000 and set(received.values()) == {1}, "someone got no copy or two"
    assert Delivery.objects.filter(status="accepted").count() == 20_000
    assert Delivery.objects.filter(attempts__gte=2).exists()  # the second worker repeated leased batches


def test_three_workers_share_one_50000_recipient_send_under_one_rate_limit(
        delivery_settings, line, approved_broadcast, editor, transport):
    # On SQLite (CI's first run) the three share one file; on PostgreSQL (the second) they claim with
    # SKIP LOCKED, as workers on several machines would.
    rate = 25
    line.config.rate_limits["multicast"] = (rate, 1.0)
    # The platform enforces the same average rate over 2 s windows: three workers each sending at the
    # full rate would still be refused at once, but a busy test machine that holds requests back for a
    # moment and lets them arrive together is not mistaken for the workers going over the limit.
    line.emulator.limiter.configure({"multicast": (rate * 2, 2.0)})
    users = many_line_registrants(line, 50_000)
    workers = [start_worker(line, FORYOU_LINE_MULTICAST_RATE=rate, FORYOU_DELIVERY_PARALLEL_TASKS=3)
               for _ in range(3)]
    try:
        wait_ready(*workers)  # all three are polling before there is anything to claim
        sending.start(sending.schedule(approved_broadcast, by=editor, broadcast=True))
        sync(transport)
        wait_until(lambda: not Delivery.objects.unfinished().exists(), 180, "every delivery final", workers)
    finally:
        stop(*workers)
    received = bot_messages(line)
    assert len(received) == len(users) and set(received.values()) == {1}
    assert line.emulator.rate_limited == 0, "the workers together went over the rate limit"
    assert DeliveryBatch.objects.values("worker").distinct().count() >= 2  # they shared it
