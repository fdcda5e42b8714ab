"""The nightly pass: anything not final after DELIVERY_GIVE_UP_HOURS is given up (failed_technical,
"timed_out"): LINE forgets retry keys after 24 hours, so repeating a batch later could deliver twice.
Orders left without unfinished deliveries are reported finished."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from foryou.shared.delivery import Reason
from foryou.gateway.delivery import progress
from foryou.gateway.delivery.models import Delivery, DeliveryBatch, DeliveryOrder
from foryou.gateway.db import DB



def sweep(now=None) -> int:
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.DELIVERY_GIVE_UP_HOURS)
    with transaction.atomic(using=DB):
        stale = Delivery.objects.using(DB).unfinished().filter(created_at__lt=cutoff).exclude(
            reason=Reason.WINDOW, status=Delivery.Status.DEFERRED, batch__isnull=True)  # held, never tried: keep
        orders = set(stale.values_list("order_id", flat=True))
        given_up = stale.update(status=Delivery.Status.FAILED_TECHNICAL, reason=Reason.TIMED_OUT, final_at=now)
        DeliveryBatch.objects.using(DB).exclude(status=DeliveryBatch.Status.DONE).filter(
            first_tried_at__lt=cutoff).update(status=DeliveryBatch.Status.DONE, lease_until=None)
    open_orders = DeliveryOrder.objects.using(DB).filter(status=DeliveryOrder.Status.OPEN).values_list("pk", flat=True)
    progress.report_many(orders | set(open_orders), force=True)
    return given_up
