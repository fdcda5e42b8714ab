"""An experiment is started when a send of a version with a design (holdout share, wording variants)
freezes its recipients: each is assigned to an arm at random from a stored seed, within strata (ward,
age band, channel). Assignments are kept so the result can be measured and the draw audited."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HOLDOUT = "holdout"  # the arm told only after the window; the others are wording labels "A", "B", "C"


class ExperimentQuerySet(models.QuerySet):
    def of_notice(self, notice):
        return self.filter(notice=notice).order_by("started_at")


class Experiment(models.Model):
    notice = models.ForeignKey("notices.Notice", on_delete=models.PROTECT, related_name="experiments")
    version = models.ForeignKey("notices.NoticeVersion", on_delete=models.PROTECT, related_name="+")
    order = models.OneToOneField("notices.SendOrder", on_delete=models.PROTECT, related_name="experiment")
    holdout_order = models.OneToOneField("notices.SendOrder", null=True, blank=True, on_delete=models.PROTECT,
                                         related_name="held_experiment")
    holdout_percent = models.PositiveSmallIntegerField(_("holdout share (%)"))
    window_days = models.PositiveSmallIntegerField(_("measurement window (days)"))
    seed = models.BigIntegerField(_("random seed"))
    strata = models.JSONField(_("strata"), default=list)  # ["ward", "age_band", "channel"]
    arms = models.JSONField(_("arms"), default=list)
    started_on = models.DateField(_("notice day"))  # Asia/Tokyo: day 0 of the take-up curves
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    window_ends_at = models.DateTimeField(_("window ends"))

    objects = ExperimentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("experiment")


class Assignment(models.Model):
    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="assignments")
    registration_number = models.CharField(max_length=32)
    resident_id = models.CharField(max_length=32)
    arm = models.CharField(max_length=8)
    stratum = models.CharField(max_length=64)  # "ward|age band|channel"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["experiment", "registration_number"],
                                               name="one_arm_per_registrant")]
        indexes = [models.Index(fields=["experiment", "arm"])]
