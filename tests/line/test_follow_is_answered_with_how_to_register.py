"""A resident who adds the account gets, by reply, how to register: apply on the LIFF page, then send
the 16-digit number from the postcard. End to end: emulator → signed webhook → task → reply API."""

import pytest
from django.utils import translation

from foryou.gateway.line import replies, words
from foryou.gateway.models import WebhookEvent
from tests.line.conftest import APPLY_URL, actions_of, links_of, said

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


def test_a_new_friend_receives_the_greeting_by_reply(on_emulator):
    line = on_emulator
    user = line.create_user("千葉 花子", status="not_friend")
    delivery = line.follow(user.user_id)
    assert delivery["status"] == 200, delivery
    assert [m["kind"] for m in line.messages(user.user_id)] == ["reply", "reply"]
    text, buttons = said(line, user.user_id)
    with translation.override("ja"):
        assert [text, buttons] == replies.greeting()
        assert str(words.APPLY) in text["text"] and str(words.ENTER_NUMBER) in text["text"]
        assert [a["text"] for a in actions_of(buttons) if a["type"] == "message"] == [str(words.ENTER_NUMBER)]
    assert links_of(buttons) == [APPLY_URL]  # a button to the application page, not a menu to look for
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
    assert [m["kind"] for m in pushed] == ["push", "push"]  # the greeting's two messages, pushed once: the
    # second push reused the retry key (409), so "again" was never stored
