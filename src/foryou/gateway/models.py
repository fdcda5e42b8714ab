"""Gateway-side tables (internet zone). By design they hold no name, address, birth date or tax datum:
a registration number, the LINE user ID or email address linked to it, consent flags, and messages
waiting to cross to the console. Applications are held only as sealed ciphertext."""

import uuid

from django.db import models
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Registered: receiving notices, or paused by the resident (配信停止) and able to resume."""
        return self.filter(status=Subscriber.Status.ACTIVE)

    def receiving(self):
        return self.active().filter(paused_at__isnull=True)

    def by_line_user(self, line_user_id: str):
        return self.filter(line_user_id=line_user_id)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued"  # number known, not yet entered by the resident
        ACTIVE = "active"
        INACTIVE = "inactive"
        VOID = "void"

    number = models.CharField(max_length=16, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ISSUED)
    expires_at = models.DateTimeField()
    line_user_id = models.CharField(max_length=33, unique=True, null=True, blank=True)
    email = models.EmailField(blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    tax_consent = models.BooleanField(default=False)
    consent_terms = models.CharField(max_length=16, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ending = models.CharField(max_length=16, blank=True)
    line_reachable = models.BooleanField(default=True)  # false after unfollow/block
    # Set while an active registrant has stopped notices (配信停止) without leaving: no delivery is made
    # (orders.INSERT and claims skip them) and 配信再開 clears it, with no new application or postcard.
    paused_at = models.DateTimeField(null=True, blank=True)

    @property
    def paused(self) -> bool:
        return self.status == self.Status.ACTIVE and self.paused_at is not None

    objects = SubscriberQuerySet.as_manager()


class OutboundEvent(models.Model):
    """A message waiting for the console to pull it: sealed applications (ciphertext only: the gateway
    cannot read them), activations, consents, opt-outs, delivery results. The console starts every
    connection; the id is its cursor; events it has acknowledged are deleted."""

    message_id = models.UUIDField(default=uuid.uuid4, unique=True)
    kind = models.CharField(max_length=32)
    body = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    @classmethod
    def of(cls, body) -> "OutboundEvent":
        """An unsaved event carrying a typed body of foryou.shared.bridge.messages."""
        return cls(kind=body.KIND, body=body.to_dict())


class ReceivedMessage(models.Model):
    """Ids of bridge messages already applied here: applying one again changes nothing."""

    message_id = models.UUIDField(unique=True)
    kind = models.CharField(max_length=32)
    received_at = models.DateTimeField(default=timezone.now)


class ActivationAttempt(models.Model):
    """Every activation try, for rate limits and lockout (per LINE user, email and IP address)."""

    key = models.CharField(max_length=100, db_index=True)  # "line:U…", "ip:203.0.113.5", "email:…"
    at = models.DateTimeField(default=timezone.now, db_index=True)
    succeeded = models.BooleanField(default=False)


class WebhookEvent(models.Model):
    """LINE webhook events by webhookEventId: a redelivered event is recognised and not handled twice."""

    event_id = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=32)
    received_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    body = models.JSONField()


# Delivery tables live in their own module; imported here so Django finds them in the gateway app.
from foryou.gateway.delivery.models import (  # noqa: E402,F401
    ChannelState, Delivery, DeliveryBatch, DeliveryOrder, RateSlot)
