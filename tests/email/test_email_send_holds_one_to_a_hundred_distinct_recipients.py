import pytest

from foryou.gateway.email.channel import EmailRecipient, EmailSend
from tests.email.conftest import notice, recipients


def test_a_send_holds_one_to_a_hundred_recipients():
    assert len(EmailSend(recipients(*[f"{i}@example.jp" for i in range(100)]), notice()).recipients) == 100
    for count in (0, 101):
        with pytest.raises(ValueError):
            EmailSend(recipients(*[f"{i}@example.jp" for i in range(count)]), notice())


def test_each_recipient_has_its_own_key():
    same = EmailRecipient("1", "a@example.jp", "https://gw.example.jp/u/1/")
    with pytest.raises(ValueError):
        EmailSend((same, same), notice())


def test_a_retry_counts_the_attempt_and_keeps_the_first_time():
    first = EmailSend(recipients("a@example.jp"), notice()).started(now=1000.0)
    again = first.retried().retried()
    assert (again.attempt, again.first_tried_at, again.recipients) == (2, 1000.0, first.recipients)
