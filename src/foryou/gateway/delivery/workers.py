"""Dispatch as django-tasks: `dispatch` runs one worker's loop for a while. `kick()` makes sure enough
dispatch tasks are waiting or running (one per worker process that should share the work) whenever
work is due; the worker command calls it every few seconds, so retries, held notices, and batches of
a worker that died are picked up without anyone enqueueing them by hand."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from foryou.gateway.delivery.models import Delivery, DeliveryBatch, DeliveryOrder
from foryou.gateway.db import DB

TASK_SECONDS = 120.0
QUEUE = "default"


def work_due(now=None) -> bool:
    now = now or timezone.now()
    if Delivery.objects.using(DB).due(now).filter(order_id__in=DeliveryOrder.unfinished_ids(DB)).exists():
        return True
    return DeliveryBatch.objects.using(DB).filter(
        Q(status=DeliveryBatch.Status.DEFERRED, next_attempt_at__lte=now)
        | Q(status=DeliveryBatch.Status.SENDING, lease_until__lt=now)).exists()


def active_dispatch_tasks() -> int:
    from django_tasks_db.models import DBTaskResult

    from foryou.gateway.tasks import dispatch

    stale = timezone.now() - timedelta(seconds=2 * TASK_SECONDS + settings.DELIVERY_LEASE_SECONDS)
    tasks = DBTaskResult.objects.filter(task_path=dispatch.module_path)
    return tasks.filter(status="READY").count() + tasks.filter(status="RUNNING", started_at__gte=stale).count()


def kick() -> int:
    """Enqueue dispatch tasks up to DELIVERY_PARALLEL_TASKS when work is due; returns how many."""
    from foryou.gateway.tasks import dispatch

    if not work_due():
        return 0
    backend = dispatch.get_backend()
    if not type(backend).__name__ == "DatabaseBackend":
        dispatch.enqueue()  # immediate backend (tests): runs now, in this thread
        return 1
    missing = max(0, settings.DELIVERY_PARALLEL_TASKS - active_dispatch_tasks())
    for _ in range(missing):
        dispatch.enqueue()
    return missing
