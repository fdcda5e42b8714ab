"""Print runs of postcards: registrations waiting for a postcard → one PDF, addressed from the registry.

Persons under 支援措置 never get a postcard: their registrations are left for staff to handle by hand."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from foryou.audit import services as audit
from foryou.enrollment.addresses import join_parts
from foryou.enrollment.models import PostcardBatch, Registration
from foryou.enrollment.postcards import Postcard, Sender, write_batch
from foryou.residents import store


# Cards in one print run: an invitation batch of 20,000 prints in one PDF from the command (~30 s); the
# console's button prints at most PAGE_BATCH_LIMIT at a time, so that its request answers well within the
# web server's timeout (FORYOU_WEB_TIMEOUT, 60 s) on a busy machine; the rest waits for the next press.
BATCH_LIMIT = 20_000
PAGE_BATCH_LIMIT = 10_000


@dataclass
class BatchResult:
    batch: PostcardBatch | None
    held_back: list[int]  # registrations not printed (protected, no longer resident, not found)


def sender() -> Sender:
    return Sender(municipality=settings.MUNICIPALITY_NAME, department=settings.POSTCARD_DEPARTMENT,
                  postal_code=settings.POSTCARD_SENDER_POSTAL_CODE, address=settings.POSTCARD_SENDER_ADDRESS,
                  phone=settings.POSTCARD_SENDER_PHONE, service_name=settings.SERVICE_NAME)


def _addresses(resident_ids: list[str]) -> dict[str, dict]:
    with store.connect() as con:
        cursor = con.execute(
            """SELECT resident_id, name, postal_code, ward_name, town_name, address_number, katagaki,
                      protected, is_current
               FROM persons WHERE list_contains(?, resident_id)""", [resident_ids])
        names = [d[0] for d in cursor.description]
        return {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}


def _postcards(registrations: list[Registration]) -> tuple[list[Postcard], list[Registration], list[int]]:
    """The postcards of these registrations, the registrations printed, and the pks held back."""
    people = _addresses([r.resident_id for r in registrations])
    cards, printed, held = [], [], []
    for registration in registrations:
        person = people.get(registration.resident_id)
        if person is None or person["protected"] or not person["is_current"]:
            held.append(registration.pk)
            continue
        address = join_parts(settings.MUNICIPALITY_NAME, person["ward_name"], person["town_name"],
                             person["address_number"])
        cards.append(Postcard(
            postal_code=person["postal_code"], address=address, katagaki=person["katagaki"] or "",
            name=person["name"], registration_number=registration.number,
            activation_url=f"{settings.GATEWAY_PUBLIC_URL}/activate/email/?n={registration.number}",
            expires_on=timezone.localtime(registration.expires_at).date(),
            invitation=registration.invitation_id is not None))
        printed.append(registration)
    return cards, printed, held


def cards_of(registrations: list[Registration]) -> list[Postcard]:
    """The postcards these registrations print as (protected and departed residents left out)."""
    return _postcards(registrations)[0]


def make_batch(actor=None, limit: int = BATCH_LIMIT) -> BatchResult:
    """One PDF of at most `limit` cards, streamed to disk (the card is laid out once: ~2 ms a card)."""
    waiting = list(Registration.objects.waiting_for_postcard().order_by("issued_at")[:limit])
    if not waiting:
        return BatchResult(None, [])
    cards, printed, held = _postcards(waiting)
    if not cards:
        return BatchResult(None, held)
    directory = Path(settings.DATA_DIR) / "postcards"
    directory.mkdir(parents=True, exist_ok=True)
    with transaction.atomic():
        batch = PostcardBatch.objects.create(created_by=actor, cards=len(cards), pdf="")
        path = write_batch(cards, sender(), directory / f"batch-{batch.pk:05d}-{datetime.now():%Y%m%d}.pdf")
        batch.pdf = str(path)
        batch.save(update_fields=["pdf"])
        Registration.objects.filter(pk__in=[r.pk for r in printed]).update(postcard_batch=batch)
        audit.record("enrollment.postcards_printed", actor=actor, target=f"postcard_batch:{batch.pk}",
                     detail={"cards": len(cards), "held_back": len(held)})
    return BatchResult(batch, held)


def mark_mailed(batch: PostcardBatch, actor=None) -> None:
    batch.status, batch.mailed_at = PostcardBatch.Status.MAILED, timezone.now()
    batch.save(update_fields=["status", "mailed_at"])
    audit.record("enrollment.postcards_mailed", actor=actor, target=f"postcard_batch:{batch.pk}")


def mark_returned(registration: Registration, actor=None) -> None:
    """A postcard came back undeliverable (転送不要): the number is voided; staff follow up."""
    from foryou.enrollment.services import void

    with transaction.atomic():
        registration.postcard_returned_at = timezone.now()
        registration.save(update_fields=["postcard_returned_at"])
        if registration.status == Registration.Status.ISSUED:
            void(registration, Registration.Ending.STAFF)
        audit.record("enrollment.postcard_returned", actor=actor, target=f"resident:{registration.resident_id}")
