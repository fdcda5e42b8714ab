"""End to end with the emulator: a message event redelivered by LINE gets one answer, not two."""

import pytest

from foryou.gateway.models import WebhookEvent

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


def test_a_redelivered_message_is_recorded_once_and_answered_once(on_emulator):
    line = on_emulator
    user = line.create_user()
    first = line.say(user.user_id, "こんにちは")
    again = line.redeliver(*first["webhookEventIds"])
    assert (first["status"], again["status"], again["isRedelivery"]) == (200, 200, True)
    assert WebhookEvent.objects.count() == 1
    assert [m["kind"] for m in line.messages(user.user_id)] == ["reply", "reply"]  # one reply: help + buttons
