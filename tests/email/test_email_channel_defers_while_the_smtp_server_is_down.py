"""SMTP server down for a while: every email of the batch is DEFERRED with a retry delay (never lost,
never permanent), and the same batch sent again once the server is back is delivered in full."""

from foryou.gateway.delivery.channel import Outcome
from tests.email.conftest import batch

ADDRESSES = [f"resident{i}@example.jp" for i in range(5)]


def test_connection_refused_defers_every_recipient_and_the_retry_delivers_them(channel, smtp):
    smtp.stop()
    first = batch(*ADDRESSES)
    results = channel.send(first)
    assert [r.user_id for r in results] == ["1", "2", "3", "4", "5"]
    assert {(r.outcome, r.code) for r in results} == {(Outcome.DEFERRED, "smtp_unavailable")}
    assert all(r.retry_after and r.retry_after > 0 for r in results)
    assert "ConnectionRefused" in results[0].detail

    again = first.retried()
    assert channel.send(again)[0].outcome is Outcome.DEFERRED  # still down: still waiting
    smtp.start()
    results = channel.send(again.retried())
    assert {r.outcome for r in results} == {Outcome.ACCEPTED}
    assert sorted(m.to for m in smtp.messages()) == sorted(ADDRESSES)


def test_the_retry_delay_grows_with_the_attempts(channel, smtp):
    smtp.stop()
    first = batch("a@example.jp")
    delays = []
    for _ in range(6):
        [result] = channel.send(first)
        delays.append(result.retry_after)
        first = first.retried()
    assert delays[-1] > delays[0] * 4


def test_a_server_restart_between_sends_is_noticed_before_sending(channel, smtp):
    assert channel.send(batch("a@example.jp"))[0].ok
    smtp.stop()  # drops the open connection, as a restarting server would
    smtp.start()
    assert [r.outcome for r in channel.send(batch(*ADDRESSES))] == [Outcome.ACCEPTED] * 5
    assert len(smtp.messages()) == 6


def test_a_disconnect_during_the_message_defers_it(channel, smtp):
    smtp.faults.drop = True
    results = channel.send(batch(*ADDRESSES))
    assert {(r.outcome, r.code) for r in results} == {(Outcome.DEFERRED, "smtp_unavailable")}
    assert smtp.messages() == []
    smtp.faults.drop = False
    assert {r.outcome for r in channel.send(batch(*ADDRESSES).retried())} == {Outcome.ACCEPTED}


def test_a_temporary_4xx_answer_defers_without_dropping_the_others(channel, smtp):
    smtp.faults.defer.add("busy@example.jp")
    results = channel.send(batch("a@example.jp", "busy@example.jp", "c@example.jp"))
    assert [(r.outcome, r.code, r.status) for r in results] == [
        (Outcome.ACCEPTED, "sent", 250), (Outcome.DEFERRED, "smtp_temporary", 450), (Outcome.ACCEPTED, "sent", 250)]
    assert results[1].retry_after > 0


def test_a_temporary_4xx_answer_to_the_message_defers_it(channel, smtp):
    smtp.faults.data_reply = "451 4.3.0 Try again later"
    [result] = channel.send(batch("a@example.jp"))
    assert (result.outcome, result.code, result.status) == (Outcome.DEFERRED, "smtp_temporary", 451)
