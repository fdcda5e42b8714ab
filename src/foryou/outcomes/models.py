"""Take-up events, read from each import (decision 0020): kept in the console database because each
import replaces the analysis snapshot with the export as it is that day, while an effect is measured
over weeks of exports; only registrants' events of programs with an outcome are kept, RETAIN_TAKEUPS_DAYS
after their date."""

from datetime import date

from django.db import connections, models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from foryou.outcomes.definitions import Source


class TakeUpQuerySet(models.QuerySet):
    def of_program(self, program: str):
        return self.filter(program=program)

    def between(self, first: date, last: date):
        return self.filter(took_up_on__gte=first, took_up_on__lte=last)

    def day_texts(self):
        """(resident_id, day as YYYY-MM-DD) of each row. The day comes as text: reading a year of a program's
        events, converting each to a date would cost more than the query (ISO text is what SQLite stores and
        what PostgreSQL writes under the ISO DateStyle psycopg requires)."""
        return self.annotate(day=Cast("took_up_on", models.CharField())).values_list("resident_id", "day")

    def days_in_order(self):
        """day_texts(), earliest day first."""
        return self.order_by("took_up_on").day_texts()

    def fetch_all(self) -> list[tuple]:
        """The rows of this values_list() query as the database returns them, without the ORM's work per
        row: a page reads a program's events of a whole window for every notice it shows."""
        sql, params = self.query.get_compiler(using=self.db).as_sql()
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


class TakeUp(models.Model):
    """A registrant took up a program on a day, as an import showed it (an allowance record starting, a
    checkup done). Never changed once written; the same event seen in a later import is not written again."""

    program = models.CharField(_("program"), max_length=64)
    resident_id = models.CharField(_("resident id"), max_length=20)
    took_up_on = models.DateField(_("took up on"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    seen_on = models.DateField(_("first seen in the export of"))  # the as-of date of that import

    objects = TakeUpQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["program", "resident_id", "took_up_on", "source"],
                                               name="takeup_once")]
        # Covering the effect's query (a program's events in a window, by day): read from the index alone.
        indexes = [models.Index(fields=["program", "took_up_on", "resident_id", "source"], name="takeup_program_day"),
                   models.Index(fields=["took_up_on"], name="takeup_day")]
        verbose_name = _("take-up")


class TakeUpRecordingQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-as_of", "-id")


class TakeUpRecording(models.Model):
    """Take-up events were recorded from one applied import: the as-of date up to which outcome data is
    known. An import without one (recording failed) is recorded again by `foryou outcomes record`."""

    import_run = models.OneToOneField("residents.ImportRun", on_delete=models.CASCADE, related_name="takeup_recording")
    as_of = models.DateField(_("as of"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    # {program code: new events} for each program that had an outcome then
    counts = models.JSONField(_("new take-up events"), default=dict)

    objects = TakeUpRecordingQuerySet.as_manager()

    class Meta:
        ordering = ["-as_of", "-id"]
        verbose_name = _("take-up recording")
