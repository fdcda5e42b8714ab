"""Residents type names, addresses and birth dates into the chat. A recorded webhook event keeps only what
handling needs — the keyword a text means or the registration number it looks like, never the text —
and even that is emptied once the event is handled."""

import json

import pytest

from foryou.shared.numbers import display, new_number
from foryou.gateway.line.handlers import handle
from foryou.gateway.models import WebhookEvent
from tests.line.conftest import event, payload, post

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"]), pytest.mark.urls("tests.line.urls")]

PERSONAL = "山田太郎です。千葉市中央区千葉港1-1、1980年1月2日生まれ。電話は043-245-5111"


def text(words: str) -> dict:
    return event(message={"type": "text", "id": "1", "quoteToken": "q", "text": words})


def stored(one: dict) -> str:
    return json.dumps(WebhookEvent.objects.get(event_id=one["webhookEventId"]).body, ensure_ascii=False)


def test_free_text_is_not_stored_only_that_it_is_a_text(client, line_settings):
    one = text(PERSONAL)
    assert post(client, payload(one)).status_code == 200
    body = WebhookEvent.objects.get().body
    assert body["message"] == {"type": "text"}
    for piece in ("山田", "千葉港", "1980", "043"):
        assert piece not in stored(one)


def test_a_typed_number_is_kept_normalised_and_nothing_around_it(client, line_settings):
    number = new_number()
    typed = display(number).translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))
    one, word = text(typed), text(" 配信停止 ")
    post(client, payload(one, word))
    assert WebhookEvent.objects.get(event_id=one["webhookEventId"]).body["message"] == {"type": "text",
                                                                                          "number": number}
    assert WebhookEvent.objects.get(event_id=word["webhookEventId"]).body["message"] == {"type": "text",
                                                                                           "keyword": "stop"}


def test_postback_data_keeps_only_the_keys_our_buttons_send(client, line_settings):
    one = event("postback", replyToken="r" * 32, postback={"data": "action=help&note=山田太郎&birth=1980-01-02"})
    post(client, payload(one))
    assert WebhookEvent.objects.get().body["postback"] == {"action": "help"}
    assert "山田" not in stored(one) and "1980" not in stored(one)


def test_what_was_kept_is_dropped_once_the_event_is_handled(client, line_settings, monkeypatch):
    monkeypatch.setattr("foryou.gateway.line.replies.reply", lambda *args: True)
    one, ignored = text(PERSONAL), event("beacon", replyToken="r" * 32, beacon={"hwid": "d41d8cd98f", "type": "enter"})
    post(client, payload(one, ignored))
    assert [handle(one["webhookEventId"]), handle(ignored["webhookEventId"])] == ["help", "ignored"]
    assert list(WebhookEvent.objects.values_list("body", flat=True)) == [{}, {}]
    assert set(WebhookEvent.objects.values_list("outcome", flat=True)) == {"help", "ignored"}


def test_bodies_stored_whole_before_this_release_are_reduced_by_the_migration(line_settings):
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connections

    from foryou.gateway.db import DB

    migration = importlib.import_module("foryou.gateway.migrations.0007_webhook_event_digests")
    waiting, handled = text(PERSONAL), text(PERSONAL)
    WebhookEvent.objects.create(event_id=waiting["webhookEventId"], kind="message", body=waiting)
    WebhookEvent.objects.create(event_id=handled["webhookEventId"], kind="message", body=handled,
                                handled_at="2026-01-01T00:00:00Z")
    migration.reduce_bodies(apps, SimpleNamespace(connection=connections[DB]))
    assert WebhookEvent.objects.get(event_id=waiting["webhookEventId"]).body["message"] == {"type": "text"}
    assert WebhookEvent.objects.get(event_id=handled["webhookEventId"]).body == {}
    assert "山田" not in stored(waiting)
