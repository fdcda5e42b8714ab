"""Per-endpoint token buckets: LINE's documented limits by default, configurable, 429 when exceeded."""

from foryou.dev.lineemu import EmulatorThread
from foryou.dev.lineemu.config import DEFAULT_RATE_LIMITS, parse_rate
from tests.lineemu.conftest import Line, text


def test_lines_documented_limits_are_the_defaults():
    assert DEFAULT_RATE_LIMITS["push"] == (2000, 1.0)
    assert DEFAULT_RATE_LIMITS["multicast"] == (200, 1.0)
    assert DEFAULT_RATE_LIMITS["broadcast"] == (60, 3600.0)
    assert parse_rate("60/hour") == (60.0, 3600.0) and parse_rate("2000") == (2000.0, 1.0)


def test_push_beyond_its_limit_is_429_and_other_endpoints_are_unaffected():
    with Line(rate_limits={"push": (3, 60.0)}) as line:
        user = line.create_user()
        statuses = [line.push(user.user_id, text(str(i)))[0] for i in range(4)]
        assert statuses == [200, 200, 200, 429]
        assert line.push(user.user_id, text("x"))[2] == {"message": "Too many requests"}
        assert line.call("POST", "/v2/bot/message/multicast", {"to": [user.user_id], "messages": [text("x")]})[0] == 200
        assert len(line.messages(user.user_id)) == 4


def test_limits_change_at_runtime_through_the_admin_api(line):
    user = line.create_user()
    status, _, settings = line.call("POST", "/emulator/settings", {"rateLimits": {"broadcast": "1/hour"}}, token=None)
    assert status == 200 and settings["rateLimits"]["broadcast"] == "1/3600s"
    assert line.call("POST", "/v2/bot/message/broadcast", {"messages": [text("a")]})[0] == 200
    assert line.call("POST", "/v2/bot/message/broadcast", {"messages": [text("b")]})[0] == 429
    assert [m["message"]["text"] for m in line.messages(user.user_id)] == ["a"]


def test_the_emulator_thread_accepts_the_limits_as_constructor_arguments():
    with EmulatorThread(rate_limits={"multicast": (1, 1.0)}) as line:
        assert line.config.rate_limits["multicast"] == (1, 1.0)
        assert line.config.rate_limits["push"] == (2000, 1.0)  # the others keep LINE's values
