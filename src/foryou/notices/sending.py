"""Sending notices (console side): schedule a send order, cancel it until it starts, and start it:
run the targeting at that moment, freeze the recipients (registration numbers) and hand the order to
the gateway as signed bridge messages, which it applies once each.

    order = schedule(notice, by=user)                   # now (started by the next start_due())
    order = schedule(notice, by=user, at=when)          # at a set time (Asia/Tokyo in the UI)
    start_due()                                         # the console scheduler calls this every few seconds
    test_send(notice, by=user)                          # the latest version to the user's own number
"""

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from foryou.audit import services as audit
from foryou.shared.bridge import messages
from foryou.bridge.models import PendingPush
from foryou.enrollment.models import Registration
from foryou.notices.errors import SendRefused
from foryou.notices.models import Notice, SendChunk, SendOrder
from foryou.rules.catalog import TAX_CONSENT
from foryou.rules.recipients import Registrant

log = logging.getLogger(__name__)
TOKYO = ZoneInfo("Asia/Tokyo")
CHUNK = 5000  # numbers per send.recipients message (about 100 KB)




def today_in_tokyo() -> date:
    return timezone.now().astimezone(TOKYO).date()


def _check_sender(notice: Notice, user) -> None:
    if user is None:
        return  # the system itself (trigger runs)
    from foryou.accounts import access

    if not access.can_edit(user, notice.department):
        raise SendRefused("not_editor")


def schedule(notice: Notice, *, by, at: datetime | None = None, urgent: bool = False, tracked: bool = False,
             broadcast: bool = False, kind: str | None = None) -> SendOrder:
    version = notice.sendable
    if version is None:
        raise SendRefused("not_approved")
    _check_sender(notice, by)
    if not broadcast and not notice.program_code:
        raise SendRefused("broadcast_only")
    now = timezone.now()
    if at is not None and timezone.is_naive(at):
        at = at.replace(tzinfo=TOKYO)
    kind = kind or (SendOrder.Kind.BROADCAST if broadcast else
                    SendOrder.Kind.SCHEDULED if at is not None and at > now else SendOrder.Kind.NOW)
    with transaction.atomic():
        order = SendOrder.objects.create(notice=notice, version=version, kind=kind, urgent=urgent, tracked=tracked,
                                         scheduled_for=at or now, created_by=by)
        audit.record("notices.schedule", actor=by, target=f"notice:{notice.pk}",
                     detail={"order": str(order.pk), "kind": kind, "at": order.scheduled_for.isoformat(),
                             "version": version.number, "urgent": urgent})
    return order


def cancel(order: SendOrder, *, by) -> None:
    _check_sender(order.notice, by)
    with transaction.atomic():
        changed = SendOrder.objects.filter(pk=order.pk, status=SendOrder.Status.SCHEDULED).update(
            status=SendOrder.Status.CANCELLED, cancelled_by=by, cancelled_at=timezone.now())
        if not changed:
            raise SendRefused("already_started")
        audit.record("notices.cancel", actor=by, target=f"notice:{order.notice_id}", detail={"order": str(order.pk)})
    order.refresh_from_db()


def active_registrants():
    """Registrants a notice is sent to: active, and not paused by the resident (配信停止)."""
    receiving = Registration.objects.receiving()
    for number, resident_id, tax in receiving.values_list("number", "resident_id", "tax_consent"):
        yield Registrant(number, resident_id, True, frozenset({TAX_CONSENT}) if tax else frozenset())


def start_due(now: datetime | None = None) -> list[SendOrder]:
    """Start every scheduled order whose time has come; each is claimed once (conditional update)."""
    started = []
    for order in SendOrder.objects.due(now or timezone.now()).order_by("scheduled_for"):
        try:
            if start(order):
                started.append(order)
        except Exception:
            log.exception("send order %s could not start", order.pk)
            raise
    return started


def start(order: SendOrder, target_ids: list[str] | None = None) -> bool:
    """Freeze the recipients and queue the order for the gateway. False if another process started it."""
    from foryou.notices import freezing

    with transaction.atomic():
        if not SendOrder.objects.filter(pk=order.pk, status=SendOrder.Status.SCHEDULED).update(
                status=SendOrder.Status.SENDING, started_at=timezone.now()):
            return False
        order.refresh_from_db()
        frozen = freezing.freeze(order, target_ids)
        order.as_of, order.snapshot = frozen.as_of, frozen.snapshot
        order.targeted, order.recipients = frozen.targeted, len(frozen.numbers)
        order.save(update_fields=["as_of", "snapshot", "targeted", "recipients"])
        chunks = [frozen.numbers[i:i + CHUNK] for i in range(0, len(frozen.numbers), CHUNK)]
        SendChunk.objects.bulk_create([SendChunk(order=order, index=i, numbers=c) for i, c in enumerate(chunks)])
        PendingPush.of(order_message(order, len(chunks))).save()
        PendingPush.objects.bulk_create([
            PendingPush.of(messages.SendRecipientsBody(order_id=str(order.pk), index=i, numbers=tuple(c)))
            for i, c in enumerate(chunks)])
        audit.record("notices.start", actor=order.created_by, target=f"notice:{order.notice_id}",
                     detail={"order": str(order.pk), "targeted": order.targeted, "recipients": order.recipients,
                             "snapshot": order.snapshot})
    return True


def estimate(notice: Notice, *, broadcast: bool = False) -> tuple[int, int]:
    """(target persons, recipients) if the notice were sent now: the same freezing, nothing saved."""
    from foryou.notices import freezing

    kind = SendOrder.Kind.BROADCAST if broadcast or not notice.program_code else SendOrder.Kind.NOW
    frozen = freezing.freeze(SendOrder(notice=notice, kind=kind))
    return frozen.targeted, len(frozen.numbers)


def test_number_of(user) -> str:
    from foryou.accounts.models import StaffSettings

    numbers = StaffSettings.objects.filter(user_id=user.pk).values_list("test_registration_number", flat=True)
    return numbers.first() or ""


def test_send(notice: Notice, *, by) -> SendOrder:
    """The latest version (approved or not) to the sender's own registration number, at once (urgent).
    Its own notice_ref keeps it from counting as the notice reaching them; statistics leave it out."""
    from foryou.accounts import access

    if not (access.can_edit(by, notice.department) or access.can_approve(by, notice.department)):
        raise SendRefused("cannot_test")
    number = test_number_of(by)
    if not number:
        raise SendRefused("no_test_number")
    if not Registration.objects.active().filter(number=number).exists():
        raise SendRefused("test_number_inactive")
    now = timezone.now()
    with transaction.atomic():
        order = SendOrder.objects.create(
            notice=notice, version=notice.latest, kind=SendOrder.Kind.TEST, status=SendOrder.Status.SENDING,
            urgent=True, scheduled_for=now, started_at=now, created_by=by, recipients=1)
        SendChunk.objects.create(order=order, index=0, numbers=[number])
        PendingPush.of(order_message(order, 1)).save()
        PendingPush.of(messages.SendRecipientsBody(order_id=str(order.pk), index=0, numbers=(number,))).save()
        audit.record("notices.test_send", actor=by, target=f"notice:{notice.pk}",
                     detail={"order": str(order.pk), "version": order.version.number})
    return order


def order_message(order: SendOrder, chunks: int) -> messages.SendOrderBody:
    from foryou.notices.services import content_of, program_name_of

    v = order.version
    content = content_of(program_name_of(order.notice), v)
    # A test send is its own notice as far as the gateway's once-per-notice rule goes.
    ref = f"test:{order.pk}" if order.kind == SendOrder.Kind.TEST else f"notice:{order.notice_id}"
    return messages.SendOrderBody(
        order_id=str(order.pk), notice_ref=ref, kind=order.kind, content=messages.NoticeContentBody.of(content),
        urgent=order.urgent, tracked=order.tracked, total=order.recipients, chunks=chunks)


def apply_progress(body: messages.DeliveryProgressBody) -> None:
    """A delivery.progress snapshot from the gateway; an older one than what we have is ignored."""
    at = datetime.fromisoformat(body.at)
    order = SendOrder.objects.filter(pk=body.order_id).first()
    if order is None or (order.progress_at and order.progress_at >= at):
        return
    order.progress = {"counts": body.counts, "reasons": body.reasons, "not_deliverable": body.not_deliverable,
                      "expected": body.expected, "clicks": body.clicks}
    order.progress_at = at
    fields = ["progress", "progress_at"]
    if body.finished and order.status != SendOrder.Status.FINISHED:
        order.status, order.finished_at = SendOrder.Status.FINISHED, at
        fields += ["status", "finished_at"]
    order.save(update_fields=fields)
