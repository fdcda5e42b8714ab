"""Send orders arriving from the console: the order, then its recipients in numbered chunks. Each chunk
becomes one delivery per recipient on the channel that can reach them now (LINE if linked and
reachable, else a confirmed email). Applying a chunk twice adds nothing: the bridge applies each
message id once, and a subscriber has at most one delivery of a notice per channel (a constraint)."""

import uuid

from django.db import transaction
from django.utils import timezone

from foryou.gateway.delivery import window
from foryou.gateway.delivery.models import Delivery, DeliveryOrder
from foryou.gateway.models import Subscriber

DB = "gateway"
LOOKUP = 900  # numbers per IN (…): within every SQLite build's variable limit


class UnknownOrder(ValueError):
    pass


def receive_order(body: dict) -> DeliveryOrder:
    order, _ = DeliveryOrder.objects.using(DB).get_or_create(
        order_id=uuid.UUID(body["order_id"]),
        defaults={"notice_ref": body["notice_ref"], "kind": body["kind"], "content": body["content"],
                  "urgent": bool(body["urgent"]), "tracked": bool(body["tracked"]),
                  "expected": int(body["total"]), "chunks": int(body["chunks"])})
    if order.chunks == 0:
        _opened(order)
    return order


def channel_for(subscriber_row: dict) -> str | None:
    if subscriber_row["status"] != Subscriber.Status.ACTIVE:
        return None
    if subscriber_row["line_user_id"] and subscriber_row["line_reachable"]:
        return Delivery.Channel.LINE
    if subscriber_row["email"] and subscriber_row["email_confirmed_at"]:
        return Delivery.Channel.EMAIL
    return None


@transaction.atomic(using=DB)
def receive_recipients(body: dict) -> int:
    """Deliveries for one chunk of registration numbers; returns how many were created."""
    order = DeliveryOrder.objects.using(DB).select_for_update().filter(order_id=uuid.UUID(body["order_id"])).first()
    if order is None:
        raise UnknownOrder(f"send.recipients for unknown order {body['order_id']}: the send.order must come first")
    index = int(body["index"])
    if index in order.chunks_received:
        return 0
    numbers = list(dict.fromkeys(body["numbers"]))
    now = timezone.now()
    hold_until = None if order.urgent else window.next_open(now)
    held = hold_until is not None and hold_until > now
    rows = []
    for start in range(0, len(numbers), LOOKUP):
        rows += Subscriber.objects.using(DB).filter(number__in=numbers[start:start + LOOKUP]).values(
            "id", "status", "line_user_id", "line_reachable", "email", "email_confirmed_at")
    known = set()
    ids = [row["id"] for row in rows]
    for start in range(0, len(ids), LOOKUP):  # already told this notice by another order of it
        known.update(Delivery.objects.using(DB).filter(
            notice_ref=order.notice_ref, subscriber_id__in=ids[start:start + LOOKUP]).values_list("subscriber_id", flat=True))
    deliveries = []
    for row in rows:
        channel = channel_for(row)
        if channel is None or row["id"] in known:
            continue
        deliveries.append(Delivery(
            order=order, notice_ref=order.notice_ref, subscriber_id=row["id"], channel=channel,
            status=Delivery.Status.DEFERRED if held else Delivery.Status.QUEUED,
            reason="window" if held else "", not_before=hold_until if held else None, created_at=now))
    Delivery.objects.using(DB).bulk_create(deliveries, batch_size=2000, ignore_conflicts=True)
    order.chunks_received = sorted({*order.chunks_received, index})
    order.not_deliverable += len(numbers) - len(deliveries)
    order.save(update_fields=["chunks_received", "not_deliverable"])
    if len(order.chunks_received) >= order.chunks:
        _opened(order)
    return len(deliveries)


def _opened(order: DeliveryOrder) -> None:
    from foryou.gateway.delivery import progress, workers

    DeliveryOrder.objects.using(DB).filter(pk=order.pk, status=DeliveryOrder.Status.RECEIVING).update(
        status=DeliveryOrder.Status.OPEN)
    transaction.on_commit(lambda: progress.report(order.pk, force=True), using=DB)
    transaction.on_commit(workers.kick, using=DB)
