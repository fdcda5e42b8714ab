"""Invitation letters (招待はがき): batches of residents a department invites, and residents who declined."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InvitationBatch(models.Model):
    """Residents chosen by a program's conditions, invited by postcard once a second person approves (決裁)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("waiting for approval")
        APPROVED = "approved", _("approved: numbers issued")

    program_code = models.CharField(_("program"), max_length=64)
    department = models.CharField(_("department"), max_length=100)
    resident_ids = models.JSONField(default=list)  # chosen at proposal; checked again at approval
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    issued = models.PositiveIntegerField(_("numbers issued"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation batch")


class InvitationDeclineQuerySet(models.QuerySet):
    def counts(self) -> dict:
        return self.aggregate(total=models.Count("pk"),
                              by_residents=models.Count("pk", filter=models.Q(by_resident=True)))


class InvitationDecline(models.Model):
    """A resident who asked not to be invited: told the city by phone, at the counter or by letter (recorded
    by staff), or on the gateway's page with the number of their invitation postcard (by_resident)."""

    resident_id = models.CharField(_("resident id"), max_length=20, unique=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    by_resident = models.BooleanField(_("declined on the resident page"), default=False)

    objects = InvitationDeclineQuerySet.as_manager()
    recorded_at = models.DateTimeField(default=timezone.now)
