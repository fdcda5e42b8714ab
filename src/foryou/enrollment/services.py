"""Writes for enrollment in the console: accepting or rejecting applications, issuing and voiding
registration numbers. Each change that the gateway must know is queued as a bridge message in the
same transaction, so it can be neither lost nor sent for a change that did not happen."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from foryou.audit import services as audit
from foryou.shared.bridge import messages
from foryou.bridge.models import PendingPush
from foryou.shared import numbers
from foryou.enrollment.models import AcceptOverride, Application, Registration


class EnrollmentError(Exception):
    pass


def _unused_number() -> str:
    while True:  # a collision among 10^15 numbers is astronomically rare; checking costs nothing
        number = numbers.new_number()
        if not Registration.objects.filter(number=number).exists():
            return number


def unused_numbers(count: int) -> list[str]:
    """`count` new numbers, none in use, checked against the table in chunks (a batch of invitations)."""
    chosen: set[str] = set()
    while len(chosen) < count:
        candidates = sorted({numbers.new_number() for _ in range(count - len(chosen))} - chosen)
        taken: set[str] = set()
        for start in range(0, len(candidates), 900):  # under SQLite's limit of variables
            taken |= set(Registration.objects.filter(number__in=candidates[start:start + 900])
                         .values_list("number", flat=True))
        chosen.update(n for n in candidates if n not in taken)
    issued = list(chosen)
    secrets.SystemRandom().shuffle(issued)  # nothing to read from the order numbers go to residents
    return issued


def issue_number(resident_id: str, application: Application | None = None, actor=None, *,
                 accepted: bool = False) -> Registration:
    """A new registration number for a resident; any earlier number of theirs that is not yet in use
    (issued, not activated) is voided, so only the newest postcard works. `accepted`: the number answers
    the application (not a re-issue), so one that came through the gateway is named by its ref and the
    gateway can tell the applicant in LINE."""
    with transaction.atomic():
        now = timezone.now()
        for old in Registration.objects.for_resident(resident_id).filter(status=Registration.Status.ISSUED):
            void(old, Registration.Ending.REISSUED)
        registration = Registration.objects.create(
            number=_unused_number(), resident_id=resident_id, application=application, issued_at=now,
            expires_at=now + timedelta(days=settings.ACTIVATION_DAYS),
        )
        ref = (application.gateway_ref or "") if accepted and application is not None else ""
        PendingPush.of(messages.NumberIssuedBody(number=registration.number,
                                                 expires_at=registration.expires_at.isoformat(), ref=ref)).save()
        audit.record("enrollment.number_issued", actor=actor, target=f"resident:{resident_id}",
                     detail={"registration": registration.pk})
        return registration


def void(registration: Registration, ending: str) -> None:
    registration.status = Registration.Status.VOID
    registration.ending = ending
    registration.ended_at = timezone.now()
    registration.save(update_fields=["status", "ending", "ended_at"])
    PendingPush.of(messages.NumberVoidedBody(number=registration.number, reason=ending)).save()


def _review(application: Application, actor, **fields) -> Application:
    """Record a decision on a pending application (locked, so two staff cannot decide at once)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.PENDING:
        raise EnrollmentError("this application has already been reviewed")
    for name, value in fields.items():
        setattr(application, name, value)
    application.reviewed_by, application.reviewed_at = actor, timezone.now()
    application.save(update_fields=[*fields, "reviewed_by", "reviewed_at"])
    return application


def accept(application: Application, resident_id: str, actor) -> Registration:
    with transaction.atomic():
        application = _review(application, actor, status=Application.Status.ACCEPTED, resident_id=resident_id)
        audit.record("enrollment.accept", actor=actor, target=f"resident:{resident_id}",
                     detail={"application": application.pk})
        return issue_number(resident_id, application, actor, accepted=True)


def request_override(application: Application, resident_id: str, reason: str, actor) -> AcceptOverride:
    """Ask to accept the application for a person the console did not propose. It waits for a second
    registrar (confirm_override); an earlier request on the same application is replaced."""
    reason = reason.strip()[:500]
    if not reason:
        raise EnrollmentError("an override needs a reason")
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status != Application.Status.PENDING:
            raise EnrollmentError("this application has already been reviewed")
        AcceptOverride.objects.pending_for(application).delete()
        override = AcceptOverride.objects.create(application=application, resident_id=resident_id, reason=reason,
                                                 requested_by=actor)
        audit.record("enrollment.override_requested", actor=actor, target=f"application:{application.pk}",
                     detail={"override": override.pk, "resident_id": resident_id, "reason": reason})
        return override


class SamePerson(EnrollmentError):
    """The registrar who asked for an override cannot confirm it."""


def confirm_override(override: AcceptOverride, actor) -> Registration:
    """A second registrar confirms an override: the application is accepted for its person."""
    with transaction.atomic():
        override = AcceptOverride.objects.select_for_update().get(pk=override.pk)
        if override.confirmed_at is not None:
            raise EnrollmentError("this override has already been confirmed")
        if override.requested_by_id == actor.pk:
            raise SamePerson("an override is confirmed by a registrar other than the one who asked")
        override.confirmed_by, override.confirmed_at = actor, timezone.now()
        override.save(update_fields=["confirmed_by", "confirmed_at"])
        audit.record("enrollment.override_confirmed", actor=actor, target=f"application:{override.application_id}",
                     detail={"override": override.pk, "resident_id": override.resident_id,
                             "requested_by": override.requested_by.get_username()})
        return accept(override.application, override.resident_id, actor)


def reject(application: Application, reason: str, actor) -> bool:
    """Reject a pending application. An application that came through the gateway is told to the
    applicant there (by email, when they gave an address); returns whether the gateway was asked to."""
    with transaction.atomic():
        application = _review(application, actor, status=Application.Status.REJECTED, reject_reason=reason)
        told = bool(application.gateway_ref)
        if told:
            PendingPush.of(messages.ApplicationRejectedBody(
                ref=application.gateway_ref, reason=reason, channel=application.channel,
                email=application.email, language=application.language or "ja")).save()
        audit.record("enrollment.reject", actor=actor, target=f"application:{application.pk}",
                     detail={"reason": reason, "applicant_told": told and bool(application.email)})
        return told


def record_contact(application: Application, note: str, actor) -> None:
    """A registrar contacted the applicant (by phone or email, outside the service): kept in the audit
    log with the note, which the application page shows."""
    audit.record("enrollment.applicant_contacted", actor=actor, target=f"application:{application.pk}",
                 detail={"note": note.strip()[:500]})


def stop_registrations_of_former_residents(con, actor=None) -> int:
    """After an import: registrations of persons who moved out or died stop (with reason and date)."""
    live = Registration.objects.exclude(status__in=[Registration.Status.VOID, Registration.Status.INACTIVE])
    by_resident = {}
    for registration in live.only("id", "resident_id", "number", "status"):
        by_resident.setdefault(registration.resident_id, []).append(registration)
    if not by_resident:
        return 0
    rows = con.execute(
        "SELECT resident_id, removed_reason FROM persons WHERE NOT is_current AND list_contains(?, resident_id)",
        [list(by_resident)],
    ).fetchall()
    stopped = 0
    for resident_id, reason in rows:
        ending = Registration.Ending.DIED if reason == "死亡" else Registration.Ending.MOVED_OUT
        for registration in by_resident[resident_id]:
            stop(registration, ending, actor)
            stopped += 1
    return stopped


def stop(registration: Registration, ending: str, actor=None) -> None:
    with transaction.atomic():
        if registration.status == Registration.Status.ISSUED:
            void(registration, ending)
        else:
            registration.status = Registration.Status.INACTIVE
            registration.ending, registration.ended_at = ending, timezone.now()
            registration.save(update_fields=["status", "ending", "ended_at"])
            PendingPush.of(messages.RegistrationStoppedBody(number=registration.number, ending=ending)).save()
        audit.record("enrollment.stop", actor=actor, target=f"resident:{registration.resident_id}",
                     detail={"registration": registration.pk, "ending": ending})


def reissue(registration: Registration, actor) -> Registration:
    """A new number for the same resident (lost postcard, expired number); the old one stops working."""
    if registration.status not in (Registration.Status.ISSUED, Registration.Status.VOID):
        raise EnrollmentError("only numbers that are not in use can be re-issued")
    return issue_number(registration.resident_id, registration.application, actor)


def expire_unactivated(now=None) -> int:
    """Numbers not activated within the activation period are voided (in both zones)."""
    now = now or timezone.now()
    expired = list(Registration.objects.filter(status=Registration.Status.ISSUED, expires_at__lt=now))
    with transaction.atomic():
        for registration in expired:
            void(registration, Registration.Ending.EXPIRED)
    return len(expired)
