"""The card verification's writes in the gateway: starting a flow, finishing it (the card's facts sealed
to the console's key at once: identity.sealed), and acting on the console's decision (identity.decided):
linking the new registration to the LINE user or address that started the flow, or telling them why not."""

import base64
import logging
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foryou.gateway.card_models import CardVerification
from foryou.gateway.db import DB
from foryou.gateway.models import LineApplicant, OutboundEvent, Subscriber
from foryou.gateway.mynumber import relying_party, telling
from foryou.shared.bridge import messages
from foryou.shared.bridge.sealing import seal
from foryou.shared.identity import CLAIMS, Outcome

log = logging.getLogger(__name__)

# What the resident reads when the flow does not complete; nothing about the card is kept in any case.
FAILURES = {
    "cancelled": _("You cancelled the verification with your My Number Card. Nothing was sent to the city. "
                   "You can start again, or apply with the form instead."),
    "unknown_state": _("This verification was not started on this page, or has already been finished. Nothing "
                       "was sent to the city. Start again from the application page."),
    "expired": _("The verification took too long and has expired. Nothing was sent to the city. Start again "
                 "from the application page."),
    "code_refused": _("The verification could not be completed (the answer from the card reader app was already "
                      "used or has expired). Nothing was sent to the city. Start again from the application page."),
    "token_invalid": _("The answer from the card reader app could not be confirmed as genuine. Nothing was sent "
                       "to the city. Start again from the application page; if it happens again, apply with the "
                       "form."),
    "unavailable": _("The My Number Card service cannot be reached just now. Nothing was sent to the city. Try "
                     "again later, or apply with the form."),
    "already_registered": _("This LINE account is already registered. There is nothing more to do."),
}


@dataclass(frozen=True)
class Finished:
    ok: bool
    code: str  # "sent", or a FAILURES key
    ref: str = ""


def start(*, line_user_id: str = "", email: str = "") -> str:
    """Begin a flow for a verified LINE user or an email address: the provider's authorization URL."""
    if line_user_id and Subscriber.objects.using(DB).active().by_line_user(line_user_id).exists():
        raise relying_party.Refused("already_registered", "LINE user already registered")
    flow = CardVerification(state=secrets.token_urlsafe(32), nonce=secrets.token_urlsafe(32),
                            code_verifier=secrets.token_urlsafe(64), line_user_id=line_user_id, email=email)
    url = relying_party.authorization_url(flow.state, flow.nonce, flow.code_verifier)
    flow.save(using=DB)
    return url


def _take(state: str) -> CardVerification | None:
    """The flow of this state, its one-time secrets cleared in the same transaction (a second callback
    with the same state finds nothing)."""
    if not state:
        return None
    with transaction.atomic(using=DB):
        flow = CardVerification.objects.using(DB).select_for_update().waiting_for_callback().filter(state=state).first()
        if flow is None:
            return None
        taken = CardVerification(pk=flow.pk, nonce=flow.nonce, code_verifier=flow.code_verifier,
                                 line_user_id=flow.line_user_id, email=flow.email, created_at=flow.created_at)
        flow.state, flow.nonce, flow.code_verifier = None, "", ""
        flow.save(using=DB, update_fields=["state", "nonce", "code_verifier"])
    return taken


def _drop(flow: CardVerification) -> None:
    CardVerification.objects.using(DB).filter(pk=flow.pk).delete()


def finish(params: dict) -> Finished:
    """The provider's redirect back (code and state, or an error): on success the card's facts are sealed
    and queued for the console, and the flow is kept by its ref only."""
    flow = _take(params.get("state", ""))
    if flow is None:
        return Finished(False, "unknown_state")
    if params.get("error"):
        _drop(flow)
        return Finished(False, "cancelled" if params["error"] == "access_denied" else "code_refused")
    if timezone.now() - flow.created_at > CardVerification.FLOW_TIME:
        _drop(flow)
        return Finished(False, "expired")
    try:
        facts = relying_party.card_facts(params.get("code", ""), flow.code_verifier, flow.nonce)
    except relying_party.Refused as exc:
        log.warning("card verification refused (%s): %s", exc.code, exc)
        _drop(flow)
        return Finished(False, exc.code)
    return Finished(True, "sent", _seal(flow, facts))


def _seal(flow: CardVerification, facts: dict) -> str:
    data = {name: facts.get(name, "") for name in CLAIMS}
    data |= {"channel": flow.channel, "email": flow.email}  # to write to an email applicant, as on the form
    now = timezone.now()
    with transaction.atomic(using=DB):
        event = OutboundEvent.objects.using(DB).create(kind=messages.IDENTITY_SEALED, body={})
        ref = str(event.message_id)
        event.body = messages.IdentitySealedBody(ref=ref, ciphertext=base64.b64encode(seal(data)).decode(),
                                                 received_at=now.isoformat(), channel=flow.channel).to_dict()
        event.save(update_fields=["body"])
        CardVerification.objects.using(DB).filter(pk=flow.pk).update(ref=ref)
    return ref


def apply_decided(body: messages.IdentityDecidedBody) -> None:
    """The console's decision on a sealed card: activate at once, or hand the applicant to the
    application's path (queued), or tell them why not; the flow's row is deleted in every case."""
    flow = CardVerification.objects.using(DB).select_for_update().filter(ref=body.ref).first()
    if flow is None:
        log.info("identity decision for an unknown or forgotten flow %s", body.ref)
        return
    flow.delete(using=DB)
    outcome = body.outcome
    if outcome == Outcome.ACTIVATED and not _activate(flow, body):
        outcome = Outcome.ALREADY_REGISTERED
    if outcome == Outcome.QUEUED and flow.line_user_id:
        # From here on it is an application like any other: the decision is told in LINE by its ref.
        LineApplicant.objects.using(DB).create(ref=body.ref, line_user_id=flow.line_user_id)
    if outcome == Outcome.ACTIVATED and not flow.line_user_id:
        return  # the confirmation email says it all
    telling.tell(flow.line_user_id, flow.email, body.ref, outcome)


def _activate(flow: CardVerification, body: messages.IdentityDecidedBody) -> bool:
    """A registration the console made for this card, linked to whoever started the flow: a verified LINE
    user at once; an email address once the resident opens the confirmation link mailed to it (the same
    link as for a postcard number: foryou.gateway.email.confirmations)."""
    if not body.number:
        return False
    now = timezone.now()
    expires_at = _parsed(body.expires_at) or now
    if not flow.line_user_id:
        Subscriber(number=body.number, status=Subscriber.Status.ISSUED, expires_at=expires_at).save(using=DB)
        telling.confirm_address(flow.email, body.number)
        return True
    if Subscriber.objects.using(DB).active().by_line_user(flow.line_user_id).exists():
        return False  # registered meanwhile (by a postcard number): the console's number stays unused
    Subscriber.objects.using(DB).by_line_user(flow.line_user_id).update(line_user_id=None)
    Subscriber(number=body.number, status=Subscriber.Status.ACTIVE, activated_at=now, expires_at=expires_at,
               line_user_id=flow.line_user_id).save(using=DB)
    OutboundEvent.of(messages.RegistrationActivatedBody(
        number=body.number, channel="line", has_email=False, at=now.isoformat())).save(using=DB)
    return True


def _parsed(text: str):
    from datetime import datetime

    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def purge(now=None) -> int:
    deleted, _by_model = CardVerification.objects.using(DB).stale(now).delete()
    return deleted
