"""Handling recorded webhook events: a table of event type → function. Each event is claimed first
(handled_at set by a conditional update), so an event delivered twice, or queued twice, is handled once.
Only one-to-one chats are served; events from groups and rooms are recorded and ignored."""

from __future__ import annotations

import logging
import unicodedata
from urllib.parse import parse_qs

from django.conf import settings
from django.utils import timezone, translation
from linebot.v3.webhooks import Event, TextMessageContent

from foryou.shared import numbers
from foryou.gateway import services
from foryou.gateway.line import replies, words
from foryou.gateway.models import Subscriber, WebhookEvent
from foryou.gateway.db import DB

log = logging.getLogger(__name__)
NUMBER_LENGTHS = range(12, 21)  # digit strings this long are taken as attempts at a registration number


def handle(event_id: str) -> str:
    """Handle one recorded event unless it was handled (or claimed) already; returns what happened."""
    events = WebhookEvent.objects.using(DB)
    if not events.filter(event_id=event_id, handled_at__isnull=True).update(handled_at=timezone.now()):
        return "already_handled"
    record = events.get(event_id=event_id)
    handler = HANDLERS.get(record.kind)
    if handler is None:
        return "ignored"
    try:
        event = Event.from_dict(record.body)
        source = event.source
        if getattr(source, "type", None) != "user" or not getattr(source, "user_id", None):
            return "ignored"
        with translation.override(settings.LANGUAGE_CODE):
            return handler(event_id, source.user_id, event)
    except Exception:
        events.filter(event_id=event_id).update(handled_at=None)  # let a later delivery try again
        raise


def _subscriber(user_id: str, active: bool = False) -> Subscriber | None:
    subscribers = Subscriber.objects.using(DB).by_line_user(user_id)
    return (subscribers.active() if active else subscribers).first()


def on_follow(event_id: str, user_id: str, event) -> str:
    Subscriber.objects.using(DB).by_line_user(user_id).update(line_reachable=True)
    replies.reply(event_id, user_id, event.reply_token, replies.greeting())
    return "greeted"


def on_unfollow(event_id: str, user_id: str, event) -> str:
    subscriber = _subscriber(user_id)
    if subscriber is None:
        return "unknown_user"
    Subscriber.objects.using(DB).filter(pk=subscriber.pk).update(line_reachable=False)
    services.end(subscriber, "unfollowed")
    return "ended"


def on_message(event_id: str, user_id: str, event) -> str:
    token = event.reply_token
    if not isinstance(event.message, TextMessageContent):
        replies.reply(event_id, user_id, token, replies.help_messages())
        return "help"
    text = event.message.text or ""
    if words.means(text, words.STOP_WORDS, words.STOP):
        return _ask_to_stop(event_id, user_id, token)
    if words.means(text, words.RESUME_WORDS, words.RESUME):
        return _resume(event_id, user_id, token)
    if words.means(text, words.CONSENT_WORDS, words.CONSENT):
        replies.reply(event_id, user_id, token, replies.consent_messages())
        return "consent_link"
    if words.means(text, words.NUMBER_WORDS, words.ENTER_NUMBER):
        replies.reply(event_id, user_id, token, replies.number_instructions())
        return "number_instructions"
    if looks_like_number(text):
        return _activate(event_id, user_id, token, text)
    replies.reply(event_id, user_id, token, replies.help_messages())  # ヘルプ, and anything else
    return "help"


def looks_like_number(text: str) -> bool:
    digits = numbers.normalize(unicodedata.normalize("NFKC", text).strip())
    return digits.isascii() and digits.isdigit() and len(digits) in NUMBER_LENGTHS


def _activate(event_id: str, user_id: str, reply_token: str | None, text: str) -> str:
    outcome = services.activate(text, line_user_id=user_id)
    answer: list = [outcome.message]
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


def on_postback(event_id: str, user_id: str, event) -> str:
    data = {key: values[-1] for key, values in parse_qs(event.postback.data or "").items()}
    action, token = data.get("action"), event.reply_token
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
    log.info("LINE postback with unknown data ignored: %r", event.postback.data)
    return "ignored"


HANDLERS = {
    "follow": on_follow,
    "unfollow": on_unfollow,
    "message": on_message,
    "postback": on_postback,
}
