"""Dispatch: a worker claims a lot of work, sends it, and records what each recipient's channel said.

A lot is either new deliveries of one order (claimed with a conditional update, `SKIP LOCKED` on
PostgreSQL, and grouped into batches: multicasts of ≤ 500 when everyone gets the same text, one push
each with tracked links) or batches due again (deferred, or leased by a worker that died). A batch's
retry key is committed before its first attempt, so repeating it after a crash is answered 409 by LINE
for what was already accepted: one copy per recipient. Final statuses are never overwritten: every
update is conditioned on the status it expects.
"""

import json
import logging
import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from foryou.shared.delivery import Reason
from foryou.gateway.delivery import choices, window
from foryou.gateway.delivery.fallback import fall_back
from foryou.gateway.delivery.models import ChannelState, Delivery, DeliveryBatch, DeliveryOrder
from foryou.gateway.delivery.channel import Result, SameResults
from foryou.gateway.models import Subscriber
from foryou.gateway.db import DB

log = logging.getLogger(__name__)
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

    def add(self, results: list[Result], requests: int = 1) -> None:
        self.requests += requests
        if isinstance(results, SameResults):  # one answer for every recipient: counted, not iterated
            self.outcomes[results.answer.code] = self.outcomes.get(results.answer.code, 0) + len(results)
            return
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
    if state is not None and state.halted != Reason.MONTHLY_LIMIT:
        return None  # a rejected token: these wait, keys and all, until staff resume the channel
    with transaction.atomic(using=DB):
        ids = list(_locked(due).order_by("id").values_list("id", flat=True)[:LOT_RETRIES])
        if not ids:
            return None
        if state is not None:  # the monthly limit: these go by email instead
            delivery_ids = list(Delivery.objects.using(DB).filter(batch_id__in=ids).exclude(
                status__in=Delivery.FINAL).values_list("id", flat=True))
            fall_back(delivery_ids, Reason.MONTHLY_LIMIT, state.detail)
            orders = set(DeliveryBatch.objects.using(DB).filter(pk__in=ids).values_list("order_id", flat=True))
            DeliveryBatch.objects.using(DB).filter(pk__in=ids).update(status=DeliveryBatch.Status.DONE)
            return Lot(channel, [], orders)
        DeliveryBatch.objects.using(DB).filter(pk__in=ids).update(
            status=DeliveryBatch.Status.SENDING, worker=worker, lease_until=lease_until())
        Delivery.objects.using(DB).filter(batch_id__in=ids).exclude(status__in=Delivery.FINAL).update(
            status=S.SENDING, attempts=F("attempts") + 1)
        batches = list(DeliveryBatch.objects.using(DB).filter(pk__in=ids).select_related("order"))
        waiting = set(Delivery.objects.using(DB).filter(batch_id__in=ids, status=S.SENDING).values_list("id", flat=True))
    for batch in batches:  # pushes already accepted are not asked again (they would only get 409)
        if batch.pushes:
            batch.recipients = [r for r in batch.recipients if r[0] in waiting]
    batches = [b for b in batches if b.recipients]
    return Lot(channel, batches, {b.order_id for b in batches})


def _next_order(channel: str, now) -> DeliveryOrder | None:
    """The first unfinished order with a delivery due on this channel; each is asked through the
    delivery_progress index (order, status, channel): there is no index of due work across orders."""
    for order_id in DeliveryOrder.unfinished_ids(DB):
        if Delivery.objects.using(DB).due(now, channel).filter(order_id=order_id).exists():
            return DeliveryOrder.objects.using(DB).get(pk=order_id)
    return None


def hold_for_window(order: DeliveryOrder, channel: str, now) -> int:
    opening = window.next_open(now)
    return Delivery.objects.using(DB).due(now, channel).filter(order=order).update(
        status=S.DEFERRED, reason=Reason.WINDOW, not_before=opening)


def claim_new(channel: str, worker: str) -> Lot | None:
    """New deliveries of the first order with due work, grouped into batches with stored retry keys.
    Returns an empty Lot when it only rearranged work (held for the window, fell back, failed).

    The due deliveries are read first (with their subscribers, locked on PostgreSQL), the batches made,
    and each batch's deliveries claimed and linked to it in one UPDATE: every delivery row is written
    once to claim it and once to record it, the least exactly-once allows."""
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
        rows = _due_rows(order, channel, now, size)
        if not rows:
            return lot
        # Almost every row is plain (see DUE): sendable as it is. The others are read again in full.
        sendable = [[delivery_id, address] for delivery_id, address, plain in rows if plain]
        rows = _details([delivery_id for delivery_id, _, plain in rows if not plain])
        chosen = _sort_out(order, channel, now, rows) if rows else set()
        stopped, unlinked = [], []
        for delivery_id, status, line_user_id, reachable, email, paused, *_ in rows:
            address = line_user_id if channel == LINE else email
            if delivery_id in chosen:
                continue
            if status != Subscriber.Status.ACTIVE or paused:  # ended, or paused (配信停止)
                stopped.append(delivery_id)
            elif not address or (channel == LINE and not reachable):
                unlinked.append(delivery_id)
            else:
                sendable.append([delivery_id, address])
        if rows:
            sendable.sort()  # in id order, as they were read
        if stopped:
            Delivery.objects.using(DB).filter(pk__in=stopped).update(
                status=S.FAILED_PERMANENT, reason=Reason.STOPPED, final_at=now,
                attempts=F("attempts") + 1)
        if unlinked:
            Delivery.objects.using(DB).filter(pk__in=unlinked).update(attempts=F("attempts") + 1)
            if channel == LINE:
                fall_back(unlinked, Reason.UNFOLLOWED)
            else:
                Delivery.objects.using(DB).filter(pk__in=unlinked).update(
                    status=S.FAILED_PERMANENT, reason=Reason.NO_ADDRESS, final_at=now)
        # Tracked notices differ per person: one batch of single pushes, each with a retry key derived
        # from the batch's (push_key), so the lot costs one batch row rather than one per push.
        per_batch = LOT_EMAILS if channel == EMAIL else LOT_PUSHES if order.tracked else MULTICAST
        groups = [sendable[i:i + per_batch] for i in range(0, len(sendable), per_batch)]
        lease = lease_until()
        lot.batches = DeliveryBatch.objects.using(DB).bulk_create([
            DeliveryBatch(order=order, channel=channel, recipients=group, worker=worker, lease_until=lease,
                          first_tried_at=now, pushes=order.tracked and channel == LINE)
            for group in groups])
        if any(b.pk is None for b in lot.batches):  # backends without RETURNING on bulk inserts
            keys = [b.retry_key for b in lot.batches]
            lot.batches = list(DeliveryBatch.objects.using(DB).filter(retry_key__in=keys).order_by("id"))
        for batch in lot.batches:
            batch.order = order
            _take(batch)
    return lot


# A due delivery is "plain" when its subscriber is active, not paused, has this channel's address (and,
# for LINE, is reachable) and has none of the settings choices.sort_out reads: it is sent as it is. The
# condition only ever errs towards not plain (NULL is not plain): those rows are read in full (DETAILS)
# and decided as before. Reading three columns rather than nine halves the read of a lot (decision 0091).
DUE = """
SELECT d.id, {address}, s.status = %s AND s.paused_at IS NULL AND {address} <> '' AND {reachable}
       AND s.channel_choice = '' AND s.quiet_until IS NULL AND s.topics_off = {no_topics}
FROM gateway_delivery d JOIN gateway_subscriber s ON s.id = d.subscriber_id
WHERE d.order_id = %s AND d.channel = %s AND d.status IN ({waiting})
  AND d.batch_id IS NULL AND (d.not_before IS NULL OR d.not_before <= %s)
LIMIT %s {lock}
"""
DETAILS = """
SELECT d.id, s.status, s.line_user_id, s.line_reachable, s.email, s.paused_at IS NOT NULL,
       s.channel_choice, s.quiet_until, s.topics_off
FROM gateway_delivery d JOIN gateway_subscriber s ON s.id = d.subscriber_id
WHERE d.id IN ({ids})
"""


def _due_rows(order: DeliveryOrder, channel: str, now, size: int) -> list[tuple]:
    """Up to `size` due deliveries of the order as (id, address, plain), in id order; in one statement
    that passes no list of ids. PostgreSQL skips (and locks) rows another worker is claiming; SQLite
    serialises writers, so nothing else claims them before this transaction ends."""
    connection = connections[DB]
    with connection.cursor() as cursor:
        cursor.execute(due_sql(channel, connection.vendor), due_params(order.pk, channel, now, size))
        return sorted(cursor.fetchall())


def due_sql(channel: str, vendor: str) -> str:
    postgresql = vendor == "postgresql"
    return DUE.format(lock="FOR UPDATE OF d SKIP LOCKED" if postgresql else "",
                      waiting=", ".join(["%s"] * len(Delivery.WAITING)),
                      address="s.line_user_id" if channel == LINE else "s.email",
                      reachable="s.line_reachable" if channel == LINE else "1 = 1",
                      no_topics="'[]'::jsonb" if postgresql else "'[]'")


def due_params(order_pk: int, channel: str, now, size: int) -> list:
    return [Subscriber.Status.ACTIVE, order_pk, channel, *Delivery.WAITING,
            connections[DB].ops.adapt_datetimefield_value(now), size]


def _details(ids: list[int]) -> list[tuple]:
    """What decides the fate of these deliveries (the ones DUE did not find plain), in id order."""
    if not ids:
        return []
    where, param = _id_list(ids)
    with connections[DB].cursor() as cursor:
        cursor.execute(DETAILS.format(ids=where), [param])
        return sorted(cursor.fetchall())


def _id_list(ids: list[int]) -> tuple[str, object]:
    """A list of ids as one parameter: SQL selecting them, and the parameter."""
    if connections[DB].vendor == "postgresql":
        return "SELECT unnest(%s::bigint[])", ids
    return "SELECT value FROM json_each(%s)", json.dumps(ids)


def _sort_out(order: DeliveryOrder, channel: str, now, rows: list[tuple]) -> set[int]:
    """The registrants' settings (choices.sort_out) for the few deliveries whose subscriber has one that
    may apply (the same narrowing choices.sort_out makes in SQL: a channel chosen, a break, the topic
    turned off); they are marked with the claim token first, as sort_out expects."""
    today = timezone.localdate(now).isoformat()
    candidates = [row[0] for row in rows
                  if row[6] or (not order.urgent and row[7] is not None and str(row[7])[:10] >= today)
                  or (order.topic and _mentions(row[8], order.topic))]
    if not candidates:
        return set()
    token = uuid.uuid4().hex
    Delivery.objects.using(DB).filter(pk__in=candidates).update(claim=token)
    return choices.sort_out(order, channel, token, now).set_aside


def _mentions(topics_off, topic: str) -> bool:
    """Whether a subscriber's topics_off (JSON text on SQLite, a list on PostgreSQL) may name the topic."""
    if isinstance(topics_off, (list, tuple)):
        return topic in topics_off
    return f'"{topic}"'.lower() in str(topics_off or "").lower()


TAKE = """
UPDATE gateway_delivery SET status = %s, attempts = attempts + 1, batch_id = %s
WHERE id IN ({ids}) AND status IN ({waiting}) AND batch_id IS NULL
"""


def _take(batch: DeliveryBatch) -> None:
    """Claim the batch's deliveries and link them to it, in one statement (the batch is what ties them
    to the lot; the claim token only marks the few whose settings are sorted out). They were read in this
    transaction (and locked, on PostgreSQL), so every one of them is still due: anything else is a bug
    that must not send, hence the rollback."""
    connection = connections[DB]
    ids = [delivery_id for delivery_id, _ in batch.recipients]
    where, param = _id_list(ids)
    waiting = ", ".join(["%s"] * len(Delivery.WAITING))
    with connection.cursor() as cursor:
        cursor.execute(TAKE.format(ids=where, waiting=waiting), [S.SENDING, batch.pk, param, *Delivery.WAITING])
        if cursor.rowcount != len(ids):
            raise RuntimeError(f"claimed {cursor.rowcount} of the {len(ids)} deliveries read for a batch")


def _without_line(order, now, state: ChannelState, lot: Lot) -> Lot:
    """LINE is halted for everyone: after a monthly limit, fall back to email; after a rejected token,
    hold deliveries until staff resume the channel."""
    ids = list(_locked(Delivery.objects.using(DB).due(now, LINE).filter(order=order)).values_list(
        "id", flat=True)[:LOT_RECIPIENTS])
    if state.halted == Reason.MONTHLY_LIMIT:
        fall_back(ids, Reason.MONTHLY_LIMIT, state.detail)
    else:
        Delivery.objects.using(DB).filter(pk__in=ids).update(
            status=S.DEFERRED, reason=state.halted, not_before=now + timedelta(minutes=5))
    return lot
