"""Point 10 of the privacy review. Resident pages send a Content-Security-Policy that runs no inline
script (their scripts are static files) and lets no other site frame them (but the demo's phone
simulator, when FORYOU_LIFF_PAGES_FRAMABLE is on); the email confirmation link carries a random token
only, not the address or the number (it used to carry both, signed but readable in base64)."""

import base64
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from foryou.gateway.models import EmailConfirmation, Subscriber
from foryou.shared.numbers import new_number

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
ADDRESS = "hanako.chiba@example.jp"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
VALID = {"name": "千葉　花子", "name_kana": "チバ ハナコ", "birth_date": "1990-01-02", "postal_code": "2608722",
         "address": "千葉市中央区千葉港1-1", "channel": "line", "email": "", "phone": "043-245-5111", "agree": "on"}


def policy_of(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def resident_pages(client):
    yield client.get("/apply/")
    yield client.get("/apply/?via=line")
    yield client.post("/apply/?via=line", VALID | {"via": "line", "step": "review"})
    yield client.post("/apply/?via=line", VALID | {"via": "line", "step": "send"})
    yield client.post("/apply/", VALID | {"name": ""})
    yield client.get("/activate/")
    yield client.get("/activate/email/")
    yield client.get("/activate/email/confirm/?t=nothing")
    yield client.get("/consent/")
    yield client.get("/settings/")
    yield client.get("/settings/not-a-token/")
    yield client.get("/apply/?lang=en")


def test_every_resident_page_refuses_inline_script_and_carries_none(data_dir, settings):
    settings.LIFF_ID = "2000000001-demo"
    for response in resident_pages(Client()):
        html = response.content.decode()
        policy = policy_of(response)
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert policy["object-src"] == "object-src 'none'" and policy["base-uri"] == "base-uri 'none'"
        assert not INLINE_SCRIPT.search(html), response.request["PATH_INFO"]
        assert not INLINE_HANDLER.search(html)


def test_an_injected_script_would_not_run_because_only_listed_sources_may(data_dir, settings):
    settings.LIFF_SDK_URL = "https://static.line-scdn.net/liff/edge/2/sdk.js"
    script_src = policy_of(Client().get("/apply/"))["script-src"].split()[1:]
    assert script_src == ["'self'", "https://static.line-scdn.net"]


def test_no_site_may_frame_the_pages_but_the_demo_simulator(data_dir, settings):
    settings.LIFF_PAGES_FRAMABLE = False
    assert policy_of(Client().get("/activate/"))["frame-ancestors"] == "frame-ancestors 'none'"
    settings.LIFF_PAGES_FRAMABLE, settings.LINE_API_BASE = True, "http://127.0.0.1:8081"
    assert policy_of(Client().get("/activate/"))["frame-ancestors"] == "frame-ancestors 'self' http://127.0.0.1:8081"


def test_console_pages_keep_their_own_policy(data_dir, settings):
    response = Client().get("/login/")
    assert response.headers["Content-Security-Policy"] == settings.CONSOLE_CONTENT_SECURITY_POLICY


def readable_forms(text: str) -> str:
    """The link as an eavesdropper reads it: as it is, and each piece base64-decoded."""
    forms = [text]
    for piece in re.split(r"[?=&:./]", text):
        for decode in (base64.urlsafe_b64decode, base64.b64decode):
            try:
                forms.append(decode(piece + "=" * (-len(piece) % 4)).decode("utf-8", "replace"))
            except ValueError:
                pass
    return "\n".join(forms)


def test_the_confirmation_link_names_neither_the_address_nor_the_number(data_dir):
    number = new_number()
    Subscriber.objects.create(number=number, expires_at=timezone.now() + timedelta(days=90))
    client = Client()
    client.post("/activate/email/", {"number": number, "email": ADDRESS})
    [sent] = mail.outbox
    link = next(line for line in sent.body.splitlines() if "/activate/email/confirm/" in line)
    seen = readable_forms(link)
    assert ADDRESS not in seen and "hanako" not in seen and number not in seen
    stored = str(list(EmailConfirmation.objects.values()))
    assert ADDRESS not in stored and number not in stored  # nor does the waiting row, without the link
    assert client.get(link.split("testserver")[1]).status_code == 200
    assert Subscriber.objects.by_number(number).get().email == ADDRESS


def test_an_altered_or_expired_confirmation_link_does_nothing(data_dir):
    number = new_number()
    Subscriber.objects.create(number=number, expires_at=timezone.now() + timedelta(days=90))
    client = Client()
    client.post("/activate/email/", {"number": number, "email": ADDRESS})
    link = next(line for line in mail.outbox[0].body.splitlines() if "confirm" in line).split("testserver")[1]
    altered = link[:-2] + ("AA" if not link.endswith("AA") else "BB")
    assert "24時間" in client.get(altered).content.decode() or "24 hours" in client.get(altered).content.decode()
    EmailConfirmation.objects.update(created_at=timezone.now() - timedelta(hours=25))
    client.get(link)
    assert Subscriber.objects.by_number(number).get().status == Subscriber.Status.ISSUED
    assert not EmailConfirmation.objects.exists()
