"""Each recipient's email is made from a template per notice, language and footer (decision 0088): it
must be the message Django builds for them, byte for byte but for the Date (the time of sending) and the
MIME boundary (random per message in Django's), and read back by the stdlib's parser as the same headers
and parts. A recipient whose values would not come out the same gets Django's build."""

import email
import email.policy
import re

from django.core.mail.message import sanitize_address
from hypothesis import given, settings as hsettings, strategies as st

from foryou.gateway.email import prepared
from foryou.gateway.email.channel import EmailChannel, EmailRecipient, _fields, message_id
from tests.email.conftest import notice

FROM = "千葉市 <foryou@city.example.jp>"
URL_CHARS = st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$()*+=%")
DOT_ATOMS = re.compile(r"[\w%+-]+(\.[\w%+-]+)*@[\w-]+(\.[\w-]+)*")
ADDRESS_PART = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789._+-"), min_size=1, max_size=30)


def url(path: str) -> str:
    return f"https://gw.example.jp/{path}"


def built(channel: EmailChannel, recipient: EmailRecipient, content, mid: str):
    """(Django's bytes, the template's bytes or None)."""
    django = channel._message(recipient, content, mid).message().as_bytes(linesep="\r\n")
    template, links = channel._template(recipient, content, _fields(content))
    made = template.fill(recipient.address, mid, links) if template else None
    return django, made


def same_boundary(data: bytes) -> bytes:
    boundary = re.search(rb'boundary="([^"]+)"', data).group(1)
    return data.replace(boundary, b"BOUNDARY")


def normalised(data: bytes) -> bytes:
    return re.sub(rb"\r\nDate: [^\r]+\r\n", b"\r\nDate: DATE\r\n", same_boundary(data))


def same_when_parsed(a: bytes, b: bytes) -> None:
    left, right = (email.message_from_bytes(same_boundary(x), policy=email.policy.default) for x in (a, b))
    assert [(k, str(v)) for k, v in left.items() if k != "Date"] == [(k, str(v)) for k, v in right.items() if k != "Date"]
    assert [(p.get_content_type(), p.get_content()) for p in left.walk() if not p.is_multipart()] == \
        [(p.get_content_type(), p.get_content()) for p in right.walk() if not p.is_multipart()]
    assert email.utils.parsedate_to_datetime(right["Date"])


@hsettings(max_examples=150, deadline=None)
@given(local=ADDRESS_PART, domain=st.sampled_from(["example.jp", "mail.city.example.jp", "x.co"]),
       token=st.text(URL_CHARS, min_size=1, max_size=300), key=st.integers(min_value=1, max_value=10**12),
       consent=st.booleans(), settings_link=st.booleans(), apply=st.booleans(),
       language=st.sampled_from(["", "ja", "en", "ja-easy", "zh-hans"]))
def test_a_templated_email_is_djangos_email_for_that_recipient(local, domain, token, key, consent,
                                                               settings_link, apply, language):
    channel = EmailChannel.from_settings(host="127.0.0.1", port=1, from_email=FROM)
    recipient = EmailRecipient(str(key), f"{local}@{domain}", url(f"email/unsubscribe/{token}"),
                               consent_url=url(f"consent/{token}") if consent else "",
                               apply_url=url(f"apply/{key}/{token[:40]}") if apply else "",
                               settings_url=url(f"settings/{token[::-1]}") if settings_link else "", language=language)
    content = notice(title="無料クーポンをお送りしました「第2回」", links=[("案内 & 予約", "https://www.city.example.jp/a?b=1&c=2")])
    mid = message_id(recipient, content, channel.domain)
    django, made = built(channel, recipient, content, mid)
    if made is None:  # only values Django could write differently are left to it
        assert len(recipient.address) > 70 or not DOT_ATOMS.fullmatch(recipient.address) \
            or any(len(line) > prepared.LINE_LIMIT for line in django.split(b"\r\n"))
        return
    envelope, data = made
    assert envelope == recipient.address == sanitize_address(recipient.address, "utf-8")
    assert normalised(data) == normalised(django)
    same_when_parsed(django, data)


def test_the_japanese_subject_is_encoded_and_decodes_back():
    channel = EmailChannel.from_settings(host="127.0.0.1", port=1, from_email=FROM)
    recipient = EmailRecipient("5", "taro@example.jp", url("email/unsubscribe/5:abc"), language="ja")
    content = notice()
    _, (envelope, data) = built(channel, recipient, content, message_id(recipient, content, channel.domain))
    assert data.isascii() is False  # the parts are UTF-8, 8bit, as Django sends them
    header = re.search(rb"\r\nSubject: ([^\r]+(?:\r\n [^\r]+)*)", data).group(1)
    assert header.isascii() and b"=?utf-8?" in header
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert parsed["Subject"] == "【あなたが使える制度お知らせサービス】子宮頸がん検診\u3000無料クーポンをお送りしました"
    assert parsed["To"] == "taro@example.jp" and parsed["Message-ID"].endswith(".5@city.example.jp>")
    assert parsed["List-Unsubscribe"] == "<https://gw.example.jp/email/unsubscribe/5:abc>"


def test_two_recipients_get_their_own_values_from_one_template():
    channel = EmailChannel.from_settings(host="127.0.0.1", port=1, from_email=FROM)
    content = notice()
    messages = []
    for key in ("1", "2"):
        recipient = EmailRecipient(key, f"r{key}@example.jp", url(f"email/unsubscribe/{key}:sig"))
        messages.append(built(channel, recipient, content, message_id(recipient, content, channel.domain))[1][1])
    first, second = (email.message_from_bytes(m, policy=email.policy.default) for m in messages)
    assert (first["To"], second["To"]) == ("r1@example.jp", "r2@example.jp")
    assert first["Message-ID"] != second["Message-ID"]
    text = [p.get_content() for p in second.walk() if p.get_content_type() == "text/plain"][0]
    assert "email/unsubscribe/2:sig" in text and "email/unsubscribe/1:sig" not in text


def test_an_address_or_link_django_would_write_otherwise_is_built_by_django():
    channel = EmailChannel.from_settings(host="127.0.0.1", port=1, from_email=FROM)
    content = notice()
    for recipient in (EmailRecipient("1", "山田 <yamada@example.jp>", url("u/1")),
                      EmailRecipient("2", "taro@example.jp", url("u/2?a=1&b=2")),
                      EmailRecipient("3", "taro@example.jp", url("u/" + "x" * 990))):
        assert built(channel, recipient, content, message_id(recipient, content, channel.domain))[1] is None
