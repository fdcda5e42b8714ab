"""Telling the resident who verified with their card what came of it, in LINE (a push, once: the retry
key is derived from the flow's ref) or by email. The words never say anything about another person: a
card that fits two residents, or a protected one, reads as "the city checks your details"."""

import logging
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from foryou.gateway.db import DB
from foryou.shared import languages
from foryou.shared.identity import Outcome

log = logging.getLogger(__name__)
NAMESPACE = uuid.UUID("3a7e5c21-9b0d-4f6e-8c12-5d4b3a2f1e09")


def outcome_lines(outcome: str) -> list[str]:
    """The message (in the service's language) for each outcome."""
    if outcome == Outcome.ACTIVATED:
        return [_("Your identity was confirmed with your My Number Card and your registration to %(service)s is "
                  "complete. No postcard is needed. You will receive notices from the city here.")
                % {"service": languages.service_name()}]
    if outcome == Outcome.QUEUED:
        return [_("Your identity was confirmed with your My Number Card. The city now checks your details against "
                  "the resident register; we will tell you the result here, usually within two weeks.")]
    if outcome == Outcome.ALREADY_REGISTERED:
        return [_("You are already registered to %(service)s, so nothing was changed. If you no longer receive "
                  "notices, contact the city.") % {"service": languages.service_name()}]
    return [_("The address on your My Number Card is outside %(municipality)s. This service is for residents of "
              "the city, so you cannot register.") % {"municipality": settings.MUNICIPALITY_NAME}]


def tell(line_user_id: str, email: str, ref: str, outcome: str) -> None:
    """Queue the message once the current transaction commits."""
    if line_user_id and getattr(settings, "LINE_CHANNEL_ACCESS_TOKENS", None):
        transaction.on_commit(lambda: tell_in_line.enqueue(line_user_id, ref, outcome), using=DB)
    elif email:
        transaction.on_commit(lambda: tell_by_email(email, outcome), using=DB)


@task()
def tell_in_line(line_user_id: str, ref: str, outcome: str) -> bool:
    from foryou.gateway.delivery.channel import Send
    from foryou.gateway.line import replies
    from foryou.gateway.line.channel import LineChannel

    with translation.override(settings.LANGUAGE_CODE):
        said = [replies.text_message("\n".join(outcome_lines(outcome)))]
        if outcome == Outcome.ACTIVATED:
            said.append(replies.consent_prompt())
    retry_key = str(uuid.uuid5(NAMESPACE, f"card:{ref}:{outcome}"))
    [result] = LineChannel.from_settings().send(Send(retry_key, (line_user_id,), tuple(said)))
    if not result.ok:
        log.warning("LINE message about card verification %s (%s) not sent: %s", ref, outcome, result.code)
    return result.ok


def tell_by_email(email: str, outcome: str) -> bool:
    from foryou.gateway.email import letters

    with translation.override(settings.LANGUAGE_CODE):
        return letters.send_letter("card verification", email, _("Your My Number Card verification"),
                                   outcome_lines(outcome))


# Rides in the link (it says nothing of the resident): an expired link then offers the card again, not a
# number the resident never had.
CARD_ROUTE = "via=card"


def confirm_address(email: str, number: str) -> None:
    """An email registrant verified by card: the link that confirms the address and completes the
    registration (the address was typed, so it is proven before any notice goes to it)."""
    from django.urls import reverse

    from foryou.gateway.email import confirmations

    token = confirmations.create(number, email)
    link = settings.GATEWAY_PUBLIC_URL.rstrip("/") + reverse(
        "gateway_activate_email_confirm", urlconf="foryou.gateway.urls") + f"?{CARD_ROUTE}&t={token}"
    transaction.on_commit(lambda: _send_confirmation(email, link), using=DB)


def _send_confirmation(email: str, link: str) -> bool:
    from foryou.gateway.email import letters

    with translation.override(settings.LANGUAGE_CODE):
        return letters.send_letter("card verification", email, _("Your My Number Card verification"), [
            _("Your identity was confirmed with your My Number Card. Open this link within 24 hours to finish "
              "registering (no postcard is needed):"), link, "",
            _("If you did not ask for this, ignore this email: nothing is registered until the link is opened.")])
