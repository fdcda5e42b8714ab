"""`foryou outcomes record`: record take-up from the current analysis snapshot when the latest import's
recording failed (the import's record says takeups_failed); nothing to do otherwise."""

from django.core.management.base import BaseCommand, CommandError

from foryou.outcomes import services
from foryou.residents.store import NoSnapshot


class Command(BaseCommand):
    help = "Record take-up events from the latest import again, if recording them after the import failed."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["record"], help="record: retry the latest import's take-up recording")

    def handle(self, *args, action, **options):
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
