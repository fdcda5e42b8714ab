from django.db import models
from django.utils.translation import gettext_lazy as _


class TriggerRunQuerySet(models.QuerySet):
    def last_for(self, program_code: str):
        return self.filter(program_code=program_code).order_by("-run_date").first()


class TriggerRun(models.Model):
    """One daily evaluation of a trigger program, for one day (catch-up runs add one row per day)."""

    program_code = models.CharField(_("program"), max_length=64)
    run_date = models.DateField(_("day"))
    qualifying = models.PositiveIntegerField(_("qualifying persons"), default=0)
    new = models.PositiveIntegerField(_("newly qualifying"), default=0)
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)

    objects = TriggerRunQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program_code", "run_date"], name="one_trigger_run_a_day")]
        ordering = ["-run_date"]


class TriggerHitQuerySet(models.QuerySet):
    def for_period(self, program_code: str, period_key: str, resident_ids):
        return self.filter(program_code=program_code, period_key=period_key, resident_id__in=list(resident_ids))


class TriggerHit(models.Model):
    """A person who newly qualified for a trigger program in a qualifying period: told once for it."""

    program_code = models.CharField(_("program"), max_length=64)
    resident_id = models.CharField(_("resident id"), max_length=20)
    period_key = models.CharField(_("qualifying period"), max_length=32)
    qualified_on = models.DateField(_("qualified on"))
    run = models.ForeignKey(TriggerRun, on_delete=models.CASCADE, related_name="hits")

    objects = TriggerHitQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program_code", "resident_id", "period_key"],
                                               name="one_hit_per_period")]


class TriggerPresence(models.Model):
    """The last day a person was seen qualifying (for programs told once per uninterrupted episode)."""

    program_code = models.CharField(max_length=64)
    resident_id = models.CharField(max_length=20)
    episode_start = models.DateField()
    last_seen_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program_code", "resident_id"], name="one_presence")]
