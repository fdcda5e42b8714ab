"""Handling recorded webhook events: a table of event type → function. Each event is claimed first
(handled_at set by a conditional update), so an event delivered twice, or queued twice, is handled once.
Handlers read the recorded digest (foryou.gateway.line.events), a plain dict, never an SDK model: an
event in any shape is handled or ignored. Only one-to-one chats are served; events from groups and
rooms, and types we do not handle, are recorded and ignored. The digest is emptied once handled; an
event whose handling fails is released, marked "failed" and stays on the dead-letter list (`foryou
webhooks`) with its error's class name only."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db.models import F
from django.utils import timezone, translation

from foryou.gateway import preferences, services
from foryou.gateway.line import profiles, replies, words
from foryou.shared import languages
from foryou.gateway.models import Subscriber, WebhookEvent
from foryou.gateway.db import DB

log = logging.getLogger(__name__)


def handle(event_id: str) -> str:
    """Handle one recorded event unless it was handled (or claimed) already; returns what happened."""
    events = WebhookEvent.objects.using(DB)
    if not events.filter(event_id=event_id, handled_at__isnull=True).update(handled_at=timezone.now()):
        return "already_handled"
    record = events.get(event_id=event_id)
    event = record.body if isinstance(record.body, dict) else {}
    handler = HANDLERS.get(record.kind)
    try:
        if handler is None or not event.get("user"):
            outcome = "ignored"
        else:
            with translation.override(language_of(event["user"], record.kind)):
                outcome = handler(event_id, event["user"], event)
    except Exception as error:  # released: a redelivery or `foryou webhooks retry` tries again
        events.filter(event_id=event_id).update(handled_at=None, outcome=WebhookEvent.FAILED,
                                                failure=type(error).__name__[:100], attempts=F("attempts") + 1)
        raise
    events.filter(event_id=event_id).update(body={}, outcome=outcome[:64], failure="", attempts=F("attempts") + 1)
    return outcome


def language_of(user_id: str, kind: str) -> str:
    """The language to answer in: the registrant's own (an ended registration's too: the person chose it);
    for a LINE user the gateway does not know, their LINE profile's (Japanese when it gives none)."""
    subscribers = Subscriber.objects.using(DB).by_line_user(user_id)
    known = (subscribers.active() or subscribers).values_list("language", flat=True).first()
    if known:
        return languages.or_japanese(known)
    return profiles.language_for(user_id) if kind in ("follow", "message", "postback") else languages.JAPANESE


def _subscriber(user_id: str, active: bool = False) -> Subscriber | None:
    subscribers = Subscriber.objects.using(DB).by_line_user(user_id)
    return (subscribers.active() if active else subscribers).first()


def on_follow(event_id: str, user_id: str, event: dict) -> str:
    Subscriber.objects.using(DB).by_line_user(user_id).update(line_reachable=True)
    replies.reply(event_id, user_id, event.get("reply_token"), replies.greeting())
    return "greeted"


def on_unfollow(event_id: str, user_id: str, event: dict) -> str:
    subscriber = _subscriber(user_id)
    if subscriber is None:
        return "unknown_user"
    Subscriber.objects.using(DB).filter(pk=subscriber.pk).update(line_reachable=False)
    services.end(subscriber, "unfollowed")
    return "ended"


def on_message(event_id: str, user_id: str, event: dict) -> str:
    token, message = event.get("reply_token"), event.get("message") or {}
    keyword = message.get("keyword")
    if keyword == "stop":
        return _ask_to_stop(event_id, user_id, token)
    if keyword == "resume":
        return _resume(event_id, user_id, token)
    if keyword == "consent":
        replies.reply(event_id, user_id, token, replies.consent_messages())
        return "consent_link"
    if keyword == "enter_number":
        replies.reply(event_id, user_id, token, replies.number_instructions())
        return "number_instructions"
    if keyword == "settings":
        return _settings(event_id, user_id, token)
    if keyword == "language":
        replies.reply(event_id, user_id, token, replies.language_choice(translation.get_language()))
        return "language_choice"
    if message.get("number"):
        return _activate(event_id, user_id, token, message["number"])
    if message.get("test_code"):  # 「テスト 123456」: a staff member links this LINE as a test device
        from foryou.gateway.test_devices import answer_code

        return answer_code(event_id, user_id, token, message["test_code"])
    replies.reply(event_id, user_id, token, replies.help_messages())  # ヘルプ, other types, anything else
    return "help"


def _settings(event_id: str, user_id: str, reply_token: str | None) -> str:
    if _subscriber(user_id, active=True) is None:
        replies.reply(event_id, user_id, reply_token, replies.needs_registration())
        return "settings_unregistered"
    replies.reply(event_id, user_id, reply_token, replies.settings_messages())
    return "settings_link"


def _set_language(event_id: str, user_id: str, reply_token: str | None, code: str | None) -> str:
    """A language button (言語): stored for a registrant, and the answer is in the new language."""
    subscriber = _subscriber(user_id, active=True)
    if subscriber is None:
        replies.reply(event_id, user_id, reply_token, replies.needs_registration())
        return "language_unregistered"
    if not languages.is_offered(code):
        replies.reply(event_id, user_id, reply_token, replies.language_choice(translation.get_language()))
        return "language_choice"
    preferences.set_language(subscriber, code)
    with translation.override(code):
        replies.reply(event_id, user_id, reply_token, replies.language_changed(languages.NAMES[code]))
    return f"language:{code}"


def _activate(event_id: str, user_id: str, reply_token: str | None, number: str) -> str:
    # Not registered yet: the language answered in is the LINE profile's (language_of), or the one an
    # earlier registration of this LINE user chose; the resident changes it with 言語.
    outcome = services.activate(number, line_user_id=user_id, language=translation.get_language())
    answer: list = [str(services.MESSAGES[outcome.code])]
    if outcome.ok:
        answer.append(replies.consent_prompt())  # what consent to the use of tax data makes possible
    elif outcome.code == "expired":
        answer.append(replies.apply_again())
    replies.reply(event_id, user_id, reply_token, answer)
    return f"activation:{outcome.code}"


def _ask_to_stop(event_id: str, user_id: str, reply_token: str | None) -> str:
    """配信停止 only asks; the confirmation's 停止する stops (pauses) the notices."""
    subscriber = _subscriber(user_id, active=True)
    if subscriber is None:
        replies.reply(event_id, user_id, reply_token, replies.not_registered())
        return "stop_unregistered"
    if subscriber.paused:
        replies.reply(event_id, user_id, reply_token, [replies.already_stopped()])
        return "already_stopped"
    replies.reply(event_id, user_id, reply_token, [replies.stop_question()])
    return "stop_asked"


def _stop(event_id: str, user_id: str, reply_token: str | None) -> str:
    subscriber = _subscriber(user_id, active=True)
    if subscriber is None:
        replies.reply(event_id, user_id, reply_token, replies.not_registered())
        return "stop_unregistered"
    services.pause(subscriber)
    replies.reply(event_id, user_id, reply_token, [replies.stopped()])
    return "stopped"


def _resume(event_id: str, user_id: str, reply_token: str | None) -> str:
    subscriber = _subscriber(user_id, active=True)
    if subscriber is None:
        replies.reply(event_id, user_id, reply_token, replies.not_registered())
        return "resume_unregistered"
    if not services.resume(subscriber):
        replies.reply(event_id, user_id, reply_token, [replies.not_paused_text()])
        return "not_paused"
    replies.reply(event_id, user_id, reply_token, [replies.resumed_text()])
    return "resumed"


def on_postback(event_id: str, user_id: str, event: dict) -> str:
    data = event.get("postback") or {}
    action, token = data.get("action"), event.get("reply_token")
    if action == "stop":
        if data.get("confirm") == "yes":
            return _stop(event_id, user_id, token)
        if data.get("confirm") == "no":
            replies.reply(event_id, user_id, token, [replies.not_stopped_text()])
            return "stop_cancelled"
        return _ask_to_stop(event_id, user_id, token)
    if action == "resume":
        return _resume(event_id, user_id, token)
    if action == "consent" and data.get("value") in ("yes", "no"):
        subscriber = _subscriber(user_id, active=True)
        if subscriber is None:
            replies.reply(event_id, user_id, token, replies.needs_registration())
            return "consent_unregistered"
        given = data["value"] == "yes"
        services.set_consent(subscriber, given, confirm_in_line=False)  # answered right here
        replies.reply(event_id, user_id, token, [replies.consent_changed_text(given)])
        return "consent_given" if given else "consent_withdrawn"
    if action == "help":
        replies.reply(event_id, user_id, token, replies.help_messages())
        return "help"
    if action == "language":
        return _set_language(event_id, user_id, token, data.get("value"))
    if action == "settings":
        return _settings(event_id, user_id, token)
    log.info("LINE postback with unknown data ignored")
    return "ignored"


HANDLERS = {
    "follow": on_follow,
    "unfollow": on_unfollow,
    "message": on_message,
    "postback": on_postback,
}
