"""Recording a lot's results: each recipient's Result becomes the status of their delivery, in one
transaction per lot. Updates only touch deliveries still `sending`, so a final status (from an earlier
attempt, or another worker after a lease ran out) is never overwritten."""

from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from foryou.shared.delivery import FALLS_BACK, Reason
from foryou.gateway.delivery.claims import EMAIL, LINE, S, Lot, halt
from foryou.gateway.delivery.fallback import fall_back
from foryou.gateway.delivery.models import Delivery, DeliveryBatch
from foryou.gateway.delivery.channel import Outcome, Result, answers
from foryou.gateway.db import DB

HALT_RETRY = timedelta(minutes=5)
TEMPORARY_BUT_WAITING = {Reason.RATE_LIMITED}  # deferred by LINE's rate limit rather than failed


def record(lot: Lot, results: list[list[Result]]) -> None:
    now = timezone.now()
    final = defaultdict(list)  # (status, reason) → delivery ids
    fallbacks = defaultdict(list)  # reason → delivery ids
    deferred = defaultdict(list)  # (status, reason, detail, wait) → delivery ids
    done, released = [], []
    accepted_batches = defaultdict(list)  # code → ids of LINE batches accepted whole (the usual case)
    for batch, batch_results in zip(lot.batches, results):
        codes = answers(batch_results)
        if lot.channel == LINE and len(codes) == 1 and next(iter(codes))[0] is Outcome.ACCEPTED:
            accepted_batches[next(iter(codes))[1]].append(batch.pk)
            done.append(batch.pk)
            continue
        by_address = {address: delivery_id for delivery_id, address in batch.recipients}
        retry_after = None
        for result in batch_results:
            delivery_id = by_address[result.user_id] if lot.channel == LINE else int(result.user_id)
            outcome = result.outcome
            if outcome is Outcome.ACCEPTED:
                final[(S.SENT if lot.channel == EMAIL else S.ACCEPTED, result.code)].append(delivery_id)
            elif outcome is Outcome.PERMANENT:
                if lot.channel == LINE and result.code in FALLS_BACK:
                    fallbacks[result.code].append(delivery_id)
                else:
                    status = S.FAILED_TECHNICAL if result.code == Reason.RETRY_WINDOW_OVER else S.FAILED_PERMANENT
                    final[(status, result.code, result.detail[:300])].append(delivery_id)
            elif outcome is Outcome.MONTHLY_LIMIT:
                halt(LINE, Reason.MONTHLY_LIMIT, result.detail)
                fallbacks[Reason.MONTHLY_LIMIT].append(delivery_id)
            elif outcome is Outcome.RESEND:
                released.append(delivery_id)
            elif outcome is Outcome.CHANNEL_DOWN:
                halt(lot.channel, result.code, result.detail)
                retry_after = max(retry_after or 0, HALT_RETRY.total_seconds())
                deferred[(S.DEFERRED, result.code, result.detail[:300], HALT_RETRY.total_seconds())].append(delivery_id)
            else:  # DEFERRED: the same request again later
                retry_after = max(retry_after or 0, result.retry_after or 1.0)
                status = S.DEFERRED if result.code in TEMPORARY_BUT_WAITING else S.FAILED_TEMPORARY
                deferred[(status, result.code, result.detail[:300], round(result.retry_after or 1.0, 2))].append(delivery_id)
        if retry_after is None or lot.channel == EMAIL:
            done.append(batch.pk)
        else:
            DeliveryBatch.objects.using(DB).filter(pk=batch.pk).update(
                status=DeliveryBatch.Status.DEFERRED, next_attempt_at=now + timedelta(seconds=retry_after),
                attempts=F("attempts") + 1, lease_until=None)
    with transaction.atomic(using=DB):
        for code, batch_ids in accepted_batches.items():  # by batch: no list of 10,000 delivery ids
            # The link to the batch stays (no second write to its index): a final status is never claimed
            # again, and the retention purge deletes deliveries before their batches.
            Delivery.objects.using(DB).filter(batch_id__in=batch_ids, status=S.SENDING).update(
                status=S.ACCEPTED, reason=code, final_at=now)
        for key, ids in final.items():
            status, reason, *detail = key
            Delivery.objects.using(DB).filter(pk__in=ids, status=S.SENDING).update(
                status=status, reason=reason, detail=detail[0] if detail else "", final_at=now, batch=None)
        for reason, ids in fallbacks.items():
            fall_back(ids, reason)
        if released:
            Delivery.objects.using(DB).filter(pk__in=released, status=S.SENDING).update(
                status=S.QUEUED, batch=None, reason=Reason.RESEND)
        for (status, reason, detail, wait), ids in deferred.items():
            changes = {"status": status, "reason": reason, "detail": detail}
            if lot.channel == EMAIL:  # emails have no retry key: release them to be claimed again later
                changes |= {"batch": None, "not_before": now + timedelta(seconds=wait)}
            Delivery.objects.using(DB).filter(pk__in=ids, status=S.SENDING).update(**changes)
        if done:
            DeliveryBatch.objects.using(DB).filter(pk__in=done).update(
                status=DeliveryBatch.Status.DONE, lease_until=None)
