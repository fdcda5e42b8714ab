"""配信停止 in the chat asks first; only 停止する stops the notices, and the registration stays: 配信再開
(typed, or the button in the answer) starts them again without a new application or postcard. Both
changes reach the console as registration.paused."""

import pytest
from django.utils import translation

from foryou.gateway.line import words
from foryou.gateway.models import OutboundEvent, Subscriber
from tests.line.conftest import APPLY_URL, actions_of, active, links_of, said

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


def tap(line, user_id: str, action: dict) -> None:
    """What the LINE app does when a button is tapped."""
    if action["type"] == "postback":
        line.postback(user_id, action["data"], display_text=action.get("displayText"))
    else:
        line.say(user_id, action["text"])


def paused_events() -> list[bool]:
    return [e.body["paused"] for e in OutboundEvent.objects.filter(kind="registration.paused").order_by("id")]


@pytest.mark.parametrize("word", ["配信停止", "停止", " 配信 停止 ", "ＳＴＯＰ"])
def test_the_stop_keyword_only_asks_for_confirmation(on_emulator, word):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    line.say(user.user_id, word)
    [question] = said(line, user.user_id)
    assert question["template"]["type"] == "confirm"
    with translation.override("ja"):
        assert [a["label"] for a in actions_of(question)] == [str(words.CONFIRM_STOP), str(words.CANCEL_STOP)]
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and not subscriber.paused
    assert not OutboundEvent.objects.exists()


def test_confirming_pauses_and_resuming_needs_no_new_postcard(on_emulator):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    line.say(user.user_id, "配信停止")
    [question] = said(line, user.user_id)
    tap(line, user.user_id, actions_of(question)[0])  # 停止する
    subscriber.refresh_from_db()
    assert subscriber.paused and subscriber.status == Subscriber.Status.ACTIVE and subscriber.ending == ""
    stopped = said(line, user.user_id)[-1]
    with translation.override("ja"):
        [resume_button] = actions_of(stopped)
        assert resume_button == {"type": "message", "label": str(words.RESUME)[:20], "text": str(words.RESUME)}
    tap(line, user.user_id, resume_button)  # 配信再開
    subscriber.refresh_from_db()
    assert not subscriber.paused and subscriber.status == Subscriber.Status.ACTIVE
    assert paused_events() == [True, False]


def test_typing_the_resume_keyword_resumes(on_emulator):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    line.postback(user.user_id, "action=stop&confirm=yes")
    line.say(user.user_id, "配信再開")
    subscriber.refresh_from_db()
    assert not subscriber.paused and paused_events() == [True, False]


def test_declining_the_confirmation_changes_nothing(on_emulator):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    line.say(user.user_id, "配信停止")
    [question] = said(line, user.user_id)
    tap(line, user.user_id, actions_of(question)[1])  # やめる
    subscriber.refresh_from_db()
    assert not subscriber.paused and not OutboundEvent.objects.exists()


def test_stopping_twice_or_resuming_while_receiving_sends_nothing_to_the_console(on_emulator):
    line = on_emulator
    user = line.create_user()
    active(user.user_id)
    line.say(user.user_id, "配信再開")  # not paused
    line.postback(user.user_id, "action=stop&confirm=yes")
    line.postback(user.user_id, "action=stop&confirm=yes")
    line.say(user.user_id, "配信停止")  # already paused: says how to resume instead of asking
    assert paused_events() == [True]
    assert actions_of(said(line, user.user_id)[-1])[0]["type"] == "message"


def test_a_paused_registrant_who_unfollows_leaves(on_emulator):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    line.postback(user.user_id, "action=stop&confirm=yes")
    line.block(user.user_id)
    subscriber.refresh_from_db()
    assert (subscriber.status, subscriber.ending) == (Subscriber.Status.INACTIVE, "unfollowed")
    assert subscriber.paused_at is None


def test_stop_from_someone_not_registered_changes_nothing_and_offers_to_apply(on_emulator):
    line = on_emulator
    user = line.create_user()
    line.say(user.user_id, "配信停止")
    line.say(user.user_id, "配信再開")
    assert not OutboundEvent.objects.exists()
    messages = said(line, user.user_id)
    assert len(messages) == 4 and links_of(messages[1]) == links_of(messages[3]) == [APPLY_URL]
