"""foryou import DIR --as-of YYYY-MM-DD: load a full export into a new analysis snapshot."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from foryou.residents.models import ImportRun
from foryou.residents.services import ImportBusy, run_import

SHOWN_PROBLEMS = 30


def parse_as_of(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("--as-of must be a date written YYYY-MM-DD, got %(value)r") % {"value": value})


class Command(BaseCommand):
    help = "Load a full resident-data export (persons, resident tax, allowances, checkups) into the analysis store."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Directory holding the export's CSV files.")
        parser.add_argument("--as-of", required=True, help="Date the export describes (YYYY-MM-DD).")
        parser.add_argument(
            "--max-errors", type=int, default=None,
            help="Row problems tolerated (rows with problems are left out); more, and nothing is applied. "
                 "Default: FORYOU_IMPORT_MAX_ERRORS or 0.",
        )

    def handle(self, *args, directory: Path, as_of: str, max_errors, **options):
        as_of_date = parse_as_of(as_of)
        if not directory.is_dir():
            raise CommandError(_("%(dir)s is not a directory. Give the directory that holds persons.csv.") % {"dir": directory})
        try:
            run = run_import(directory, as_of_date, max_errors=max_errors, stream=self.stderr)
        except ImportBusy as exc:
            raise CommandError(str(exc))
        self._report(run)
        if run.status != ImportRun.Status.APPLIED:
            raise CommandError(
                _("Import #%(id)s was not applied: %(errors)s errors. The previous data stays in use. "
                  "Fix the files and run the import again.") % {"id": run.pk, "errors": f"{run.error_count:,}"}
            )

    def _report(self, run: ImportRun) -> None:
        for problem in run.problems[:SHOWN_PROBLEMS]:
            where = ", ".join(str(x) for x in (problem["file"], problem["line"] and _("line %(line)s") % {"line": problem["line"]}, problem["column"]) if x)
            label = _("error") if problem["severity"] == "error" else _("warning")
            self.stderr.write(f"{label}: {where}: {problem['message']}")
        hidden = run.error_count + run.warning_count - min(len(run.problems), SHOWN_PROBLEMS)
        if hidden > 0:
            self.stderr.write(_("… and %(n)s more (see the import's page in the console).") % {"n": f"{hidden:,}"})
        if run.status == ImportRun.Status.APPLIED:
            counts = run.counts
            self.stdout.write(
                _("Import #%(id)s applied as of %(as_of)s: %(persons)s persons (%(current)s current), "
                  "%(households)s households, %(tax)s tax rows, %(allowances)s allowance rows, "
                  "%(checkups)s checkup rows; %(errors)s errors, %(warnings)s warnings, %(seconds).1f s.")
                % {
                    "id": run.pk, "as_of": run.as_of, "persons": f"{counts['persons']:,}",
                    "current": f"{counts['current_persons']:,}", "households": f"{counts['households']:,}",
                    "tax": f"{counts['resident_tax']:,}", "allowances": f"{counts['allowances']:,}",
                    "checkups": f"{counts['checkups']:,}", "errors": f"{run.error_count:,}",
                    "warnings": f"{run.warning_count:,}", "seconds": run.seconds or 0,
                }
            )
