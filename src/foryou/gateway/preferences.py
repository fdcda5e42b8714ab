"""A registrant's choices (the settings page, the chat's 言語 buttons, activation): language, topics
turned off, channel, quiet period. Stored on the Subscriber and sent to the console as
registration.preferences — codes and a date only — in the same transaction.

Where each is honoured (docs/decisions/0043): the console leaves a registrant out of a notice whose
topic they turned off when it freezes the recipients (notices/freezing.py); the gateway checks topic,
channel and quiet period again when a worker claims a batch (delivery/claims.py), so a change made while a
send is running applies to every batch not yet claimed and never to half a batch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from foryou.gateway.db import DB
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.shared import languages, topics
from foryou.shared.bridge import messages
from foryou.shared.preferences import ChannelChoice


@dataclass(frozen=True)
class Choices:
    language: str
    topics_off: tuple[str, ...] = ()
    channel: str = ""
    quiet_until: date | None = None


def current(subscriber: Subscriber) -> Choices:
    return Choices(languages.or_japanese(subscriber.language), tuple(topics.known(subscriber.topics_off)),
                   subscriber.channel_choice, subscriber.quiet_until)


def has_both_channels(subscriber: Subscriber) -> bool:
    """LINE linked and a confirmed email: only then is there a channel to choose."""
    return bool(subscriber.line_user_id and subscriber.email and subscriber.email_confirmed_at)


def save(subscriber: Subscriber, choices: Choices) -> bool:
    """Store the choices and tell the console; False (and nothing sent) when nothing changed."""
    choices = Choices(languages.or_japanese(choices.language), tuple(topics.known(choices.topics_off)),
                      choices.channel if choices.channel in ChannelChoice.values and has_both_channels(subscriber)
                      else "", choices.quiet_until)
    if choices == current(subscriber):
        return False
    with transaction.atomic(using=DB):
        subscriber.language, subscriber.topics_off = choices.language, list(choices.topics_off)
        subscriber.channel_choice, subscriber.quiet_until = choices.channel, choices.quiet_until
        subscriber.save(update_fields=["language", "topics_off", "channel_choice", "quiet_until"])
        if subscriber.status == Subscriber.Status.ACTIVE:
            announce(subscriber)
    return True


def set_language(subscriber: Subscriber, code: str) -> bool:
    return save(subscriber, Choices(**{**current(subscriber).__dict__, "language": code}))


def announce(subscriber: Subscriber) -> None:
    """The registration.preferences event for the subscriber's current choices (call in a transaction)."""
    OutboundEvent.of(messages.RegistrationPreferencesBody(
        number=subscriber.number, language=subscriber.language, topics_off=tuple(topics.known(subscriber.topics_off)),
        channel=subscriber.channel_choice, quiet_until=subscriber.quiet_until.isoformat() if subscriber.quiet_until else "",
        at=timezone.now().isoformat())).save(using=DB)
