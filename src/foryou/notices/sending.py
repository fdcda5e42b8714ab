"""Sending notices (console side): schedule a send order, cancel it until it starts, and start it:
run the targeting at that moment, freeze the recipients (registration numbers) and hand the order to
the gateway as signed bridge messages, which it applies once each.

    order = schedule(notice, by=user)                   # now (started by the next start_due())
    order = schedule(notice, by=user, at=when)          # at a set time (Asia/Tokyo in the UI)
    start_due()                                         # the console scheduler calls this every few seconds
    test_send(notice, by=user, device_ref=ref)          # the latest version to the user's own test device
"""

import json
import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from foryou.audit import services as audit
from foryou.shared.bridge import messages
from foryou.bridge.models import PendingPush
from foryou.enrollment.models import Registration
from foryou.notices import translations
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
             broadcast: bool | None = None, kind: str | None = None) -> SendOrder:
    """broadcast: None sends to the approved audience; True or False must be what was approved."""
    version = notice.sendable
    if version is None:
        raise SendRefused("not_approved")
    _check_sender(notice, by)
    if broadcast is None:
        broadcast = version.broadcast
    if not broadcast and not notice.program_code:
        raise SendRefused("broadcast_only")
    if broadcast and not version.broadcast:
        raise SendRefused("broadcast_not_approved")
    if not broadcast and version.broadcast:
        raise SendRefused("approved_as_broadcast")
    if not broadcast and version.conditions is None:
        raise SendRefused("not_pinned")
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
    if order.kind == SendOrder.Kind.HOLDOUT:  # they were held out on the promise of being told (decision 0026)
        raise SendRefused("holdout_send_kept")
    with transaction.atomic():
        changed = SendOrder.objects.filter(pk=order.pk, status=SendOrder.Status.SCHEDULED).update(
            status=SendOrder.Status.CANCELLED, cancelled_by=by, cancelled_at=timezone.now())
        if not changed:
            raise SendRefused("already_started")
        audit.record("notices.cancel", actor=by, target=f"notice:{order.notice_id}", detail={"order": str(order.pk)})
    order.refresh_from_db()


def active_registrants(excluding_topic: str = ""):
    """Registrants a notice is sent to: active, not paused by the resident (配信停止), and — for a notice on
    a topic — not among those who turned that topic off on the settings page."""
    receiving = Registration.objects.receiving()
    for number, resident_id, tax, topics_off in receiving.values_list("number", "resident_id", "tax_consent",
                                                                      "topics_off"):
        if excluding_topic and excluding_topic in (topics_off or ()):
            continue
        yield Registrant(number, resident_id, True, frozenset({TAX_CONSENT}) if tax else frozenset())


def active_numbers(excluding_topic: str = "") -> list[str]:
    """The registration numbers of active_registrants, for a broadcast (which needs nothing else): the
    topics turned off are read as text and decoded only where some are, not a JSON list per registrant."""
    # Unordered: the freeze sorts the numbers; the model's ordering (issued_at) made SQLite sort a million rows
    # in a temporary b-tree first (0.9 against 0.5 s CPU; decision 0094).
    rows = Registration.objects.receiving().order_by().annotate(off=Cast("topics_off", TextField())).values_list(
        "number", "off")
    return [number for number, off in rows
            if not (excluding_topic and off and off != "[]" and excluding_topic in (json.loads(off) or ()))]


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

    if _unpinned(order):
        return False
    with transaction.atomic():
        if not SendOrder.objects.filter(pk=order.pk, status=SendOrder.Status.SCHEDULED).update(
                status=SendOrder.Status.SENDING, started_at=timezone.now()):
            return False
        order.refresh_from_db()
        frozen = freezing.freeze(order, target_ids)
        order.as_of, order.snapshot, order.targeted = frozen.as_of, frozen.snapshot, frozen.targeted
        by_wording = {"": frozen.numbers}
        if order.version.is_experiment and order.kind not in (SendOrder.Kind.TEST, SendOrder.Kind.HOLDOUT):
            from foryou.effect.services import start_experiment

            by_wording = start_experiment(order, frozen.numbers, day=frozen.as_of or today_in_tokyo())
        # One content per order (the send.order body carries one): each wording, then each language version
        # of it, is an order of its own with the recipients who get it (docs/decisions/0027, 0055). The order
        # booked carries the first group that has recipients (the first group if none has).
        groups = [(("" if label in ("", "A") else label), language, chosen, asked)
                  for label, numbers in by_wording.items()
                  for language, (chosen, asked) in translations.by_language(order.version, numbers).items()]
        booked = next((g for g in groups if g[2]), groups[0])
        for group in [booked] + [g for g in groups if g is not booked and g[2]]:
            variant, language, chosen, asked = group
            if group is booked:
                order.variant, order.language, order.languages = variant, language, asked
                _hand_over(order, chosen)
            else:
                _hand_over(SendOrder.objects.create(
                    notice=order.notice, version=order.version, kind=order.kind,
                    status=SendOrder.Status.SENDING, urgent=order.urgent, tracked=order.tracked,
                    scheduled_for=order.scheduled_for, started_at=order.started_at, created_by=order.created_by,
                    as_of=order.as_of, snapshot=order.snapshot, targeted=order.targeted, variant=variant,
                    language=language, languages=asked), chosen)
    return True


def _hand_over(order: SendOrder, numbers: list[str]) -> None:
    """Freeze these recipients as the order's chunks and queue the order and its chunks for the gateway."""
    order.recipients = len(numbers)
    order.save(update_fields=["as_of", "snapshot", "targeted", "recipients", "variant", "language", "languages"])
    chunks = [numbers[i:i + CHUNK] for i in range(0, len(numbers), CHUNK)]
    SendChunk.objects.bulk_create([SendChunk(order=order, index=i, numbers=c) for i, c in enumerate(chunks)])
    PendingPush.of(order_message(order, len(chunks))).save()
    PendingPush.objects.bulk_create([
        PendingPush.of(messages.SendRecipientsBody(order_id=str(order.pk), index=i, numbers=tuple(c)))
        for i, c in enumerate(chunks)])
    audit.record("notices.start", actor=order.created_by, target=f"notice:{order.notice_id}",
                 detail={"order": str(order.pk), "targeted": order.targeted, "recipients": order.recipients,
                         "snapshot": order.snapshot, "variant": order.variant, "language": order.language,
                         "languages": order.languages})


def _unpinned(order: SendOrder) -> bool:
    """A program send booked before approvals pinned conditions: its audience was never approved, so it is
    cancelled (audited) instead of started, and the scheduler goes on with the others."""
    version = order.version
    if order.kind == SendOrder.Kind.BROADCAST or version.broadcast or version.conditions is not None:
        return False
    if SendOrder.objects.filter(pk=order.pk, status=SendOrder.Status.SCHEDULED).update(
            status=SendOrder.Status.CANCELLED, cancelled_at=timezone.now()):
        audit.record("notices.cancel", actor=None, target=f"notice:{order.notice_id}",
                     detail={"order": str(order.pk), "reason": "not_pinned"})
        log.warning("send order %s cancelled: its version was approved before approvals pinned conditions", order.pk)
    return True


def estimate(notice: Notice, *, broadcast: bool = False, version=None) -> tuple[int, int]:
    """(target persons, recipients) if the notice were sent now: the same freezing, nothing saved. A
    program notice counts with the conditions its approved version pinned (before approval: the
    conditions in effect, which approving would pin)."""
    from foryou.notices import freezing

    version = version or notice.sendable
    kind = SendOrder.Kind.BROADCAST if broadcast or not notice.program_code else SendOrder.Kind.NOW
    order = SendOrder(notice=notice, version=version, kind=kind)
    frozen = freezing.freeze(order)
    return _targets_shown(order, frozen), len(frozen.numbers)


def _targets_shown(order: SendOrder, frozen) -> int:
    """The target persons an estimate may show. Conditions that read tax data are counted among the
    registrants who consented to its use only, as the editor counts them (programs/live.py): a count of
    everyone would read the tax data of residents who never consented. The caller suppresses it."""
    if order.kind == SendOrder.Kind.BROADCAST:
        return frozen.targeted
    from foryou.notices import freezing
    from foryou.programs import live

    conditions = freezing._program_of(order).conditions
    return live.count(conditions, frozen.as_of) if live.reads_tax(conditions) else frozen.targeted


def test_title(title: str) -> str:
    """A test send's title, marked in both the LINE and the email rendering (「【テスト送信】…」)."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override(settings.LANGUAGE_CODE):
        prefix = gettext("[Test send] ")
    return title if title.startswith(prefix) else prefix + title


def test_send(notice: Notice, *, by, device_ref: str, variant: str = "", language: str = "") -> SendOrder:
    """The latest version (approved or not) to one of the sender's own linked test devices, at once
    (urgent), marked as a test in its title. Never to a registration number: the gateway delivers it
    to the device's LINE user or work address, which only it knows. Its own notice_ref keeps it from
    counting as the notice reaching anyone; statistics leave it out."""
    from foryou.accounts import access
    from foryou.accounts.test_devices import DeviceRefused, linked_device

    if not (access.can_edit(by, notice.department) or access.can_approve(by, notice.department)):
        raise SendRefused("cannot_test")
    try:
        device = linked_device(by, device_ref)
    except DeviceRefused:
        raise SendRefused("no_test_device") from None
    labels = [label for label, _t, _b in notice.latest.wordings()]
    variant = "" if variant in ("", "A") or variant not in labels else variant  # one of its wordings (B, C)
    language = language if language in translations.available(notice.latest) else "ja"  # one of its versions
    now = timezone.now()
    with transaction.atomic():
        order = SendOrder.objects.create(
            notice=notice, version=notice.latest, kind=SendOrder.Kind.TEST, status=SendOrder.Status.SENDING,
            urgent=True, scheduled_for=now, started_at=now, created_by=by, recipients=1, test_device=device,
            variant=variant, language=language)
        PendingPush.of(order_message(order, 0)).save()
        audit.record("notices.test_send", actor=by, target=f"notice:{notice.pk}",
                     detail={"order": str(order.pk), "version": order.version.number,
                             "device": device.device_ref, "channel": device.channel, "variant": variant,
                             "language": language})
    return order


def honoured_topic(order: SendOrder) -> str:
    from foryou.notices.freezing import honoured_topic as topic_of

    return topic_of(order)


def order_message(order: SendOrder, chunks: int) -> messages.SendOrderBody:
    from dataclasses import replace

    from foryou.notices.services import content_of, program_for_labels, program_name_of, wording_of

    v = order.version
    wording = wording_of(v)
    if order.variant:  # a wording variant: its own title and body, the version's contact and links
        title, body = next(((t, b) for label, t, b in v.wordings() if label == order.variant), (v.title, v.body))
        wording = replace(wording, title=title, body=body)
    program = program_for_labels(order.notice)
    language = order.language if order.language in translations.available(v) else "ja"
    wording = translations.wording_in(wording, v.translations, language, program)
    name = translations.program_name(program, language) if program is not None else program_name_of(order.notice, language)
    content = content_of(name, wording, language=language)
    test = order.kind == SendOrder.Kind.TEST
    if test:
        content = replace(content, title=test_title(content.title))
    if order.kind == SendOrder.Kind.WELCOME:
        from foryou.notices.welcome import content_for

        content = content_for(order, content)
    # A test send (and each welcome digest) is its own notice as far as the gateway's once-per-notice rule goes.
    ref = f"test:{order.pk}" if test else f"welcome:{order.pk}" if order.kind == SendOrder.Kind.WELCOME \
        else f"notice:{order.notice_id}"
    body = messages.NoticeContentBody.of(content)
    if order.notice.program_code:  # a program with a form: its form first, then the 申請する button
        from foryou.casework.forms_push import apply_program_for

        body = replace(body, apply_program=apply_program_for(order.notice.program_code))
    return messages.SendOrderBody(
        order_id=str(order.pk), notice_ref=ref, kind=order.kind, content=body,
        urgent=order.urgent, tracked=order.tracked, total=order.recipients, chunks=chunks,
        test_device=order.test_device.device_ref if test and order.test_device_id else "",
        topic="" if test else honoured_topic(order))


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
