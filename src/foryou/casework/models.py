"""Program applications in the console (internal zone). The answers are kept as opened from the sealed box
(like 利用申請 applications); each document stays a sealed stream with its key beside it, opened only when a
member of staff views it (audited)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foryou.shared.forms import statuses


class FormSnapshot(models.Model):
    """A form as it was sent to the gateway: applications keep the one they answered."""
    digest = models.CharField(max_length=32, unique=True)
    program_code = models.CharField(max_length=64)
    version = models.PositiveIntegerField()
    definition = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)


class ProgramApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=statuses.OPEN)

    def for_departments(self, departments):
        return self.filter(department__in=list(departments))

    def due_for_purge(self, cutoff):
        """Decided before the cutoff and not purged yet; open ones wait for staff, however old."""
        return self.filter(status__in=statuses.FINAL, decided_at__lt=cutoff, purged_at__isnull=True)


class ProgramApplication(models.Model):
    receipt = models.CharField(_("receipt number"), max_length=16, unique=True)
    gateway_ref = models.CharField(max_length=40, unique=True)
    program_code = models.CharField(_("program"), max_length=64, db_index=True)
    department = models.CharField(_("department"), max_length=200, db_index=True)
    form = models.ForeignKey(FormSnapshot, null=True, on_delete=models.PROTECT, related_name="applications")
    form_digest = models.CharField(max_length=32)
    registration = models.ForeignKey("enrollment.Registration", null=True, on_delete=models.PROTECT,
                                     related_name="program_applications")
    number = models.CharField(_("registration number"), max_length=16)
    resident_id = models.CharField(_("resident id"), max_length=20, db_index=True)
    answers = models.JSONField(_("answers"), default=dict)
    status = models.CharField(_("status"), max_length=20, choices=statuses.CHOICES, default=statuses.RECEIVED,
                              db_index=True)
    note = models.TextField(_("note to the resident"), blank=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="program_applications")
    due_date = models.DateField(_("due"), null=True, blank=True, db_index=True)
    via = models.CharField(max_length=8, blank=True)
    received_at = models.DateTimeField(_("received"))
    corrected_at = models.DateTimeField(_("corrected"), null=True, blank=True)
    corrections = models.PositiveSmallIntegerField(default=0)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # When the retention purge deleted the documents and blanked the answers (foryou.casework.retention).
    purged_at = models.DateTimeField(_("answers and documents deleted"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgramApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["department", "status", "-received_at"], name="casework_inbox"),
                   models.Index(fields=["department", "-received_at"], name="casework_inbox_all")]
        verbose_name = _("program application")

    def __str__(self):
        return f"{self.receipt} {self.program_code}"

    @property
    def status_label(self) -> str:
        return str(statuses.LABELS.get(self.status, self.status))

    @property
    def is_open(self) -> bool:
        return self.status in statuses.OPEN


class ApplicationFile(models.Model):
    application = models.ForeignKey(ProgramApplication, on_delete=models.CASCADE, related_name="files")
    gateway_id = models.CharField(max_length=40, unique=True)
    attachment = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    type = models.CharField(max_length=8)  # pdf | jpeg | png (checked by content on the gateway)
    size = models.PositiveIntegerField()  # plaintext bytes
    key = models.BinaryField()  # the file's secretstream key (from the sealed box)
    collected_at = models.DateTimeField(null=True, blank=True, db_index=True)
    round = models.PositiveSmallIntegerField(default=0)  # 0: first submission; n: the n-th correction
    # Last, so that reading the other columns never walks a 2 MB value (SQLite keeps columns in order).
    ciphertext = models.BinaryField(null=True)  # null until collected from the gateway


class ApplicationEvent(models.Model):
    """The application's history as staff and the resident see it (the audit log has it too)."""
    application = models.ForeignKey(ProgramApplication, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=20, choices=statuses.CHOICES)
    note = models.TextField(blank=True)
    actor_label = models.CharField(max_length=150)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
