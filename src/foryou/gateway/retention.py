"""The gateway's retention policy (docs/privacy.md): once a day, personal data the gateway no longer needs
is deleted or blanked, in batches, and the counts (nothing else) are logged and reported to the console
(retention.purged over the bridge, where the console audits them and shows them to administrators).

- delivery orders finished more than RETAIN_DELIVERIES_DAYS ago, with their deliveries and batches (a
  batch holds the LINE user IDs or email addresses it was sent to);
- activation attempts (keys name a LINE user, an email address or an IP address);
- LINE webhook events handled long ago (unhandled ones are left alone);
- finished worker tasks (their arguments may name a LINE user);
- program applications (casework): sealed documents the console never collected, and corrections asked
  for but never sent, after foryou.gateway.casework.services.KEEP_DAYS;
- ended subscribers' LINE user ID and email address, RETAIN_ENDED_SUBSCRIBERS_DAYS after the end: the
  row and its number stay (the console may still name the number; the once-per-notice constraint of
  deliveries points at the row).

`foryou purge_gateway` runs it; `foryou worker` queues it once a day (purge_task) and when it starts.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from foryou.shared.purging import BATCH, delete_in_batches
from foryou.gateway.db import DB
from foryou.gateway.models import (ActivationAttempt, Delivery, DeliveryBatch, DeliveryOrder, OutboundEvent,
                                   Subscriber, WebhookEvent)
from foryou.shared.bridge import messages
from foryou.shared.daily import Daily

log = logging.getLogger(__name__)



@dataclass
class Periods:
    """Days kept, per data class (from the FORYOU_RETAIN_* settings unless given)."""

    deliveries: int = field(default_factory=lambda: settings.RETAIN_DELIVERIES_DAYS)
    activation_attempts: int = field(default_factory=lambda: settings.RETAIN_ACTIVATION_ATTEMPTS_DAYS)
    webhook_events: int = field(default_factory=lambda: settings.RETAIN_WEBHOOK_EVENTS_DAYS)
    task_results: int = field(default_factory=lambda: settings.RETAIN_TASK_RESULTS_DAYS)
    ended_subscribers: int = field(default_factory=lambda: settings.RETAIN_ENDED_SUBSCRIBERS_DAYS)


def purge_orders(cutoff: datetime, batch: int = BATCH) -> dict[str, int]:
    """Finished send orders older than the cutoff, their deliveries first, then batches, then the order."""
    counts = {"delivery_orders": 0, "deliveries": 0, "delivery_batches": 0}
    old = DeliveryOrder.objects.using(DB).filter(status=DeliveryOrder.Status.FINISHED, finished_at__lt=cutoff)
    for order_id in list(old.values_list("pk", flat=True)):
        counts["deliveries"] += delete_in_batches(Delivery.objects.using(DB).filter(order_id=order_id), batch)
        counts["delivery_batches"] += delete_in_batches(DeliveryBatch.objects.using(DB).filter(order_id=order_id),
                                                        batch)
        counts["delivery_orders"] += DeliveryOrder.objects.using(DB).filter(pk=order_id).delete()[1].get(
            DeliveryOrder._meta.label, 0)
    return counts


def blank_ended_subscribers(cutoff: datetime, batch: int = BATCH) -> int:
    """Forget the LINE user ID and email address of registrations that ended before the cutoff (and of
    void numbers, which can never be used again); returns how many rows were blanked."""
    holding = Q(line_user_id__isnull=False) | ~Q(email="") | Q(email_confirmed_at__isnull=False)
    ended = Q(status=Subscriber.Status.INACTIVE, ended_at__lt=cutoff) | Q(status=Subscriber.Status.VOID)
    queryset = Subscriber.objects.using(DB).filter(ended & holding)
    total = 0
    while True:
        ids = list(queryset.values_list("pk", flat=True)[:batch])
        if not ids:
            return total
        total += Subscriber.objects.using(DB).filter(pk__in=ids).update(
            line_user_id=None, email="", email_confirmed_at=None)


def purge_task_results(cutoff: datetime, batch: int = BATCH) -> int:
    from django_tasks_db.models import DBTaskResult

    return delete_in_batches(DBTaskResult.objects.using(DB).finished().filter(finished_at__lt=cutoff), batch)


def purge(now: datetime | None = None, periods: Periods | None = None, *, report: bool = True,
          batch: int = BATCH) -> dict[str, int]:
    """One purge of the gateway's database. Returns counts per data class; with `report`, the counts are
    queued for the console (retention.purged) and logged."""
    now = now or timezone.now()
    periods = periods or Periods()

    def before(days: int) -> datetime:
        return now - timedelta(days=days)

    counts = purge_orders(before(periods.deliveries), batch)
    counts["activation_attempts"] = delete_in_batches(
        ActivationAttempt.objects.using(DB).filter(at__lt=before(periods.activation_attempts)), batch)
    counts["webhook_events"] = delete_in_batches(WebhookEvent.objects.using(DB).filter(
        handled_at__isnull=False, handled_at__lt=before(periods.webhook_events)), batch)
    counts["task_results"] = purge_task_results(before(periods.task_results), batch)
    counts["subscribers_blanked"] = blank_ended_subscribers(before(periods.ended_subscribers), batch)
    from foryou.gateway.mynumber.services import purge as purge_card_verifications

    counts["card_verifications"] = purge_card_verifications(now)  # abandoned flows, decisions never received
    from foryou.gateway.casework import services as casework

    counts.update(casework.purge(now, batch))
    if report:
        OutboundEvent.of(messages.RetentionPurgedBody(counts=counts, at=now.isoformat())).save(using=DB)
        log.info("retention purge: %s", ", ".join(f"{key} {value}" for key, value in counts.items()))
    return counts


@task()
def purge_task() -> dict:
    """The daily purge, run by a worker like any other task."""
    return purge()


def daily() -> Daily:
    """When the worker runs the purge: at start-up, then once a day after PURGE_TIME (Asia/Tokyo)."""
    return Daily(time.fromisoformat(settings.PURGE_TIME))
