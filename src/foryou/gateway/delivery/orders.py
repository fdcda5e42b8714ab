"""Send orders arriving from the console: the order, then its recipients in numbered chunks. Each chunk
becomes one delivery per recipient on the channel that can reach them now (LINE if linked and
reachable, else a confirmed email), as the registrant chose on the settings page: email first for
"email", and a second delivery by email for "both". Topic and quiet period are checked when a batch is
claimed (claims.py), so a change made during the send applies to batches not yet claimed. Applying a chunk twice adds nothing: the bridge applies each
message id once, and a subscriber has at most one delivery of a notice per channel (a constraint)."""

import uuid

from django.db import connections, transaction
from django.utils import timezone

from foryou.shared.delivery import Reason
from foryou.shared.bridge import messages
from foryou.gateway import number_keys
from foryou.gateway.delivery import window
from foryou.gateway.delivery.models import Delivery, DeliveryOrder
from foryou.gateway.models import Subscriber
from foryou.gateway.db import DB

LOOKUP = 900  # numbers per IN (…): within every SQLite build's variable limit


class UnknownOrder(ValueError):
    pass


def receive_order(body: messages.SendOrderBody) -> DeliveryOrder | None:
    if body.test_device:  # a staff member's test send: to their own test device only, never to numbers
        from foryou.gateway.test_devices import receive_test_order

        receive_test_order(body)
        return None
    order, _ = DeliveryOrder.objects.using(DB).get_or_create(
        order_id=uuid.UUID(body.order_id),
        defaults={"notice_ref": body.notice_ref, "kind": body.kind, "content": body.content.to_dict(),
                  "urgent": bool(body.urgent), "tracked": bool(body.tracked), "topic": body.topic[:20],
                  "expected": int(body.total), "chunks": int(body.chunks)})
    if order.chunks == 0:
        _opened(order)
    return order


@transaction.atomic(using=DB)
def receive_recipients(body: messages.SendRecipientsBody) -> int:
    """Deliveries for one chunk of registration numbers; returns how many were created."""
    order = DeliveryOrder.objects.using(DB).select_for_update().filter(order_id=uuid.UUID(body.order_id)).first()
    if order is None:
        raise UnknownOrder(f"send.recipients for unknown order {body.order_id}: the send.order must come first")
    index = int(body.index)
    if index in order.chunks_received:
        return 0
    numbers = list(dict.fromkeys(body.numbers))
    now = timezone.now()
    hold_until = None if order.urgent else window.next_open(now)
    held = hold_until is not None and hold_until > now
    created = _insert_deliveries(order, numbers, now, hold_until if held else None)
    order.chunks_received = sorted({*order.chunks_received, index})
    order.not_deliverable += len(numbers) - created
    order.save(update_fields=["chunks_received", "not_deliverable"])
    if len(order.chunks_received) >= order.chunks:
        _opened(order)
    return created


INSERT = """
INSERT INTO gateway_delivery (order_id, notice_ref, subscriber_id, channel, status, reason, detail, not_before,
                              attempts, claim, created_at)
SELECT %s, %s, s.id,
       CASE WHEN s.channel_choice = 'email' AND s.email <> '' AND s.email_confirmed_at IS NOT NULL THEN %s
            WHEN s.line_user_id IS NOT NULL AND s.line_reachable THEN %s ELSE %s END,
       %s, %s, '', %s, 0, '', %s
FROM {numbers_from} s.status = %s AND s.paused_at IS NULL
  AND ((s.line_user_id IS NOT NULL AND s.line_reachable) OR (s.email <> '' AND s.email_confirmed_at IS NOT NULL))
  AND NOT EXISTS (SELECT 1 FROM gateway_delivery d WHERE d.notice_ref = %s AND d.subscriber_id = s.id)
ON CONFLICT DO NOTHING
"""
# "both": the same notice by email too, for those the first statement reached on LINE. The numbers are
# looked up in the partial index of those who chose "both" (few), not again among every subscriber
# (decision 0094).
INSERT_BOTH = """
INSERT INTO gateway_delivery (order_id, notice_ref, subscriber_id, channel, status, reason, detail, not_before,
                              attempts, claim, created_at)
SELECT %s, %s, s.id, %s, %s, %s, '', %s, 0, '', %s
FROM {numbers_from} s.status = %s AND s.paused_at IS NULL AND s.channel_choice = 'both'
  AND s.email <> '' AND s.email_confirmed_at IS NOT NULL
  AND EXISTS (SELECT 1 FROM gateway_delivery d WHERE d.notice_ref = %s AND d.subscriber_id = s.id AND d.channel = %s)
ON CONFLICT DO NOTHING
"""


def _insert_deliveries(order: DeliveryOrder, numbers: list[str], now, hold_until) -> int:
    """One INSERT … SELECT per chunk: the database picks each active subscriber's channel (LINE if linked
    and reachable, else a confirmed email) and skips anyone this notice already reached. In SQL because a
    million recipients through the ORM took minutes."""
    first, both = statements(order, number_keys.digests(numbers), now, hold_until)
    with connections[DB].cursor() as cursor:
        cursor.execute(*first)
        created = max(cursor.rowcount, 0)  # recipients reached: the second channel of "both" is not another one
        cursor.execute(*both)
    return created


def statements(order: DeliveryOrder, hashes: list[str], now, hold_until) -> tuple[tuple, tuple]:
    """(sql, params) of INSERT and INSERT_BOTH for a chunk's subscribers, found by the keyed hashes of their
    numbers. On SQLite both walk the chunk's list (json_each) into an index: the first into the unique
    number_hash, the second into the partial index of "both" (named: the planner would take the unique one)."""
    connection = connections[DB]
    if connection.vendor == "postgresql":
        numbers_param = hashes
        first_from = both_from = "gateway_subscriber s WHERE s.number_hash = ANY(%s) AND"
    else:
        # A JSON array written directly: hex digests need no escaping (a million per send).
        numbers_param = '["' + '","'.join(hashes) + '"]' if hashes else "[]"
        first_from = "json_each(%s) n CROSS JOIN gateway_subscriber s ON s.number_hash = n.value WHERE"
        both_from = (f"json_each(%s) n CROSS JOIN gateway_subscriber s INDEXED BY {Subscriber.CHOSE_BOTH_INDEX} "
                     "ON s.number_hash = n.value WHERE")
    status, reason = (Delivery.Status.DEFERRED, Reason.WINDOW) if hold_until else (Delivery.Status.QUEUED, "")
    adapt = connection.ops.adapt_datetimefield_value
    line, email = Delivery.Channel.LINE, Delivery.Channel.EMAIL
    return ((INSERT.format(numbers_from=first_from),
             [order.pk, order.notice_ref, email, line, email, status, reason, adapt(hold_until), adapt(now),
              numbers_param, Subscriber.Status.ACTIVE, order.notice_ref]),
            (INSERT_BOTH.format(numbers_from=both_from),
             [order.pk, order.notice_ref, email, status, reason, adapt(hold_until), adapt(now), numbers_param,
              Subscriber.Status.ACTIVE, order.notice_ref, line]))


def _opened(order: DeliveryOrder) -> None:
    from foryou.gateway.delivery import progress, workers

    DeliveryOrder.objects.using(DB).filter(pk=order.pk, status=DeliveryOrder.Status.RECEIVING).update(
        status=DeliveryOrder.Status.OPEN)
    transaction.on_commit(lambda: progress.report(order.pk, force=True), using=DB)
    transaction.on_commit(workers.kick, using=DB)
