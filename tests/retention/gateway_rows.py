"""Gateway rows for retention tests, aged as a test needs."""

import uuid
from datetime import timedelta

from foryou.gateway.models import Delivery, DeliveryBatch, DeliveryOrder, Subscriber


def subscriber(n: int, now, **fields) -> Subscriber:
    number = str(n).rjust(16, "0")
    row = {"status": "active", "line_user_id": "U" + number.ljust(32, "0"), "expires_at": now} | fields
    return Subscriber.objects.create(number=number, **row)


def order(now, days_ago: int, subscribers: list[Subscriber], status: str = "finished") -> DeliveryOrder:
    """A send order received (and, when finished, finished) `days_ago` days before `now`, with one LINE
    batch carrying every subscriber's LINE user ID and one delivery each."""
    at = now - timedelta(days=days_ago)
    made = DeliveryOrder.objects.create(
        order_id=uuid.uuid4(), notice_ref=f"notice:{uuid.uuid4().hex[:8]}", kind="now", content={"title": "t"},
        expected=len(subscribers), chunks=1, status=status, received_at=at,
        finished_at=at if status == "finished" else None)
    batch = DeliveryBatch.objects.create(order=made, channel="line", status="done",
                                         recipients=[[0, s.line_user_id] for s in subscribers])
    for s in subscribers:
        Delivery.objects.create(order=made, notice_ref=made.notice_ref, subscriber=s, channel="line",
                                status="accepted", batch=batch)
    return made
