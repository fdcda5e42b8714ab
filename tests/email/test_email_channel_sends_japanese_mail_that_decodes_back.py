"""What the SMTP server receives decodes back, with Python's email package, to the notice: the
Japanese subject (encoded, as headers must be ASCII), UTF-8 text and an HTML alternative, and the
headers mail clients need to offer one-click unsubscribe."""

import email
import email.policy
import email.utils

from foryou.gateway.delivery.channel import Outcome
from tests.email.conftest import SERVICE, batch


def test_the_subject_and_both_parts_decode_back_from_the_raw_bytes(channel, smtp):
    [result] = channel.send(batch("hanako@example.jp"))
    assert (result.user_id, result.outcome, result.code) == ("1", Outcome.ACCEPTED, "sent")

    [mail] = smtp.messages()
    raw = mail.raw
    head = raw.split(b"\r\n\r\n", 1)[0].replace(b"\r\n ", b" ").replace(b"\r\n\t", b" ")  # unfolded
    subject_line = next(line for line in head.split(b"\r\n") if line.lower().startswith(b"subject:"))
    assert subject_line.isascii() and b"=?utf-8?" in subject_line.lower()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == f"【{SERVICE}】子宮頸がん検診\u3000無料クーポンをお送りしました"
    assert message.get_content_type() == "multipart/alternative"
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    assert text.get_content_charset() == html.get_content_charset() == "utf-8"
    assert "受診期限は令和8年3月31日です。" in text.get_content()
    assert "043-245-5146" in text.get_content()
    assert "https://www.city.example.jp/kenshin?a=1&b=2" in text.get_content()
    assert '<html lang="ja">' in html.get_content()
    assert 'href="https://www.city.example.jp/kenshin?a=1&amp;b=2"' in html.get_content()


def test_headers_name_sender_recipient_date_and_one_click_unsubscribe(channel, smtp):
    channel.send(batch("hanako@example.jp"))
    message = smtp.messages()[0].message
    assert email.utils.parseaddr(str(message["From"])) == ("千葉市", "foryou@city.example.jp")
    assert message["To"] == "hanako@example.jp"
    assert email.utils.parsedate_to_datetime(str(message["Date"])) is not None
    assert message["List-Unsubscribe"] == "<https://gw.example.jp/email/unsubscribe/1:sig/>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "https://gw.example.jp/email/unsubscribe/1:sig/" in message.get_body(("plain",)).get_content()
    assert "https://gw.example.jp/email/unsubscribe/1:sig/" in message.get_body(("html",)).get_content()


def test_the_message_id_is_the_same_on_every_attempt_and_differs_between_recipients(channel, smtp):
    first = batch("a@example.jp", "b@example.jp")
    results = channel.send(first) + channel.send(first.retried())
    ids = [str(m.message["Message-ID"]) for m in smtp.messages()]
    assert ids[0] == ids[2] and ids[1] == ids[3] and ids[0] != ids[1]
    assert [r.request_id for r in results] == ids
    assert ids[0].startswith("<") and ids[0].endswith(".1@city.example.jp>")
