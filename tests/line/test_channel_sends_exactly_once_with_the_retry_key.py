"""The retry key is created and stored before the first attempt and reused on every retry: LINE answers
409 to a key it has accepted, which counts as accepted, so a notice is stored once whatever happens."""

from foryou.gateway.delivery.channel import Outcome
from tests.line.channel_helpers import channel, push


def test_the_same_send_twice_is_stored_once_and_both_are_accepted(line):
    user = line.create_user()
    batch = push(user.user_id)
    ch = channel(line)
    [first] = ch.send(batch)
    [second] = ch.send(batch.retried())
    assert (first.outcome, first.code) == (Outcome.ACCEPTED, "accepted")
    assert (second.outcome, second.code, second.status) == (Outcome.ACCEPTED, "duplicate", 409)
    assert second.request_id == first.request_id  # x-line-accepted-request-id names the original
    assert len(line.messages(user.user_id)) == 1
    assert line.state.usage_this_month() == 1


def test_an_answer_lost_after_acceptance_is_retried_safely(line):
    user = line.create_user()
    batch = push(user.user_id)
    line.set_faults(force={"status": 500, "remaining": 1, "after_accept": True})
    [lost] = channel(line).send(batch)
    assert (lost.outcome, lost.code, lost.status) == (Outcome.DEFERRED, "server_error", 500)
    [retried] = channel(line).send(batch.retried())
    assert (retried.outcome, retried.code) == (Outcome.ACCEPTED, "duplicate")
    assert len(line.messages(user.user_id)) == 1


def test_a_multicast_retried_after_a_lost_answer_is_stored_once_per_recipient(line):
    users = [line.create_user() for _ in range(3)]
    from foryou.gateway.delivery.channel import Send
    batch = Send.new([u.user_id for u in users], [{"type": "text", "text": "一度だけ"}])
    line.set_faults(force={"status": 503, "remaining": 1, "after_accept": True})
    assert {r.outcome for r in channel(line).send(batch)} == {Outcome.DEFERRED}
    assert {r.code for r in channel(line).send(batch.retried())} == {"duplicate"}
    assert [len(line.messages(u.user_id)) for u in users] == [1, 1, 1]
