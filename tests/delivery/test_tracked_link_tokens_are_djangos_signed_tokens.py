"""The worker signs tracked links with the salted key's HMAC prepared once (content.LinkSigner): each
token must be exactly the one Django's `signing.dumps` makes, so links already sent and links sent
later read back the same. And every push of a tracked lot gets its own copy of the messages."""

import json
import time
from unittest import mock

from django.core import signing
from hypothesis import given, settings as hsettings, strategies as st

from foryou.gateway.delivery import content
from foryou.shared.notice.flex import NoticeContent


@hsettings(max_examples=200, deadline=None)
@given(delivery_id=st.integers(min_value=1, max_value=2**62), index=st.integers(min_value=0, max_value=9),
       moment=st.integers(min_value=1_600_000_000, max_value=2_200_000_000))
def test_a_prepared_token_is_the_token_django_signs(delivery_id, index, moment):
    with mock.patch.object(time, "time", return_value=moment + 0.5):  # both read the same clock
        expected = signing.dumps([delivery_id, index], salt=content.LINK_SALT)
        token = content.LinkSigner().token(delivery_id, index)
    assert token == expected
    assert content.read_token(token) == (delivery_id, index)


def test_a_token_signed_with_another_key_is_refused(settings):
    token = content.LinkSigner().token(7, 0)
    settings.SECRET_KEY = "another secret key that is long enough for django 0123456789"
    try:
        content.read_token(token)
    except signing.BadSignature:
        return
    raise AssertionError("a token signed with another key was accepted")


def notice(links):
    return NoticeContent(service_name="ちばし", program_name="健康診査", title="アンケート", body="ご協力ください。",
                         contact_department="健康支援課", contact_phone="043-245-5111", contact_hours="",
                         links=links, apply_url="", language="ja")


def test_each_push_has_its_own_links_and_the_template_stays_as_it_was():
    messages = content.TrackedMessages(notice([("回答する", "https://a.example/1"), ("詳しく", "https://a.example/2")]))
    template = json.dumps(messages.template)
    first, second = messages.for_delivery(101), messages.for_delivery(202)
    assert json.dumps(messages.template) == template
    uris = lambda ms: [u for u in _strings(ms) if "/l/" in u]  # noqa: E731
    assert [content.read_token(u.rsplit("/l/", 1)[1]) for u in uris(first)] == [(101, 0), (101, 1)]
    assert [content.read_token(u.rsplit("/l/", 1)[1]) for u in uris(second)] == [(202, 0), (202, 1)]
    # Apart from the links, the same messages as composing the notice with the links in place.
    plain = json.dumps(first)
    for u in uris(first):
        plain = plain.replace(json.dumps(u), json.dumps("https://link.example/"))
    link = "https://link.example/"
    composed = json.dumps(content.line_messages(notice([("回答する", link), ("詳しく", link)])))
    assert json.loads(plain) == json.loads(composed)


def test_a_notice_without_links_is_the_same_for_everyone():
    messages = content.TrackedMessages(notice([]))
    assert messages.for_delivery(1) == messages.for_delivery(2) == content.line_messages(notice([]))


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)
