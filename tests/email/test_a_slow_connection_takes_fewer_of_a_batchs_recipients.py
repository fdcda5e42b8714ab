"""The connections of a large batch share it one recipient at a time: a connection that the server
answers slowly (one busy server process among several) takes fewer recipients, and the batch does not
wait for a fixed share to go through it."""

import threading

from foryou.gateway.delivery.channel import Outcome
from tests.email.test_a_large_batch_goes_over_several_reused_connections import big_batch, four_connections


def test_the_other_connections_send_the_rest_while_one_is_held(smtp):
    others_done = threading.Event()
    by_lane: dict[int, int] = {}
    lock = threading.Lock()
    with four_connections(smtp) as channel:
        deliver = channel._deliver

        def observed(lane, *args, **kwargs):
            if lane == 0:  # the first connection's server is slow: held until the others have sent the rest
                others_done.wait(timeout=5)
            result = deliver(lane, *args, **kwargs)
            with lock:
                by_lane[lane] = by_lane.get(lane, 0) + 1
                if sum(n for other, n in by_lane.items() if other != 0) == 99:
                    others_done.set()
            return result
        channel._deliver = observed
        results = channel.send(big_batch(1))
    assert others_done.is_set()  # with a fixed quarter each, lane 0 would still have had 24 to send
    assert by_lane[0] == 1
    assert sum(by_lane.values()) == 100
    assert [r.user_id for r in results] == [str(i) for i in range(1, 101)]
    assert all(r.outcome is Outcome.ACCEPTED for r in results)
    assert len(smtp.messages()) == 100
