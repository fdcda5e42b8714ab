"""What the account says in the chat (English source strings, Japanese through the catalog) and how
it says it: the reply API with the event's reply token; when the token has expired (the task ran late),
a push whose retry key is derived from the webhookEventId, so even that fallback is sent at most once."""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.utils.translation import gettext as _
from linebot.v3.messaging import ApiClient, Configuration, MessagingApi, ReplyMessageRequest, TextMessage
from linebot.v3.messaging.exceptions import ApiException

from foryou.gateway.line import config
from foryou.gateway.line.channel import LineChannel
from foryou.gateway.delivery.channel import Send

log = logging.getLogger(__name__)
FALLBACK_NAMESPACE = uuid.UUID("5d1c6f4e-2b8a-4f0e-9c3d-7a1e0b2f6c49")


def _apply() -> str:
    return config.apply_url() or _("the application page in the menu below")


def greeting() -> str:
    return _(
        "Thank you for adding %(service)s.\n"
        "We tell registered residents which city programs they can use.\n\n"
        "To register:\n"
        "1. Apply here: %(apply_url)s\n"
        "2. After the city checks your application, a postcard with your 16-digit registration number "
        "is sent to your address.\n"
        "3. Send that number in this chat (for example 1234-5678-9012-3456).\n\n"
        "If you already have the postcard, send the number now."
    ) % {"service": settings.SERVICE_NAME, "apply_url": _apply()}


def help_text() -> str:
    return _(
        "This account sends notices about city programs you can use.\n"
        "- To register, send the 16-digit number from your postcard (apply first: %(apply_url)s).\n"
        "- To stop the notices, send \"配信停止\".\n"
        "- To agree to (or withdraw) the use of your tax information, send \"同意\"."
    ) % {"apply_url": _apply()}


def stopped_text() -> str:
    return _(
        "Notices have been stopped. You will not receive notices from %(service)s any more.\n"
        "To receive them again, apply again here: %(apply_url)s"
    ) % {"service": settings.SERVICE_NAME, "apply_url": _apply()}


def not_registered_text() -> str:
    return _("This LINE account is not registered, so there is nothing to stop. To register, apply here: "
             "%(apply_url)s") % {"apply_url": _apply()}


def consent_text() -> str:
    url = config.consent_url()
    if not url:
        return _("To agree to (or withdraw) the use of your tax information, use the consent page in the menu.")
    return _("Some programs depend on income. To let the city use your tax information to tell you about "
             "them, or to withdraw that consent, open this page:\n%(url)s") % {"url": url}


def consent_changed_text(given: bool) -> str:
    if given:
        return _("Thank you. You agreed to the use of your tax information for notices.")
    return _("You withdrew your consent. Your tax information will not be used for notices.")


def needs_registration_text() -> str:
    return _("Register first: send the 16-digit number from your postcard (apply here: %(apply_url)s).") % {
        "apply_url": _apply()}


# Sending ----------------------------------------------------------------------------------------

def reply(event_id: str, user_id: str | None, reply_token: str | None, texts: list[str]) -> bool:
    """Answer in the chat; True when LINE accepted the answer."""
    messages = [TextMessage(text=t) for t in texts]
    if reply_token:
        tokens = config.access_tokens()
        for token in tokens[:2]:  # the current token, then the next one once (rotation)
            try:
                _reply_once(token, ReplyMessageRequest(reply_token=reply_token, messages=messages))
                return True
            except ApiException as error:
                if error.status == 401 and token != tokens[-1]:
                    continue
                if error.status == 400 and "reply token" in str(error.body or "").lower():
                    break  # expired or used: fall back to a push
                log.error("LINE reply for event %s failed: %s %s", event_id, error.status, error.body)
                return False
    if not user_id:
        return False
    send = Send(str(uuid.uuid5(FALLBACK_NAMESPACE, event_id)), (user_id,), tuple(m.to_dict() for m in messages))
    [result] = LineChannel.from_settings().send(send)
    if not result.ok:
        log.error("LINE push fallback for event %s: %s %s", event_id, result.code, result.detail)
    return result.ok


def _reply_once(token: str, request: ReplyMessageRequest) -> None:
    with ApiClient(Configuration(host=config.api_base(), access_token=token)) as client:
        MessagingApi(client).reply_message(request, _request_timeout=config.request_timeout())
