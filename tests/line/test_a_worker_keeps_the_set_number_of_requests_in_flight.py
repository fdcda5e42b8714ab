"""A worker keeps FORYOU_LINE_IN_FLIGHT requests waiting for LINE's answer at once (default 128): over
a real round trip (here the local platform's added latency) it sends at most that many per round
trip, so 32, the old fixed number, capped a worker at 640 pushes/s over 50 ms."""

import time

from foryou.gateway.line.channel import LineChannel
from foryou.gateway.line.limiter import Unlimited
from tests.line.channel_helpers import push


def most_in_flight(line, count: int, **options) -> int:
    """Sends `count` pushes and returns how many were waiting for an answer at once, at most."""
    channel = LineChannel.from_settings(limiter=Unlimited(), **options)
    call, waiting, most = channel._call, [0], [0]

    async def counted(*args, **kwargs):
        waiting[0] += 1
        most[0] = max(most[0], waiting[0])
        try:
            return await call(*args, **kwargs)
        finally:
            waiting[0] -= 1
    channel._call = counted
    users = [line.create_user().user_id for _ in range(count)]
    results = channel.send_all([push(user) for user in users])
    assert all(r.ok for batch in results for r in batch)
    return most[0]


def test_the_setting_bounds_the_requests_waiting_for_line(line, settings):
    settings.LINE_API_BASE, settings.LINE_CHANNEL_ACCESS_TOKENS = line.base_url, [line.access_token]
    line.set_faults(latency_ms=150)  # every answer takes a round trip: all lanes are waiting at once
    try:
        settings.LINE_IN_FLIGHT = 5
        assert most_in_flight(line, 20) == 5
        settings.LINE_IN_FLIGHT = 128
        assert most_in_flight(line, 40) == 40  # fewer requests than lanes: every one at once
    finally:
        line.set_faults(latency_ms=0)
        time.sleep(0.2)


def test_the_default_is_128_and_connections_follow_it(settings):
    del settings.LINE_IN_FLIGHT
    channel = LineChannel.from_settings(api_base="http://127.0.0.1:9")
    assert (channel.in_flight, channel.connections) == (128, 128)
    assert LineChannel(["t"], in_flight=8).connections == 64  # never fewer connections than before
