"""A 5xx answer to one recipient makes that recipient PERMANENT ("refused"); the others in the same
batch are delivered. A 5xx answer to the message itself is PERMANENT "smtp_rejected"."""

from foryou.gateway.delivery.channel import Outcome
from tests.email.conftest import batch


def test_one_refused_address_does_not_affect_the_others(channel, smtp):
    smtp.faults.refuse.add("gone@example.jp")
    results = channel.send(batch("a@example.jp", "gone@example.jp", "c@example.jp"))
    assert [(r.user_id, r.outcome, r.code) for r in results] == [
        ("1", Outcome.ACCEPTED, "sent"), ("2", Outcome.PERMANENT, "refused"), ("3", Outcome.ACCEPTED, "sent")]
    assert results[1].status == 550 and "No such mailbox" in results[1].detail
    assert sorted(m.to for m in smtp.messages()) == ["a@example.jp", "c@example.jp"]


def test_a_rejected_message_is_permanent(channel, smtp):
    smtp.faults.data_reply = "554 5.6.0 Message rejected"
    [result] = channel.send(batch("a@example.jp"))
    assert (result.outcome, result.code, result.status) == (Outcome.PERMANENT, "smtp_rejected", 554)
    smtp.faults.data_reply = ""
    assert channel.send(batch("a@example.jp"))[0].ok  # the connection is still usable


def test_an_address_with_a_line_break_is_permanent_and_sends_nothing(channel, smtp):
    [bad, good] = channel.send(batch("a@example.jp\nBcc: x@example.jp", "b@example.jp"))
    assert (bad.outcome, bad.code) == (Outcome.PERMANENT, "invalid_address")
    assert good.ok
    assert [m.to for m in smtp.messages()] == ["b@example.jp"]
