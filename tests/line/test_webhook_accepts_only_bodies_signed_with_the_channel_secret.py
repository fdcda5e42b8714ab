"""x-line-signature must be the base64 HMAC-SHA256 of the exact raw body with the channel secret; any
other request is refused with 401 before the body is parsed, and nothing is recorded."""

import base64
import hashlib
import hmac
import os

import pytest
from django.core.exceptions import ImproperlyConfigured
from linebot.v3.webhook import SignatureValidator

from foryou.gateway.line.views import signature_is_valid
from foryou.gateway.models import WebhookEvent
from foryou.dev.lineemu import signature
from tests.line.conftest import SECRET, event, payload, post, queued

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"]), pytest.mark.urls("tests.line.urls")]


def test_a_correctly_signed_body_is_recorded_and_queued(client, line_settings):
    body = payload(event())
    response = post(client, body)
    assert response.status_code == 200
    [recorded] = WebhookEvent.objects.all()
    assert recorded.kind == "message" and recorded.handled_at is None
    assert queued() == [[recorded.event_id]]


@pytest.mark.parametrize("case", ["missing", "empty", "garbage", "other_body", "one_byte_changed",
                                  "other_secret", "not_ascii"])
def test_a_badly_signed_body_is_refused_and_nothing_is_recorded(client, line_settings, case):
    body = payload(event())
    if case == "one_byte_changed":  # still valid JSON: another user ID
        at = body.index(b'"U1111') + 2
        changed = body[:at] + b"0" + body[at + 1:]
        response = post(client, changed, sign=signature(SECRET, body))
    else:
        sign = {"missing": None, "empty": "", "garbage": base64.b64encode(os.urandom(32)).decode(),
                "other_body": signature(SECRET, payload(event())),
                "other_secret": signature("f" * 32, body), "not_ascii": "署名"}[case]
        response = post(client, body, sign=sign) if case != "not_ascii" else _post_raw_header(client, body, sign)
    assert response.status_code == 401
    assert not WebhookEvent.objects.exists() and queued() == []


def _post_raw_header(client, body, value):
    return client.generic("POST", "/line/webhook", body, content_type="application/json",
                          HTTP_X_LINE_SIGNATURE=value.encode("utf-8").decode("latin-1"))


def test_the_signature_is_checked_over_bytes_before_any_parsing(client, line_settings):
    not_json = b"\xff\xfe not even utf-8"
    assert post(client, not_json, sign="AAAA").status_code == 401
    assert post(client, not_json).status_code == 400  # signed, but not a webhook body


def test_our_check_agrees_with_the_sdks_on_valid_utf8_bodies():
    validator = SignatureValidator(SECRET)
    for body in (payload(event()), b'{"events":[]}', "日本語 🍎".encode()):
        good = signature(SECRET, body)
        expected = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
        assert good == expected
        assert signature_is_valid(SECRET, body, good) and validator.validate(body.decode(), good)
        assert not signature_is_valid(SECRET, body + b" ", good) and not validator.validate(body.decode() + " ", good)


def test_only_post_is_allowed(client, line_settings):
    assert client.get("/line/webhook").status_code == 405


def test_without_a_channel_secret_the_webhook_says_what_to_configure(client, line_settings):
    del line_settings.LINE_CHANNEL_SECRET
    with pytest.raises(ImproperlyConfigured, match="LINE_CHANNEL_SECRET"):
        post(client, payload(event()))
