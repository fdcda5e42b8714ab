"""A My Number Card verification in flight (foryou.gateway.mynumber). No fact from the card is ever
stored here: they are sealed to the console's key as they arrive."""

from datetime import timedelta

from django.db import models
from django.utils import timezone


class CardVerificationQuerySet(models.QuerySet):
    def waiting_for_callback(self):
        return self.filter(ref="")

    def stale(self, now=None):
        """Flows never finished (abandoned on the provider's page) and flows the console never answered."""
        now = now or timezone.now()
        return self.filter(models.Q(ref="", created_at__lt=now - CardVerification.FLOW_TIME)
                           | models.Q(created_at__lt=now - timedelta(days=CardVerification.RETENTION_DAYS)))


class CardVerification(models.Model):
    """The state of one authorization request (state, nonce and PKCE verifier: secrets used once, cleared at
    the callback), and who started it: the verified LINE user or the email address given, to tell them the
    outcome. Once the card's facts are sealed the row keeps only the bridge ref and the contact, and it is
    deleted when the console's decision arrives (or after RETENTION_DAYS)."""

    FLOW_TIME = timedelta(minutes=10)  # from the start to the callback
    RETENTION_DAYS = 60  # as LineApplicant: a decision the console never sends

    state = models.CharField(max_length=64, unique=True, null=True)
    nonce = models.CharField(max_length=64, blank=True)
    code_verifier = models.CharField(max_length=128, blank=True)
    line_user_id = models.CharField(max_length=33, blank=True)
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    ref = models.CharField(max_length=64, blank=True, db_index=True)  # the identity.sealed ref, once sealed

    objects = CardVerificationQuerySet.as_manager()

    @property
    def channel(self) -> str:
        return "line" if self.line_user_id else "email"
