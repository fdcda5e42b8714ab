"""LINE gets 200 for every signed body and does not deliver it again, so no event may be accepted and
then lost. Events in the older format of the LINE SDK's own fixture (no webhookEventId, no mode, no
quoteToken), from groups and rooms, and of types we do not know are recorded and either handled or
ignored from their JSON; one event without an id never makes the whole body fail."""

import copy
import json
from pathlib import Path

import pytest

from foryou.gateway.models import WebhookEvent
from tests.line.conftest import event, payload, post, said

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]

FIXTURE = Path(__file__).parent / "fixtures" / "sdk_webhook_without_event_ids.json"
SDK_USER = "U206d25c2ea6bd87c17655609a1c37cb8"


def sdk_events(user_id: str) -> list[dict]:
    return json.loads(FIXTURE.read_text().replace(SDK_USER, user_id))["events"]


def outcomes() -> list[tuple[str, str]]:
    return list(WebhookEvent.objects.order_by("id").values_list("kind", "outcome"))


def test_the_sdks_older_events_are_recorded_and_handled_or_ignored(client, on_emulator):
    user = on_emulator.create_user()
    body = payload(*sdk_events(user.user_id))
    assert post(client, body, secret=on_emulator.config.channel_secret).status_code == 200
    assert outcomes() == [
        ("message", "help"),         # text without quoteToken
        ("message", "ignored"),      # an image in a room
        ("message", "help"),         # video
        ("message", "help"),         # sticker without quoteToken
        ("follow", "greeted"),
        ("unfollow", "unknown_user"),
        ("join", "ignored"),         # group
        ("message", "ignored"),      # a text in a group
        ("message", "ignored"),      # a text in a room
        ("postback", "ignored"),     # data that is not ours
        ("things", "ignored"),       # a type we do not handle
    ]
    assert all(event_id.startswith("sha256:") for event_id in WebhookEvent.objects.values_list("event_id", flat=True))
    assert len(said(on_emulator, user.user_id)) >= 4  # help ×3 and the greeting reached the chat


def test_an_event_without_an_id_sent_again_is_recognised(client, line_settings, monkeypatch):
    monkeypatch.setattr("foryou.gateway.line.replies.reply", lambda *args: True)
    [first] = [e for e in sdk_events("U" + "4" * 32) if e["type"] == "follow"]
    again = copy.deepcopy(first) | {"deliveryContext": {"isRedelivery": True}}
    post(client, payload(first))
    post(client, payload(again))
    assert WebhookEvent.objects.count() == 1


def test_one_event_without_an_id_does_not_refuse_the_others(client, line_settings):
    without_id = event("follow", replyToken="r" * 32)
    del without_id["webhookEventId"]
    with_id = event("unfollow")
    assert post(client, payload(without_id, with_id, "not an event")).status_code == 200
    assert sorted(WebhookEvent.objects.values_list("kind", flat=True)) == ["follow", "unfollow"]


def test_a_current_text_without_quote_token_is_answered(client, on_emulator):
    user = on_emulator.create_user()
    one = event(user_id=user.user_id, message={"type": "text", "id": "1", "text": "ヘルプ"})
    post(client, payload(one), secret=on_emulator.config.channel_secret)
    assert outcomes() == [("message", "help")] and said(on_emulator, user.user_id)
