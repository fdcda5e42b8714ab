from django.conf import settings
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


class ProgramRevisionQuerySet(models.QuerySet):
    def for_program(self, program_code: str):
        return self.filter(program_code=program_code).order_by("-created_at", "-id")

    def latest_for(self, program_code: str):
        return self.for_program(program_code).first()

    def latest_by_program(self) -> dict:
        """{program code: its latest revision}, in one query."""
        latest = {}
        for revision in self.order_by("program_code", "-created_at", "-id"):
            latest.setdefault(revision.program_code, revision)
        return latest


class ProgramRevision(models.Model):
    """A change of a program's conditions made in the staff console. The program in effect is its file
    in programs/ with the conditions of its latest revision (the file stays as reviewed in git)."""

    program_code = models.CharField(_("program"), max_length=64, db_index=True)
    conditions = models.JSONField(_("conditions"), help_text="The condition tree, as the program files write it.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="program_revisions")
    author_label = models.CharField(_("author"), max_length=150)
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)
    # The program's own examples, run on these conditions when they were saved.
    examples_passed = models.BooleanField(_("examples pass"), default=True)
    example_failures = models.JSONField(_("example failures"), default=list, blank=True)
    restored_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ProgramRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("program revision")

    def __str__(self):
        return f"{self.program_code} #{self.pk} {self.author_label}"
