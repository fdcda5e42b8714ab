"""Delivery tables of the gateway: send orders from the console, one delivery per recipient and channel,
the batches (API requests) that carry them, and the shared rate-limit slots of all workers.

Nothing here names a person: a delivery points at a Subscriber (registration number ↔ LINE user ID or
email address), and an order carries the notice's public text.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from foryou.shared import delivery as vocabulary


class DeliveryOrder(models.Model):
    """A send order as the gateway received it: the notice's text, and how many recipients to expect."""

    class Status(models.TextChoices):
        RECEIVING = "receiving"  # recipient chunks still arriving
        OPEN = "open"  # all recipients known; deliveries in progress
        FINISHED = "finished"  # every delivery has a final status

    order_id = models.UUIDField(unique=True)
    notice_ref = models.CharField(max_length=64)  # "notice:12": one notice reaches a subscriber once
    kind = models.CharField(max_length=16)
    content = models.JSONField()  # NoticeContent fields: public text only
    urgent = models.BooleanField(default=False)  # ignores the delivery window
    tracked = models.BooleanField(default=False)  # per-recipient links (click counts): pushes, not multicasts
    # The topic whose opt-out this notice honours (foryou.shared.topics; "" none): checked at claim time.
    topic = models.CharField(max_length=20, blank=True, default="")
    expected = models.PositiveIntegerField()  # recipients in the order
    chunks = models.PositiveIntegerField()
    chunks_received = models.JSONField(default=list)  # indexes applied: a chunk sent again adds nothing
    not_deliverable = models.PositiveIntegerField(default=0)  # numbers not active here (stopped, void, unknown)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECEIVING)
    received_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    @classmethod
    def unfinished_ids(cls, using: str) -> list[int]:
        """The orders that may have work due: an order is finished once every delivery of it is final,
        and nothing adds deliveries to a finished order (a fallback comes from a delivery not yet final)."""
        return list(cls.objects.using(using).exclude(status=cls.Status.FINISHED).values_list("id", flat=True))


class DeliveryQuerySet(models.QuerySet):
    def due(self, now, channel: str | None = None):
        on_channel = {} if channel is None else {"channel": channel}
        return self.filter(**on_channel, status__in=Delivery.WAITING, batch__isnull=True).filter(
            Q(not_before__isnull=True) | Q(not_before__lte=now))

    def unfinished(self):
        return self.exclude(status__in=Delivery.FINAL)


class Delivery(models.Model):
    # The vocabulary is defined once, in foryou.shared.delivery: the console reads it too.
    Status = vocabulary.Status
    Channel = vocabulary.Channel
    Reason = vocabulary.Reason
    FINAL = vocabulary.FINAL
    WAITING = vocabulary.WAITING

    # Indexed by delivery_progress (order first), not on its own: every index is written per delivery.
    order = models.ForeignKey(DeliveryOrder, on_delete=models.CASCADE, related_name="deliveries", db_index=False)
    notice_ref = models.CharField(max_length=64)
    subscriber = models.ForeignKey("gateway.Subscriber", on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=8, choices=Channel.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    reason = models.CharField(max_length=40, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    not_before = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey("gateway.DeliveryBatch", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="deliveries", db_index=False)  # delivery_batch: linked ones only
    attempts = models.PositiveSmallIntegerField(default=0)
    claim = models.CharField(max_length=32, blank=True)  # the lot that sorted it out (delivery_claim: set only)
    created_at = models.DateTimeField(default=timezone.now)
    final_at = models.DateTimeField(null=True, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice_ref", "subscriber", "channel"],
                                               name="one_delivery_per_notice_subscriber_channel")]
        # Every index is written for each of a send's million deliveries (docs/decisions/0084): due work is
        # found through delivery_progress (order, status, channel) of the unfinished orders, which also
        # covers the progress counts; delivery_batch / delivery_claim hold only linked / marked deliveries.
        indexes = [models.Index(fields=["order", "status", "channel", "reason"], name="delivery_progress"),
                   models.Index(fields=["batch"], name="delivery_batch", condition=Q(batch__isnull=False)),
                   models.Index(fields=["claim"], name="delivery_claim", condition=~Q(claim=""))]


class DeliveryBatch(models.Model):
    """One API request (a LINE push or multicast, or a run of emails). Its retry key is stored before the
    first attempt, so a worker that dies mid-request is followed by one that repeats the identical
    request with the same key: LINE answers 409 for what it already accepted, and nothing arrives twice."""

    class Status(models.TextChoices):
        SENDING = "sending"  # leased by a worker until lease_until
        DEFERRED = "deferred"  # to be repeated (same key, same recipients) at next_attempt_at
        DONE = "done"

    order = models.ForeignKey(DeliveryOrder, on_delete=models.CASCADE, related_name="batches")
    channel = models.CharField(max_length=8)
    retry_key = models.UUIDField(default=uuid.uuid4, unique=True)
    recipients = models.JSONField()  # [[delivery id, LINE user ID or email address], …] in request order
    pushes = models.BooleanField(default=False)  # one push per recipient, each keyed by push_key()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    worker = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    first_tried_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def push_key(self, delivery_id: int) -> str:
        """The retry key of one push of a `pushes` batch: derived, so stored with the batch's own."""
        return str(uuid.uuid5(uuid.UUID(str(self.retry_key)), str(delivery_id)))

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="batch_retry"),
                   models.Index(fields=["status", "lease_until"], name="batch_lease")]


class RateSlot(models.Model):
    """The next free sending time of one channel endpoint, shared by every worker (GCRA)."""

    key = models.CharField(max_length=32, primary_key=True)
    next_free = models.FloatField(default=0.0)  # epoch seconds


class ChannelState(models.Model):
    """A channel stopped for every worker: LINE's monthly limit, or a rejected access token."""

    channel = models.CharField(max_length=8, primary_key=True)
    halted = models.CharField(max_length=32, blank=True)  # a HALTING reason: monthly_limit, unauthorized, forbidden
    detail = models.CharField(max_length=300, blank=True)
    since = models.DateTimeField(null=True, blank=True)
