"""When LINE cannot reach someone (blocked, unfollowed, unreachable, the monthly limit), the notice goes
by email once if they have a confirmed address; otherwise the LINE delivery fails with the reason."""

from django.utils import timezone

from foryou.shared.delivery import Reason
from foryou.gateway.delivery import window
from foryou.gateway.delivery.models import Delivery
from foryou.gateway.db import DB



def fall_back(delivery_ids: list[int], reason: str, detail: str = "") -> tuple[int, int]:
    """Move LINE deliveries to email where possible. Returns (fell back, failed). Call in a transaction."""
    if not delivery_ids:
        return 0, 0
    now = timezone.now()
    rows = list(Delivery.objects.using(DB).filter(pk__in=delivery_ids).exclude(status__in=Delivery.FINAL).values(
        "id", "order_id", "notice_ref", "subscriber_id", "order__urgent",
        "subscriber__email", "subscriber__email_confirmed_at"))
    with_email = [r for r in rows if r["subscriber__email"] and r["subscriber__email_confirmed_at"]]
    without = [r["id"] for r in rows if r not in with_email]
    opening = window.next_open(now)
    Delivery.objects.using(DB).bulk_create([
        Delivery(order_id=r["order_id"], notice_ref=r["notice_ref"], subscriber_id=r["subscriber_id"],
                 channel=Delivery.Channel.EMAIL, created_at=now,
                 **({"status": Delivery.Status.QUEUED} if r["order__urgent"] or opening <= now else
                    {"status": Delivery.Status.DEFERRED, "reason": Reason.WINDOW, "not_before": opening}))
        for r in with_email], ignore_conflicts=True, batch_size=2000)
    fell = Delivery.objects.using(DB).filter(pk__in=[r["id"] for r in with_email]).update(
        status=Delivery.Status.FELL_BACK, reason=reason, detail=detail[:300], final_at=now, batch=None)
    failed = Delivery.objects.using(DB).filter(pk__in=without).update(
        status=Delivery.Status.FAILED_PERMANENT, reason=reason, detail=detail[:300], final_at=now, batch=None)
    return fell, failed
