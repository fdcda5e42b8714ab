"""`foryou outcomes record|status`: take-up recorded from the imports (foryou.outcomes).

    record  record from the current analysis snapshot when the latest import's recording failed (its
            record says takeups_failed); nothing to do otherwise
    status  each program with an outcome: what take-up means, events kept, data known through which date
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from foryou.outcomes import services
from foryou.outcomes.models import TakeUp
from foryou.outcomes.takeup import data_through
from foryou.residents.store import NoSnapshot


class Command(BaseCommand):
    help = "Take-up recorded from the imports: retry a failed recording (record), or show what is known (status)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["record", "status"],
                            help="record: retry the latest import's take-up recording; status: what is known")

    def handle(self, *args, action, **options):
        if action == "status":
            return self.status()
        run = services.unrecorded_import()
        if run is None:
            self.stdout.write("outcomes: the latest import's take-up is already recorded (or nothing imported yet).")
            return
        try:
            recording = services.record_takeups(run)
        except NoSnapshot as exc:
            raise CommandError(str(exc))
        run.counts.pop("takeups_failed", None)
        run.counts["takeups"] = sum(recording.counts.values())
        run.save(update_fields=["counts"])
        self.stdout.write(f"outcomes: recorded {run.counts['takeups']:,} new take-up events from the export "
                          f"as of {run.as_of.isoformat()} (import #{run.pk}).")

    def status(self):
        kept = dict(TakeUp.objects.values("program").annotate(n=Count("id")).values_list("program", "n"))
        for code, outcome in services.programs_with_outcomes():
            through = data_through(code)
            self.stdout.write(f"{code}\t{outcome.source}\t{','.join(outcome.codes) or '-'}\t{kept.get(code, 0):,} events"
                              f"\tdata through {through.isoformat() if through else '(nothing recorded yet)'}")
        if services.unrecorded_import() is not None:
            self.stdout.write("outcomes: the latest import's take-up was not recorded: run `foryou outcomes record`.")
