"""Progress of each order, reported to the console as a `delivery.progress` snapshot (counts by status
and reason; the newest wins there): at most every 5 seconds while sending, and once when every
delivery is final, which also closes the order."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from foryou.shared.bridge import messages
from foryou.gateway.delivery.models import Delivery, DeliveryOrder
from foryou.gateway.models import OutboundEvent
from foryou.gateway.db import DB

EVERY = timedelta(seconds=5)  # counting a million deliveries takes a few hundred ms


def counts(order: DeliveryOrder) -> tuple[dict, dict, int]:
    by_status, by_reason = {}, {}
    rows = Delivery.objects.using(DB).filter(order=order).values("channel", "status", "reason").annotate(n=Count("id"))
    for row in rows:
        key = f"{row['channel']}:{row['status']}"
        by_status[key] = by_status.get(key, 0) + row["n"]
        if row["reason"] and row["status"] not in (Delivery.Status.ACCEPTED, Delivery.Status.SENT):
            by_reason[row["reason"]] = by_reason.get(row["reason"], 0) + row["n"]
    clicks = Delivery.objects.using(DB).filter(order=order, clicked_at__isnull=False).count() if order.tracked else 0
    return by_status, by_reason, clicks


def report(order_pk: int, force: bool = False) -> bool:
    """Queue a progress event for the console; returns whether one was queued."""
    now = timezone.now()
    with transaction.atomic(using=DB):
        order = DeliveryOrder.objects.using(DB).select_for_update().get(pk=order_pk)
        if order.status == DeliveryOrder.Status.FINISHED and not force:
            return False
        if not force and order.reported_at and now - order.reported_at < EVERY:
            return False
        by_status, by_reason, clicks = counts(order)
        waiting = sum(n for key, n in by_status.items() if key.split(":")[1] not in Delivery.FINAL)
        finished = order.status != DeliveryOrder.Status.RECEIVING and waiting == 0
        if finished and order.status != DeliveryOrder.Status.FINISHED:
            order.status, order.finished_at = DeliveryOrder.Status.FINISHED, now
        order.reported_at = now
        order.save(update_fields=["status", "finished_at", "reported_at"])
        OutboundEvent.of(messages.DeliveryProgressBody(
            order_id=str(order.order_id), counts=by_status, reasons=by_reason,
            not_deliverable=order.not_deliverable, expected=order.expected, clicks=clicks,
            finished=finished, at=now.isoformat())).save(using=DB)
    return True


def report_many(order_pks, force: bool = False) -> None:
    for pk in order_pks:
        report(pk, force=force)
