import uuid

from django.db import models
from django.utils import timezone


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
