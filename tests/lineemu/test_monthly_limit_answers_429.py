"""The month's message count (one per recipient per request) against a configurable target limit."""

from linebot.v3.messaging import MulticastRequest, TextMessage

from tests.lineemu.conftest import text


def test_sends_beyond_the_monthly_limit_are_429_with_the_monthly_limit_message(line):
    line.config.monthly_limit = 3
    users = [line.create_user().user_id for _ in range(3)]
    line.sdk().multicast(MulticastRequest(to=users[:2], messages=[TextMessage(text="a"), TextMessage(text="b")]))
    assert line.sdk().get_message_quota_consumption().total_usage == 2
    assert line.push(users[2], text("c"))[0] == 200
    status, _, body = line.push(users[0], text("d"))
    assert (status, body) == (429, {"message": "You have reached your monthly limit."})
    status, _, body = line.call("POST", "/v2/bot/message/multicast", {"to": users, "messages": [text("e")]})
    assert status == 429 and body["message"] == "You have reached your monthly limit."
    assert line.state.usage_this_month() == 3


def test_a_multicast_that_would_cross_the_limit_is_refused_whole(line):
    line.config.monthly_limit = 2
    users = [line.create_user().user_id for _ in range(3)]
    assert line.call("POST", "/v2/bot/message/multicast", {"to": users, "messages": [text("x")]})[0] == 429
    assert all(line.messages(u) == [] for u in users)


def test_the_count_starts_again_in_a_new_japanese_month(line, monkeypatch):
    line.config.monthly_limit = 1
    user = line.create_user().user_id
    monkeypatch.setattr(line.state, "clock", lambda: 1798729200.0 - 60)  # 2026-12-31 23:59 JST
    assert line.push(user, text("12月"))[0] == 200
    assert line.push(user, text("12月"))[0] == 429
    monkeypatch.setattr(line.state, "clock", lambda: 1798729200.0)  # 2027-01-01 00:00 JST
    assert line.push(user, text("1月"))[0] == 200


def test_replies_do_not_count(line):
    line.config.monthly_limit = 1
    user = line.create_user().user_id
    line.say(user, "こんにちは")
    [event] = [e for e in line.emulator.webhooks.events.values() if e["type"] == "message"]
    assert line.call("POST", "/v2/bot/message/reply", {"replyToken": event["replyToken"], "messages": [text("x")]})[0] == 200
    assert line.state.usage_this_month() == 0
