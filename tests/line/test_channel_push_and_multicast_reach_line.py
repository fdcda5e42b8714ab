"""LineChannel pushes to one recipient and multicasts to up to 500 through the official async SDK."""

import pytest

from foryou.gateway.line.channel import LineChannel
from foryou.gateway.delivery.channel import Outcome, Send
from tests.line.channel_helpers import channel, push, text


def test_a_push_is_accepted_and_stored_with_its_retry_key(line):
    user = line.create_user()
    batch = push(user.user_id, "子育て応援手当のお知らせ", "二通目")
    [result] = channel(line).send(batch)
    assert (result.user_id, result.outcome, result.code, result.status) == (user.user_id, Outcome.ACCEPTED,
                                                                           "accepted", 200)
    stored = line.messages(user.user_id)
    assert [m["message"]["text"] for m in stored] == ["子育て応援手当のお知らせ", "二通目"]
    assert {m["retryKey"] for m in stored} == {batch.retry_key}
    assert {m["requestId"] for m in stored} == {result.request_id}


def test_a_multicast_reaches_every_recipient_with_one_request(line):
    users = [line.create_user(f"住民 {i}") for i in range(500)]
    results = channel(line).send(Send.new([u.user_id for u in users], [text("健診のお知らせ")]))
    assert [r.user_id for r in results] == [u.user_id for u in users]
    assert {r.outcome for r in results} == {Outcome.ACCEPTED} and len({r.request_id for r in results}) == 1
    assert all(len(line.messages(u.user_id)) == 1 for u in users)


def test_many_sends_run_concurrently_and_keep_their_order(line):
    users = [line.create_user() for _ in range(40)]
    batches = [push(u.user_id, f"{i} 番目") for i, u in enumerate(users)]
    results = channel(line).send_all(batches, concurrency=8)
    assert [r[0].user_id for r in results] == [u.user_id for u in users]
    assert all(r[0].ok for r in results)
    assert [line.messages(u.user_id)[0]["message"]["text"] for u in users] == [f"{i} 番目" for i in range(40)]


def test_the_channel_reads_its_settings(line, settings):
    settings.LINE_API_BASE = line.base_url
    settings.LINE_CHANNEL_ACCESS_TOKENS = [line.access_token]
    settings.LINE_RATE_LIMITS = {"push": 500}
    ch = LineChannel.from_settings()
    assert (ch.api_base, ch.tokens, ch.limiter.rates["push"], ch.limiter.rates["multicast"]) == (
        line.base_url, [line.access_token], 500.0, 200.0)
    assert ch.send(push(line.create_user().user_id))[0].ok


@pytest.mark.parametrize("users, messages", [(0, 1), (501, 1), (1, 0), (1, 6)])
def test_a_send_outside_lines_request_limits_cannot_be_made(users, messages):
    with pytest.raises(ValueError):
        Send.new([f"U{i:032x}" for i in range(users)], [text("x")] * messages)


def test_a_retry_key_must_be_a_uuid():
    with pytest.raises(ValueError, match="retry_key"):
        Send("not-a-uuid", ("U" + "0" * 32,), (text("x"),))


def test_without_access_tokens_the_channel_says_what_to_configure(settings):
    from django.core.exceptions import ImproperlyConfigured
    settings.LINE_CHANNEL_ACCESS_TOKENS = []
    with pytest.raises(ImproperlyConfigured, match="LINE_CHANNEL_ACCESS_TOKENS"):
        LineChannel.from_settings()


def test_a_channel_open_in_an_event_loop_refuses_the_synchronous_calls(line):
    import asyncio
    ch = channel(line)

    async def scenario():
        async with ch:
            with pytest.raises(RuntimeError, match="asend"):
                ch.send(push(line.create_user().user_id))
    asyncio.run(scenario())
