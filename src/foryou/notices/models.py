from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notice(models.Model):
    """A notice about one program. Its text lives in versions; what is sent is an approved version."""

    program_code = models.CharField(_("program"), max_length=64, db_index=True)
    department = models.CharField(_("department"), max_length=100)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notice")
        permissions = [("approve_notice", _("Can approve notices of their department"))]

    @property
    def latest(self) -> "NoticeVersion":
        return self.versions.order_by("-number").first()

    @property
    def sendable(self) -> "NoticeVersion | None":
        """The version that may be sent: the latest, and only once someone approved it."""
        latest = self.latest
        return latest if latest is not None and latest.approved_at is not None else None


class NoticeVersion(models.Model):
    """One wording of a notice. Never edited: a change is a new version, which needs a new approval."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("body"))
    contact_department = models.CharField(_("contact department"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_hours = models.CharField(_("contact hours"), max_length=100, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)  # [[label, url], …], at most 4
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["notice", "number"]
        constraints = [models.UniqueConstraint(fields=["notice", "number"], name="one_number_per_version")]
