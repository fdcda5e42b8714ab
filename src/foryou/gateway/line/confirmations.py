"""Messages the account pushes after something that happened outside the chat (a choice on the consent
page, the city's decision on an application sent from the LINE app): a task run after the change is
committed, sent exactly once with a retry key derived from the change."""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django_tasks import task

from foryou.gateway.db import DB

log = logging.getLogger(__name__)
CONFIRMATION_NAMESPACE = uuid.UUID("0b4f3c1e-6a2d-4e59-8f71-2c9d5e3a7b10")


def consent_changed_later(line_user_id: str, given: bool, *, key: str, language: str = "") -> None:
    """Queue the confirmation of a consent change once the current transaction commits. `key` names the
    change (its bridge message id), so a task run twice still sends one message."""
    if not getattr(settings, "LINE_CHANNEL_ACCESS_TOKENS", None):
        return  # no LINE channel in this deployment
    transaction.on_commit(lambda: confirm_consent_changed.enqueue(line_user_id, given, key, language), using=DB)


@task()
def confirm_consent_changed(line_user_id: str, given: bool, key: str, language: str = "") -> bool:
    from foryou.gateway.delivery.channel import Send
    from foryou.gateway.line import replies
    from foryou.gateway.line.channel import LineChannel
    from foryou.shared.languages import or_japanese

    with translation.override(or_japanese(language)):
        message = replies.text_message(replies.consent_changed_text(given))
    retry_key = str(uuid.uuid5(CONFIRMATION_NAMESPACE, f"consent:{key}"))
    [result] = LineChannel.from_settings().send(Send(retry_key, (line_user_id,), (message,)))
    if not result.ok:
        log.warning("LINE consent confirmation not sent: %s %s", result.code, result.detail)
    return result.ok


def application_decided_later(line_user_id: str, ref: str, decision: str, reason: str = "", *,
                              language: str = "") -> None:
    """Queue the message telling a LINE applicant the city's decision once the current transaction
    commits. The retry key is derived from the application's ref and the decision: sent at most once."""
    if not getattr(settings, "LINE_CHANNEL_ACCESS_TOKENS", None):
        return  # no LINE channel in this deployment
    transaction.on_commit(lambda: tell_application_decided.enqueue(line_user_id, ref, decision, reason, language),
                          using=DB)


@task()
def tell_application_decided(line_user_id: str, ref: str, decision: str, reason: str = "", language: str = "") -> bool:
    from foryou.gateway.applications import line_messages
    from foryou.gateway.delivery.channel import Send
    from foryou.gateway.line.channel import LineChannel

    retry_key = str(uuid.uuid5(CONFIRMATION_NAMESPACE, f"application:{ref}:{decision}"))
    said = tuple(line_messages(decision, reason, language=language))
    [result] = LineChannel.from_settings().send(Send(retry_key, (line_user_id,), said))
    if not result.ok:
        log.warning("LINE message about application %s (%s) not sent: %s %s", ref, decision, result.code,
                    result.detail)
    return result.ok
