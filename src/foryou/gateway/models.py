"""Gateway-side tables (internet zone). By design they hold no name, address, birth date or tax datum:
a registration number's keyed hash (foryou.gateway.number_keys), the LINE user ID or email address linked
to it, consent flags, and messages waiting to cross to the console. Applications are held only as sealed
ciphertext."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Registered: receiving notices, or paused by the resident (配信停止) and able to resume."""
        return self.filter(status=Subscriber.Status.ACTIVE)

    def receiving(self):
        return self.active().filter(paused_at__isnull=True)

    def by_line_user(self, line_user_id: str):
        return self.filter(line_user_id=line_user_id)

    def by_number(self, number: str):
        """By registration number: matched on its keyed hash, the only form an unused number is kept in."""
        from foryou.gateway.number_keys import digest

        return self.filter(number_hash=digest(number))


class Subscriber(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued"  # number known, not yet entered by the resident
        ACTIVE = "active"
        INACTIVE = "inactive"
        VOID = "void"

    # HMAC-SHA256 of the number under FORYOU_NUMBER_KEY (foryou.gateway.number_keys): every lookup by number.
    number_hash = models.CharField(max_length=64, unique=True)
    # The number in the clear only once it is spent (active: typing it again activates nothing), as the
    # name the console knows the registration by in the events sent back; "" while issued, after the
    # registration ends and when voided (save() and the bridge's updates clear it).
    number = models.CharField(max_length=16, blank=True, default="")
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
    # The registrant's choices (settings page; foryou.gateway.preferences): the language of every page and
    # message they get, the topics they turned off, how to reach them, and a quiet period (しばらくお休み).
    # Flags only: they cross to the console as registration.preferences. docs/decisions/0043.
    language = models.CharField(max_length=8, default="ja")
    topics_off = models.JSONField(default=list, blank=True)
    channel_choice = models.CharField(max_length=8, blank=True, default="")
    quiet_until = models.DateField(null=True, blank=True)

    class Meta:
        # Those who chose "both": a send's second statement (orders.INSERT_BOTH) looks its numbers up here,
        # an index as small as that choice is rare, instead of every number again (docs/decisions/0094).
        indexes = [models.Index(fields=["number_hash"], name="subscriber_chose_both",  # CHOSE_BOTH_INDEX
                                condition=Q(channel_choice="both"))]

    CHOSE_BOTH_INDEX = "subscriber_chose_both"

    @property
    def paused(self) -> bool:
        return self.status == self.Status.ACTIVE and self.paused_at is not None

    def save(self, *args, **kwargs):
        """A number given in the clear is stored as its hash; the digits reach the database only while
        the registration is active (this instance keeps what its caller gave it)."""
        given = self.number
        if given and not self.number_hash:
            from foryou.gateway.number_keys import digest

            self.number_hash = digest(given)
        if self.status != self.Status.ACTIVE:
            self.number = ""
        try:
            super().save(*args, **kwargs)
        finally:
            self.number = given

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


class LineApplicant(models.Model):
    """Who to tell in LINE about an application sent from the LINE app: its ref (as in application.sealed)
    and the LINE user of the ID token the page sent with it (verified). Never part of the sealed data;
    deleted once the applicant is told (accepted or rejected), and after RETENTION_DAYS in any case
    (foryou.gateway.applications.purge_line_applicants)."""

    RETENTION_DAYS = 60  # named in the privacy notice (_privacy_notice.html) and docs/operations.md

    ref = models.CharField(max_length=64, unique=True)
    line_user_id = models.CharField(max_length=33)
    language = models.CharField(max_length=8, default="ja")  # of the page they applied on: the outcome's
    created_at = models.DateTimeField(default=timezone.now, db_index=True)


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


class EmailConfirmation(models.Model):
    """An email registration waiting for its confirmation link to be opened. The link carries only a random
    token (foryou.gateway.email.confirmations); this row keeps the token's SHA-256 and the number and
    address sealed under a key derived from the token, so the database alone reads neither."""

    token_hash = models.CharField(max_length=64, unique=True)
    sealed = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)


class ResidentRequest(models.Model):
    """A rate-limited request on a resident page (foryou.gateway.throttle): which action, by whom as a keyed
    hash ("ip:…", "email:…", "line:…", never the address itself), and when."""

    action = models.CharField(max_length=32)
    key = models.CharField(max_length=80)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["action", "key", "at"], name="gateway_request_key_at")]


class WebhookEvent(models.Model):
    """LINE webhook events by webhookEventId: a redelivered event is recognised and not handled twice.

    `body` is the digest handling needs (foryou.gateway.line.events: never the text a resident typed),
    emptied once the event is handled or ignored. An event whose handling failed stays unhandled with
    outcome "failed": the dead-letter list (`foryou webhooks list|retry|drop`)."""

    FAILED = "failed"

    event_id = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=32)
    received_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    body = models.JSONField(default=dict, blank=True)
    outcome = models.CharField(max_length=64, blank=True, default="")
    failure = models.CharField(max_length=100, blank=True, default="")  # the error's class name only
    attempts = models.PositiveIntegerField(default=0)


# Delivery tables live in their own module; imported here so Django finds them in the gateway app.
from foryou.gateway.delivery.models import (  # noqa: E402,F401
    ChannelState, Delivery, DeliveryBatch, DeliveryOrder, RateSlot)
# Staff test devices (LINE user or work address behind a console device reference): their own module.
from foryou.gateway.test_device_models import StaffDevice  # noqa: E402,F401
# My Number Card verifications in flight (foryou.gateway.mynumber): their own module.
from foryou.gateway.card_models import CardVerification  # noqa: E402,F401
# Program applications (制度の申請): forms, sealed files, corrections asked for.
from foryou.gateway.casework.models import CaseworkForm, CorrectionRequest, SealedFile  # noqa: E402,F401
