"""My Number Card verification in the console: the card's 基本4情報 (sealed by the gateway: identity.sealed)
matched against the registry, and the decision (identity.decided).

Registered at once only when it is beyond doubt: exactly one current resident fits the card's name (after
variant folding), birth date (exactly known in the registry) and address (town and 番地), no protected person
(支援措置, or a member of such a household) fits at all, and that resident is not registered already. Two
residents fitting, a protected person fitting, or a weaker fit go to the registrar's queue as an application
(source "mynumber"), where the usual rules apply. A card whose address is outside the municipality is
refused. The card's facts are kept only in that application (queued) or in the accepted application the
registration points to (activated), as a typed application would be."""

import base64
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from foryou.audit import services as audit
from foryou.bridge.models import PendingPush
from foryou.enrollment.matching import ApplicationData, CandidateList, candidates
from foryou.enrollment.matching.scoring import BIRTH, NAME, NUMBER, TOWN
from foryou.enrollment.models import Application, Registration
from foryou.shared.bridge import messages
from foryou.shared.bridge.sealing import CannotOpen, open_sealed
from foryou.shared.identity import Outcome

# Name, exactly known birth date, town and 番地 all agree (the card carries no reading, so no kana points).
SURE = NAME + BIRTH + TOWN + NUMBER


@dataclass(frozen=True)
class Card:
    name: str
    address: str
    birth_date: date
    gender: str = ""

    @classmethod
    def of(cls, data: dict) -> "Card":
        address = data.get("address") or ""
        if isinstance(address, dict):  # OpenID Connect's address claim: its formatted form
            address = address.get("formatted") or ""
        return cls(unicodedata.normalize("NFC", str(data.get("name") or "")).strip(),
                   unicodedata.normalize("NFC", str(address)).strip(),
                   date.fromisoformat(str(data.get("birthdate"))), str(data.get("gender") or ""))


@dataclass(frozen=True)
class Decision:
    outcome: str
    resident_id: str = ""  # ACTIVATED and ALREADY_REGISTERED only


def in_municipality(address: str) -> bool:
    return settings.MUNICIPALITY_NAME in unicodedata.normalize("NFKC", address)


def _after_municipality(address: str) -> str:
    """The address from the ward on (the card writes 都道府県 and 市区町村 first, the registry does not)."""
    text = unicodedata.normalize("NFKC", address)
    at = text.find(settings.MUNICIPALITY_NAME)
    return text[at + len(settings.MUNICIPALITY_NAME):] if at >= 0 else text


def decide(con, towns, card: Card) -> Decision:
    """What to do with a card, from the registry snapshot `con` and the town list `towns`."""
    if not in_municipality(card.address):
        return Decision(Outcome.NOT_RESIDENT)
    found: CandidateList = candidates(con, ApplicationData(card.name, "", card.birth_date, "",
                                                           _after_municipality(card.address)), towns)
    sure = [c for c in found if c.score >= SURE]
    if found.protected_match or len(sure) != 1:
        return Decision(Outcome.QUEUED)
    resident_id = sure[0].resident_id
    if Registration.objects.for_resident(resident_id).filter(status=Registration.Status.ACTIVE).exists():
        return Decision(Outcome.ALREADY_REGISTERED, resident_id)
    return Decision(Outcome.ACTIVATED, resident_id)


@lru_cache(maxsize=4)
def _towns(analysis_dir: str, snapshot: str):
    """The town list of one snapshot (~30 ms to read at 1M residents), kept while it is current."""
    from foryou.enrollment.matching import towns_from_snapshot
    from foryou.residents import store

    with store.connect() as con:
        return towns_from_snapshot(con)


def _decide_now(card: Card) -> Decision:
    from foryou.residents import store

    try:
        towns = _towns(str(settings.ANALYSIS_DIR), store.current_snapshot_name() or "")
        with store.connect() as con:
            return decide(con, towns, card)
    except store.NoSnapshot:
        return Decision(Outcome.QUEUED) if in_municipality(card.address) else Decision(Outcome.NOT_RESIDENT)


def apply_sealed_identity(body: messages.IdentitySealedBody) -> Decision | None:
    """Open, decide, record and answer (in the bridge's transaction). Applying it twice changes nothing."""
    if Application.objects.filter(gateway_ref=body.ref).exists() or PendingPush.objects.filter(
            kind=messages.IDENTITY_DECIDED, body__ref=body.ref).exists():
        return None
    try:
        data = open_sealed(base64.b64decode(body.ciphertext))
    except (TypeError, ValueError):
        raise CannotOpen("the sealed card data is not base64") from None
    try:
        card = Card.of(data)
    except ValueError:
        raise CannotOpen("the sealed card data has no valid birth date") from None
    decision = _decide_now(card)
    with transaction.atomic():
        number, expires_at = "", ""
        if decision.outcome in (Outcome.ACTIVATED, Outcome.QUEUED):
            application = _application(body, data, card, decision)
            if decision.outcome == Outcome.ACTIVATED:
                registration = _register(application, decision.resident_id, application.channel)
                number, expires_at = registration.number, registration.expires_at.isoformat()
        audit.record("enrollment.card_verified", target=f"resident:{decision.resident_id}" if decision.resident_id
                     else f"card:{body.ref}", detail={"outcome": decision.outcome, "ref": body.ref})
        PendingPush.of(messages.IdentityDecidedBody(ref=body.ref, outcome=decision.outcome, number=number,
                                                    expires_at=expires_at)).save()
    return decision


def _application(body, data: dict, card: Card, decision: Decision) -> Application:
    activated = decision.outcome == Outcome.ACTIVATED
    return Application.objects.create(
        gateway_ref=body.ref, received_at=datetime.fromisoformat(body.received_at),
        source=Application.Source.MYNUMBER, name=card.name, name_kana="", birth_date=card.birth_date,
        postal_code="", address=card.address, email=data.get("email", ""),
        channel=data.get("channel") or body.channel or Application.Channel.LINE,
        status=Application.Status.ACCEPTED if activated else Application.Status.PENDING,
        resident_id=decision.resident_id if activated else "", reviewed_at=timezone.now() if activated else None)


def _register(application: Application, resident_id: str, channel: str) -> Registration:
    """The card's registration: numbers of theirs still waiting on a postcard are voided (not needed any
    more). A LINE flow is active at once (the LINE user was verified by LINE Login); an email flow waits
    for the resident to open the confirmation link the gateway mails (registration.activated then makes it
    active). Neither ever waits for a postcard batch (RegistrationQuerySet.waiting_for_postcard)."""
    from foryou.enrollment.services import _unused_number, void

    now = timezone.now()
    for old in Registration.objects.for_resident(resident_id).filter(status=Registration.Status.ISSUED):
        void(old, Registration.Ending.REISSUED)
    line = channel == Application.Channel.LINE
    return Registration.objects.create(number=_unused_number(), resident_id=resident_id, application=application,
                                       status=Registration.Status.ACTIVE if line else Registration.Status.ISSUED,
                                       issued_at=now, activated_at=now if line else None,
                                       channel=Application.Channel.LINE if line else "",
                                       expires_at=now + timedelta(days=settings.ACTIVATION_DAYS))
