import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingPush(models.Model):
    """A message from the console to the gateway (issued or voided numbers, send orders), kept until
    the gateway acknowledges it. The gateway applies each message id once."""

    message_id = models.UUIDField(default=uuid.uuid4, unique=True)
    kind = models.CharField(max_length=32)
    body = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    pushed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    @classmethod
    def of(cls, body) -> "PendingPush":
        """An unsaved message carrying a typed body of foryou.shared.bridge.messages."""
        return cls(kind=body.KIND, body=body.to_dict())


class PullCursor(models.Model):
    """How far the console has pulled the gateway's outbound events (one row)."""

    last_seq = models.BigIntegerField(default=0)
    pulled_at = models.DateTimeField(null=True, blank=True)


class AppliedMessage(models.Model):
    """Ids of gateway messages already applied in the console."""

    message_id = models.UUIDField(unique=True)
    kind = models.CharField(max_length=32)
    applied_at = models.DateTimeField(default=timezone.now)


class QuarantinedEventQuerySet(models.QuerySet):
    def retryable(self):
        """Those whose event is still kept (not yet past the retention period)."""
        return self.filter(event__isnull=False)

    def kept_since_before(self, moment):
        return self.retryable().filter(quarantined_at__lt=moment)


class QuarantinedEvent(models.Model):
    """A gateway event the console could not apply through its own fault (malformed, an application
    that cannot be opened, a value the console refuses): set aside so that the events after it are
    applied. Holds the event as it came (ids, kind, and a body that may hold ciphertext, never
    decrypted personal data) so an operator can retry it; the event is dropped when a retry succeeds
    (the row with it) or after the retention period (the row stays, as a record, without it)."""

    seq = models.BigIntegerField(_("sequence"), unique=True)
    kind = models.CharField(_("kind"), max_length=64)
    error = models.CharField(_("error"), max_length=300)
    event = models.JSONField(_("event"), null=True, blank=True)
    quarantined_at = models.DateTimeField(_("quarantined"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    last_tried_at = models.DateTimeField(_("last tried"), default=timezone.now)

    objects = QuarantinedEventQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("quarantined gateway event")
