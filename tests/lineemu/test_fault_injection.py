"""Faults for delivery tests: 5xx at a given rate, latency, a forced status for the next N requests, set by
the admin API or by constructor arguments."""

import time

from foryou.dev.lineemu import Faults
from tests.lineemu.conftest import Line, text


def test_an_error_rate_of_one_fails_every_request_with_500(line):
    user = line.create_user()
    line.set_faults(error_rate=1.0)
    status, headers, body = line.push(user.user_id, text("x"))
    assert (status, body) == (500, {"message": "Internal server error"}) and headers["x-line-request-id"]
    assert line.messages(user.user_id) == []


def test_a_forced_status_applies_to_the_next_n_requests_of_an_endpoint(line):
    user = line.create_user()
    status, _, faults = line.call("POST", "/emulator/faults", {"force": {"status": 503, "count": 2, "endpoint": "push"}},
                                  token=None)
    assert status == 200 and faults["forced"][0]["remaining"] == 2
    assert line.call("GET", "/v2/bot/message/quota")[0] == 200  # another endpoint
    assert [line.push(user.user_id, text("x"))[0] for _ in range(3)] == [503, 503, 200]


def test_added_latency_delays_responses(line):
    line.call("POST", "/emulator/faults", {"latencyMs": 150}, token=None)
    started = time.perf_counter()
    assert line.call("GET", "/v2/bot/message/quota")[0] == 200
    assert time.perf_counter() - started >= 0.15
    line.call("DELETE", "/emulator/faults", token=None)
    assert line.faults.latency_ms == 0


def test_faults_can_be_given_to_the_constructor():
    with Line(faults=Faults(error_rate=1.0, error_status=502)) as line:
        assert line.call("GET", "/v2/bot/message/quota")[0] == 502


def test_a_random_error_rate_fails_about_that_share(line):
    line.set_faults(error_rate=0.5, seed=7)
    statuses = [line.call("GET", "/v2/bot/info")[0] for _ in range(60)]
    assert 15 <= statuses.count(500) <= 45 and statuses.count(200) == 60 - statuses.count(500)
