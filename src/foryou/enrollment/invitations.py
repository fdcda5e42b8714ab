"""Invitation letters: a department proposes a group from a program's conditions; a second person with
the right to approve (決裁) the department's notices approves it; numbers are issued and printed on
postcards with the invitation wording (postcard batches, as for applications); a resident activates by the
number on the postcard, with no application and no staff step (the postcard proves the address).

Never invited: persons under 支援措置 or in such a household, residents no longer in the register, residents
registered already or waiting for a postcard (an issued number), and residents who declined invitations.
The group is chosen at proposal and checked again at approval."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from foryou.accounts import access
from foryou.audit import services as audit
from foryou.bridge.models import PendingPush
from foryou.enrollment.models import InvitationBatch, InvitationDecline, Registration
from foryou.shared.bridge import messages

_PROTECTED = "SELECT resident_id FROM persons WHERE list_contains($ids, resident_id) AND (protected OR household_id IN (SELECT household_id FROM households WHERE protected)) "
_CURRENT = "SELECT resident_id FROM persons WHERE list_contains($ids, resident_id) AND is_current"


class InvitationRefused(Exception):
    pass


def eligible(con, resident_ids: list[str]) -> list[str]:
    """Those of these residents who may be invited now."""
    ids = sorted(set(resident_ids))
    if not ids:
        return []
    current = {r for (r,) in con.execute(_CURRENT, {"ids": ids}).fetchall()}
    protected = {r for (r,) in con.execute(_PROTECTED, {"ids": ids}).fetchall()}
    registered = set(Registration.objects.filter(resident_id__in=ids, status__in=[
        Registration.Status.ACTIVE, Registration.Status.ISSUED]).values_list("resident_id", flat=True))
    declined = set(InvitationDecline.objects.filter(resident_id__in=ids).values_list("resident_id", flat=True))
    return [r for r in ids if r in current and r not in protected | registered | declined]


def propose(program_code: str, actor) -> InvitationBatch:
    """The program's target persons who may be invited, as a batch waiting for approval."""
    from foryou.notices.sending import today_in_tokyo
    from foryou.programs.catalog import get_program
    from foryou.residents import store
    from foryou.rules import engine

    program = get_program(program_code)
    if not access.can_edit(actor, program.department):
        raise InvitationRefused("only an editor of the program's department can propose invitations")
    with store.connect() as con:
        targets = engine.resident_ids(con, program.conditions, engine.context_for(con, today_in_tokyo()))
        chosen = eligible(con, targets)
    with transaction.atomic():
        batch = InvitationBatch.objects.create(program_code=program.code, department=program.department,
                                               resident_ids=chosen, created_by=actor)
        audit.record("enrollment.invitations_proposed", actor=actor, target=f"invitation_batch:{batch.pk}",
                     detail={"program": program.code, "residents": len(chosen), "targets": len(targets)})
    return batch


def approve(batch: InvitationBatch, approver) -> int:
    """Issue a number for each resident still eligible; how many. The proposer cannot approve it."""
    from foryou.enrollment.services import unused_numbers
    from foryou.residents import store

    if approver.pk == batch.created_by_id:
        raise InvitationRefused("a second person approves an invitation batch, not the one who proposed it")
    if not access.can_approve(approver, batch.department):
        raise InvitationRefused("only an approver of the program's department can approve invitations")
    with store.connect() as con:
        chosen = eligible(con, batch.resident_ids)
    with transaction.atomic():
        batch = InvitationBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != InvitationBatch.Status.PROPOSED:
            raise InvitationRefused("this batch has already been approved")
        now = timezone.now()
        expires = now + timedelta(days=settings.ACTIVATION_DAYS)
        registrations = [Registration(number=number, resident_id=rid, invitation=batch, issued_at=now,
                                      expires_at=expires) for rid, number in zip(chosen, unused_numbers(len(chosen)))]
        Registration.objects.bulk_create(registrations, batch_size=2000)
        PendingPush.objects.bulk_create([PendingPush.of(messages.NumberIssuedBody(
            number=r.number, expires_at=expires.isoformat())) for r in registrations], batch_size=2000)
        batch.status, batch.approved_by, batch.approved_at, batch.issued = (
            InvitationBatch.Status.APPROVED, approver, now, len(registrations))
        batch.save(update_fields=["status", "approved_by", "approved_at", "issued"])
        audit.record("enrollment.invitations_approved", actor=approver, target=f"invitation_batch:{batch.pk}",
                     detail={"issued": len(registrations), "proposed": len(batch.resident_ids)})
    return len(registrations)


def decline(resident_id: str, actor=None, *, by_resident: bool = False) -> None:
    """Record that a resident does not want invitations; numbers of an invitation still unused are voided."""
    from foryou.enrollment.services import void

    ending = Registration.Ending.OPTED_OUT if by_resident else Registration.Ending.STAFF
    with transaction.atomic():
        InvitationDecline.objects.get_or_create(resident_id=resident_id,
                                                defaults={"recorded_by": actor, "by_resident": by_resident})
        for registration in Registration.objects.for_resident(resident_id).filter(
                status=Registration.Status.ISSUED, invitation__isnull=False):
            void(registration, ending)
        audit.record("enrollment.invitation_declined", actor=actor, target=f"resident:{resident_id}",
                     detail={"by_resident": by_resident})


def declined_on_gateway(body) -> None:
    """A resident declined on the gateway's page with the number of their postcard (already void there).
    A number the console does not know, or one used already, changes nothing."""
    from foryou.enrollment.services import void

    registration = Registration.objects.filter(number=body.number).first()
    if registration is None or registration.status != Registration.Status.ISSUED:
        audit.record("enrollment.invitation_decline_ignored", target="gateway",
                     detail={"known": registration is not None})
        return
    with transaction.atomic():
        decline(registration.resident_id, by_resident=True)
        registration.refresh_from_db()
        if registration.status == Registration.Status.ISSUED:  # a reply to an application, not an invitation
            void(registration, Registration.Ending.OPTED_OUT)


def conversion(batch: InvitationBatch) -> dict:
    """How many of a batch's invitations became registrations."""
    activated = batch.registrations.exclude(activated_at__isnull=True).count()
    return {"issued": batch.issued, "activated": activated,
            "rate": round(activated / batch.issued, 3) if batch.issued else None}
