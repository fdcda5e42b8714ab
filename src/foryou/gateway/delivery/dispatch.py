"""Dispatch: a worker claims a lot of work, sends it, and records what each recipient's channel said.

A lot is either new deliveries of one order (claimed with a conditional update, `SKIP LOCKED` on
PostgreSQL, and grouped into batches: multicasts of ≤ 500 when everyone gets the same text, one push
each with tracked links) or batches due again (deferred, or leased by a worker that died). A batch's
retry key is committed before its first attempt, so repeating it after a crash is answered 409 by LINE
for what was already accepted: one copy per recipient. Final statuses are never overwritten: every
update is conditioned on the status it expects.
"""

import logging
import os
import socket
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from foryou.gateway.delivery import content, progress, ratelimit, window
from foryou.gateway.delivery.fallback import FALLS_BACK, fall_back
from foryou.gateway.delivery.models import ChannelState, Delivery, DeliveryBatch, DeliveryOrder
from foryou.gateway.line import config as line_config
from foryou.gateway.line.sending import Outcome, Result, Send
from foryou.gateway.models import Subscriber

log = logging.getLogger(__name__)
DB = "gateway"
LINE, EMAIL = Delivery.Channel.LINE, Delivery.Channel.EMAIL
MULTICAST = 500
LOT_RECIPIENTS = 10_000  # new LINE deliveries per lot (20 multicasts)
LOT_PUSHES = 200  # tracked (personalised) pushes per lot
LOT_RETRIES = 50  # batches due again per lot
LOT_EMAILS = 100
S = Delivery.Status


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class Lot:
    channel: str
    batches: list[DeliveryBatch] = field(default_factory=list)
    orders: set[int] = field(default_factory=set)


@dataclass
class Summary:
    lots: int = 0
    requests: int = 0
    outcomes: dict = field(default_factory=dict)

    def add(self, results: list[Result]) -> None:
        self.requests += 1
        for r in results:
            self.outcomes[r.code] = self.outcomes.get(r.code, 0) + 1


def halted(channel: str) -> ChannelState | None:
    return ChannelState.objects.using(DB).filter(channel=channel).exclude(halted="").first()


def halt(channel: str, code: str, detail: str) -> None:
    ChannelState.objects.using(DB).update_or_create(
        channel=channel, defaults={"halted": code, "detail": detail[:300], "since": timezone.now()})
    log.error("%s channel halted for every worker (%s): %s", channel, code, detail)


def resume(channel: str) -> bool:
    return bool(ChannelState.objects.using(DB).filter(channel=channel).exclude(halted="").update(halted="", detail=""))


def _locked(qs):
    """Rows no other worker holds: SKIP LOCKED on PostgreSQL; SQLite serialises writers anyway."""
    return qs.select_for_update(skip_locked=True, of=("self",))


def lease_until():
    return timezone.now() + timedelta(seconds=settings.DELIVERY_LEASE_SECONDS)


# Claiming -------------------------------------------------------------------------------------------

def claim_retries(channel: str, worker: str) -> Lot | None:
    now = timezone.now()
    due = DeliveryBatch.objects.using(DB).filter(channel=channel).filter(
        Q(status=DeliveryBatch.Status.DEFERRED, next_attempt_at__lte=now)
        | Q(status=DeliveryBatch.Status.SENDING, lease_until__lt=now))
    state = halted(channel) if channel == LINE else None
    if state is not None and state.halted != "monthly_limit":
        return None  # a rejected token: these wait, keys and all, until staff resume the channel
    with transaction.atomic(using=DB):
        ids = list(_locked(due).order_by("id").values_list("id", flat=True)[:LOT_RETRIES])
        if not ids:
            return None
        if state is not None:  # the monthly limit: these go by email instead
            delivery_ids = list(Delivery.objects.using(DB).filter(batch_id__in=ids).exclude(
                status__in=Delivery.FINAL).values_list("id", flat=True))
            fall_back(delivery_ids, "monthly_limit", state.detail)
            orders = set(DeliveryBatch.objects.using(DB).filter(pk__in=ids).values_list("order_id", flat=True))
            DeliveryBatch.objects.using(DB).filter(pk__in=ids).update(status=DeliveryBatch.Status.DONE)
            return Lot(channel, [], orders)
        DeliveryBatch.objects.using(DB).filter(pk__in=ids).update(
            status=DeliveryBatch.Status.SENDING, worker=worker, lease_until=lease_until())
        Delivery.objects.using(DB).filter(batch_id__in=ids).exclude(status__in=Delivery.FINAL).update(
            status=S.SENDING, attempts=F("attempts") + 1)
        batches = list(DeliveryBatch.objects.using(DB).filter(pk__in=ids).select_related("order"))
    return Lot(channel, batches, {b.order_id for b in batches})


def _next_order(channel: str, now) -> DeliveryOrder | None:
    order_id = Delivery.objects.using(DB).due(now, channel).order_by("order_id").values_list(
        "order_id", flat=True).first()
    return DeliveryOrder.objects.using(DB).get(pk=order_id) if order_id else None


def hold_for_window(order: DeliveryOrder, channel: str, now) -> int:
    opening = window.next_open(now)
    return Delivery.objects.using(DB).due(now, channel).filter(order=order).update(
        status=S.DEFERRED, reason="window", not_before=opening)


def claim_new(channel: str, worker: str) -> Lot | None:
    """New deliveries of the first order with due work, grouped into batches with stored retry keys.
    Returns an empty Lot when it only rearranged work (held for the window, fell back, failed)."""
    now = timezone.now()
    with transaction.atomic(using=DB):
        order = _next_order(channel, now)
        if order is None:
            return None
        lot = Lot(channel, orders={order.pk})
        if not order.urgent and not window.is_open(now):
            hold_for_window(order, channel, now)
            return lot
        if channel == LINE and (state := halted(LINE)) is not None:
            return _without_line(order, now, state, lot)
        size = LOT_EMAILS if channel == EMAIL else LOT_PUSHES if order.tracked else LOT_RECIPIENTS
        rows = list(_locked(Delivery.objects.using(DB).due(now, channel).filter(order=order)).order_by("id")
                    .values_list("id", "subscriber_id", "attempts")[:size])
        if not rows:
            return lot
        subscribers = {s["id"]: s for s in Subscriber.objects.using(DB).filter(
            pk__in={sid for _, sid, _ in rows}).values("id", "status", "line_user_id", "line_reachable", "email")}
        sendable, stopped, unlinked = [], [], []
        for delivery_id, subscriber_id, _ in rows:
            sub = subscribers[subscriber_id]
            address = sub["line_user_id"] if channel == LINE else sub["email"]
            if sub["status"] != Subscriber.Status.ACTIVE:
                stopped.append(delivery_id)
            elif not address or (channel == LINE and not sub["line_reachable"]):
                unlinked.append(delivery_id)
            else:
                sendable.append([delivery_id, address])
        if stopped:
            Delivery.objects.using(DB).filter(pk__in=stopped, status__in=Delivery.WAITING).update(
                status=S.FAILED_PERMANENT, reason="stopped", final_at=now)
        if unlinked:
            if channel == LINE:
                fall_back(unlinked, "unfollowed")
            else:
                Delivery.objects.using(DB).filter(pk__in=unlinked, status__in=Delivery.WAITING).update(
                    status=S.FAILED_PERMANENT, reason="no_address", final_at=now)
        per_batch = 1 if order.tracked else LOT_EMAILS if channel == EMAIL else MULTICAST
        groups = [sendable[i:i + per_batch] for i in range(0, len(sendable), per_batch)]
        lease = lease_until()
        lot.batches = DeliveryBatch.objects.using(DB).bulk_create([
            DeliveryBatch(order=order, channel=channel, recipients=group, worker=worker, lease_until=lease,
                          first_tried_at=now)
            for group in groups])
        if any(b.pk is None for b in lot.batches):  # backends without RETURNING on bulk inserts
            keys = [b.retry_key for b in lot.batches]
            lot.batches = list(DeliveryBatch.objects.using(DB).filter(retry_key__in=keys).order_by("id"))
        for batch in lot.batches:
            batch.order = order
        if per_batch == 1:  # one statement for a lot of pushes rather than one per push
            attempts = dict((d, a) for d, _, a in rows)
            Delivery.objects.using(DB).bulk_update(
                [Delivery(pk=b.recipients[0][0], batch_id=b.pk, status=S.SENDING,
                          attempts=attempts[b.recipients[0][0]] + 1) for b in lot.batches],
                ["batch", "status", "attempts"], batch_size=500)
        else:
            for batch in lot.batches:
                Delivery.objects.using(DB).filter(pk__in=[d for d, _ in batch.recipients]).update(
                    batch=batch, status=S.SENDING, attempts=F("attempts") + 1)
    return lot


def _without_line(order, now, state: ChannelState, lot: Lot) -> Lot:
    """LINE is halted for everyone: after a monthly limit, fall back to email; after a rejected token,
    hold deliveries until staff resume the channel."""
    ids = list(_locked(Delivery.objects.using(DB).due(now, LINE).filter(order=order)).values_list(
        "id", flat=True)[:LOT_RECIPIENTS])
    if state.halted == "monthly_limit":
        fall_back(ids, "monthly_limit", state.detail)
    else:
        Delivery.objects.using(DB).filter(pk__in=ids).update(
            status=S.DEFERRED, reason=state.halted, not_before=now + timedelta(minutes=5))
    return lot
