from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRunQuerySet(models.QuerySet):
    def applied(self):
        return self.filter(status=ImportRun.Status.APPLIED)

    def running(self):
        return self.filter(status=ImportRun.Status.RUNNING)

    def latest_applied(self):
        return self.applied().order_by("-finished_at", "-id").first()


class ImportRun(models.Model):
    """One attempt to load a full export into the analysis store, kept whether it was applied or not."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        APPLIED = "applied", _("applied")
        REJECTED = "rejected", _("rejected")
        INTERRUPTED = "interrupted", _("interrupted")
        FAILED = "failed", _("failed")

    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    actor_label = models.CharField(_("run by"), max_length=150)
    source = models.CharField(_("source directory"), max_length=500)
    as_of = models.DateField(_("as of"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RUNNING)
    max_errors = models.PositiveIntegerField(_("error threshold"), default=0)
    # {"persons.csv": {"rows": 1000, "accepted": 998, "encoding": "cp932"}, ...}
    files = models.JSONField(_("files"), default=dict, blank=True)
    # Counts in the new snapshot: {"persons": 1000, "current_persons": 985, "households": 420, ...}
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    warning_count = models.PositiveIntegerField(_("warnings"), default=0)
    # The first problems, each {"file", "line", "column", "code", "message", "severity"}.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    snapshot = models.CharField(_("snapshot file"), max_length=200, blank=True)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("import")

    def __str__(self):
        return f"import #{self.pk} {self.as_of} {self.status}"
