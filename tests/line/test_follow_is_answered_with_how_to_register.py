"""A resident who adds the account gets, by reply, how to register: apply on the LIFF page, then send
the 16-digit number from the postcard. End to end: emulator → signed webhook → task → reply API."""

import pytest
from django.utils import translation

from foryou.gateway.line import replies
from foryou.gateway.models import WebhookEvent
from tests.line.conftest import APPLY_URL

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


def test_a_new_friend_receives_the_greeting_by_reply(on_emulator):
    line = on_emulator
    user = line.create_user("千葉 花子", status="not_friend")
    delivery = line.follow(user.user_id)
    assert delivery["status"] == 200, delivery
    [message] = line.messages(user.user_id)
    assert message["kind"] == "reply"
    with translation.override("ja"):
        assert message["message"] == {"type": "text", "text": replies.greeting()}
    assert APPLY_URL in message["message"]["text"]
    assert WebhookEvent.objects.get().handled_at is not None
    assert line.state.usage_this_month() == 0  # replies are free: no push was needed


def test_a_late_task_whose_reply_token_expired_pushes_the_greeting_once(on_emulator):
    line = on_emulator
    user = line.create_user(status="not_friend")
    line.state.use_reply_token = lambda token: None  # every reply token has expired
    try:
        line.follow(user.user_id)
        event_id = WebhookEvent.objects.get().event_id
        replies.reply(event_id, user.user_id, "expired-token", ["again"])  # the same event, retried
    finally:
        del line.state.use_reply_token
    pushed = line.messages(user.user_id)
    assert [m["kind"] for m in pushed] == ["push"]  # the second push reused the retry key: 409, stored once
