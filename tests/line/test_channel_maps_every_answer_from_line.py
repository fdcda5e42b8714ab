"""Each answer LINE can give drives the stated behaviour, per recipient (faults injected in the emulator)."""

import time

import pytest

from foryou.gateway.delivery.channel import Backoff, Outcome, Send
from tests.line.channel_helpers import channel, push, text


def one(line, batch=None, **options):
    batch = batch or push(line.create_user().user_id)
    return channel(line, **options).send(batch)[0]


def test_monthly_limit_halts_the_channel_so_recipients_fall_back_to_email(line):
    line.config.monthly_limit = 1
    ch = channel(line)
    assert ch.send(push(line.create_user().user_id))[0].ok
    [limited] = ch.send(push(line.create_user().user_id))
    assert (limited.outcome, limited.code, limited.status) == (Outcome.MONTHLY_LIMIT, "monthly_limit", 429)
    line.config.monthly_limit = None  # even if LINE would take it now, the halted channel does not ask
    [halted] = ch.send(push(line.create_user().user_id))
    assert halted.outcome is Outcome.MONTHLY_LIMIT and halted.status is None
    ch.resume()
    assert ch.send(push(line.create_user().user_id))[0].ok


def test_other_429s_are_deferred_with_a_backoff(line):
    line.set_faults(force={"status": 429, "remaining": 1})
    result = one(line)
    assert (result.outcome, result.code) == (Outcome.DEFERRED, "rate_limited")
    assert 0 < result.retry_after <= Backoff().base


def test_an_unknown_or_blocked_user_is_permanently_unreachable(line):
    result = one(line, push("U" + "e" * 32))
    assert (result.outcome, result.code, result.status) == (Outcome.PERMANENT, "unreachable", 400)
    assert "Failed to send messages" in result.detail
    line.set_faults(reject_blocked=True)
    blocked = line.create_user(status="blocked")
    assert one(line, push(blocked.user_id)).code == "unreachable"


def test_other_400s_are_permanent_with_lines_details(line):
    result = one(line, Send.new([line.create_user().user_id], [text("あ" * 5001)]))
    assert (result.outcome, result.code) == (Outcome.PERMANENT, "invalid_request")
    assert "messages[0].text" in result.detail


def test_an_invalid_recipient_of_a_multicast_spoils_only_itself(line):
    good = [line.create_user().user_id for _ in range(2)]
    batch = Send.new([good[0], "Unot-a-user-id", good[1]], [text("x")])
    results = channel(line).send(batch)
    assert [(r.outcome, r.code) for r in results] == [
        (Outcome.RESEND, "other_recipient_invalid"), (Outcome.PERMANENT, "invalid_recipient"),
        (Outcome.RESEND, "other_recipient_invalid")]


@pytest.mark.parametrize("status", [401, 403])
def test_401_and_403_take_the_channel_down(line, status):
    line.set_faults(force={"status": status, "remaining": 1})
    ch = channel(line)
    [result] = ch.send(push(line.create_user().user_id))
    assert (result.outcome, result.status) == (Outcome.CHANNEL_DOWN, status)
    assert result.code == {401: "unauthorized", 403: "forbidden"}[status]
    assert ch.halted and ch.send(push(line.create_user().user_id))[0].outcome is Outcome.CHANNEL_DOWN


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_deferred_with_growing_backoff(line, status):
    line.set_faults(force={"status": status, "remaining": 3})
    batch = push(line.create_user().user_id)
    ceilings = []
    for _ in range(3):
        [result] = channel(line).send(batch)
        assert (result.outcome, result.code, result.status) == (Outcome.DEFERRED, "server_error", status)
        ceilings.append(Backoff().base * 2 ** batch.attempt)
        assert ceilings[-1] / 2 <= result.retry_after <= ceilings[-1]
        batch = batch.retried()
    assert channel(line).send(batch)[0].ok


def test_timeouts_and_refused_connections_are_deferred(line):
    line.set_faults(latency_ms=500)
    result = one(line, timeout=0.1)
    assert (result.outcome, result.code, result.status) == (Outcome.DEFERRED, "network", None)
    line.set_faults(latency_ms=0)
    # The platform is still answering the abandoned request; let it finish here, or it would take the
    # next test's forced fault.
    time.sleep(0.6)
    refused = channel(line).__class__([line.access_token], api_base="http://127.0.0.1:9").send(
        push(line.create_user().user_id))[0]
    assert (refused.outcome, refused.code) == (Outcome.DEFERRED, "network")


def test_no_retry_is_planned_past_the_retry_keys_24_hours(line):
    line.set_faults(force={"status": 500, "remaining": 1})
    batch = push(line.create_user().user_id)
    late = Send(batch.retry_key, batch.user_ids, batch.messages, attempt=20, first_tried_at=time.time() - 23.9 * 3600)
    result = one(line, late)
    assert (result.outcome, result.code) == (Outcome.PERMANENT, "retry_window_over")


def test_a_random_error_rate_still_ends_with_every_notice_stored_once(line):
    users = [line.create_user() for _ in range(30)]
    line.set_faults(error_rate=0.3, accept_then_fail_rate=0.2, seed=7)
    pending = [push(u.user_id, "一度だけ") for u in users]
    ch = channel(line)
    for _ in range(40):
        results = ch.send_all(pending)
        pending = [b.retried() for b, [r] in zip(pending, results) if r.outcome is Outcome.DEFERRED]
        if not pending:
            break
    assert pending == []
    assert [len(line.messages(u.user_id)) for u in users] == [1] * 30
