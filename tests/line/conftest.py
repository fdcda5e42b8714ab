import json
from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.shared.numbers import new_number
from foryou.gateway.models import Subscriber
from foryou.dev.lineemu import signature
from foryou.dev.lineemu.webhooks import new_event_id

SECRET = "0123456789abcdef0123456789abcdef"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
APPLY_URL = "https://liff.line.me/2000000002-apply"
CONSENT_URL = "https://liff.line.me/2000000002-consent"
SETTINGS_URL = "https://liff.line.me/2000000002-settings"


@pytest.fixture
def line_settings(settings, data_dir):
    """Gateway settings for LINE with a test secret, no emulator, tasks queued but not run."""
    settings.LINE_CHANNEL_SECRET = SECRET
    settings.LINE_CHANNEL_ACCESS_TOKENS = ["unused-token"]
    settings.LINE_API_BASE = "http://127.0.0.1:9"  # nothing listens: a test that sends must say where
    settings.LINE_LIFF_APPLY_URL = APPLY_URL
    settings.LINE_CONSENT_URL = CONSENT_URL
    settings.LINE_SETTINGS_URL = SETTINGS_URL
    settings.TASKS = DUMMY
    return settings


@pytest.fixture
def on_emulator(line_settings, line, live_server):
    """The emulator posts its webhooks to this test's live server, which replies through the emulator."""
    line_settings.LINE_CHANNEL_SECRET = line.config.channel_secret
    line_settings.LINE_CHANNEL_ACCESS_TOKENS = [line.access_token]
    line_settings.LINE_API_BASE = line.base_url
    line_settings.TASKS = IMMEDIATE
    line.config.webhook_url = live_server.url + "/line/webhook"
    return line


def queued():
    from django_tasks import default_task_backend
    return [result.args[0] for result in default_task_backend.results]


def event(kind: str = "message", user_id: str = "U" + "1" * 32, **extra) -> dict:
    body = {"type": kind, "mode": "active", "timestamp": 1767225600000,
            "source": {"type": "user", "userId": user_id}, "webhookEventId": new_event_id(),
            "deliveryContext": {"isRedelivery": False}}
    if kind == "message":
        body.update(replyToken="r" * 32, message={"type": "text", "id": "1", "quoteToken": "q", "text": "こんにちは"})
    return {**body, **extra}


def payload(*events: dict) -> bytes:
    return json.dumps({"destination": "U" + "0" * 32, "events": list(events)}, ensure_ascii=False).encode()


def post(client, body: bytes, sign: str | None = "good", secret: str = SECRET):
    headers = {}
    if sign == "good":
        headers["x-line-signature"] = signature(secret, body)
    elif sign is not None:
        headers["x-line-signature"] = sign
    return client.generic("POST", "/line/webhook", body, content_type="application/json", headers=headers)


def issued(days: int = 90) -> Subscriber:
    return Subscriber.objects.create(number=new_number(), expires_at=timezone.now() + timedelta(days=days))


def active(line_user_id: str) -> Subscriber:
    subscriber = issued()
    Subscriber.objects.filter(pk=subscriber.pk).update(status=Subscriber.Status.ACTIVE, line_user_id=line_user_id,
                                                       activated_at=timezone.now())
    return Subscriber.objects.get(pk=subscriber.pk)


def text_of(message: dict) -> str:
    """What a message says: a text's text, a template's text."""
    return message.get("text") or message.get("template", {}).get("text", "")


def actions_of(message: dict) -> list[dict]:
    return message.get("template", {}).get("actions", [])


def links_of(message: dict) -> list[str]:
    """The URIs its buttons open."""
    return [action["uri"] for action in actions_of(message) if action["type"] == "uri"]


def said(line, user_id: str) -> list[dict]:
    """The message objects the account sent this user, oldest first."""
    return [entry["message"] for entry in line.messages(user_id)]
