"""foryou programs list|test: the program definitions in programs/ and their example tests."""

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from foryou.programs import catalog
from foryou.programs.definition import ProgramError
from foryou.programs.testing import run_all
from foryou.programs.triggers import run_trigger
from foryou.residents import store
from foryou.rules import engine


class Command(BaseCommand):
    help = "List the programs, or run every program's example persons (rules as code)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "test", "count", "triggers"])
        parser.add_argument("--as-of", help="For count and triggers: the day (YYYY-MM-DD, default today in Japan).")
        parser.add_argument("--dir", type=Path, default=None, help="Folder of program YAML files (default: programs/).")
        parser.add_argument("--files", action="store_true",
                            help="Use the program files as they are, without the changes saved in the staff console "
                                 "(list, count and triggers use the programs in effect; test always uses the files).")

    def handle(self, *args, action: str, dir: Path | None, as_of=None, files: bool = False, **options):
        directory = dir or Path(settings.PROGRAMS_DIR)
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder of program files. Give one with --dir.")
        try:
            # The examples belong to the files; everything else runs the programs in effect (each file
            # with the conditions of its latest revision saved in the console).
            programs = catalog.all_programs(directory, revisions=not files and action != "test")
        except ProgramError as exc:
            raise CommandError(f"{exc}. Fix the file and run again.")
        if action == "list":
            for p in programs:
                flags = " ".join(x for x in ("[trigger]" if p.trigger else "", "[税情報]" if p.consents else "",
                                             "[example]" if p.example else "",
                                             f"[revision {p.revision.pk}]" if getattr(p, "revision", None) else "") if x)
                self.stdout.write(f"{p.code:<32} {p.name}  ({p.department}) {flags}")
            self.stdout.write(f"{len(programs)} programs")
            return
        if action == "count":
            return self.count(programs, as_of)
        if action == "triggers":
            return self.triggers(programs, as_of)
        outcomes = run_all(programs)
        failed = [o for o in outcomes if not o.passed]
        for o in outcomes:
            mark = "ok  " if o.passed else "FAIL"
            self.stdout.write(f"{mark} {o.program.file} {o.test.path}: {o.test.name}")
            for failure in o.failures:
                self.stdout.write(f"       {failure}")
        untested = [p.code for p in programs if not any(t.qualify for t in p.tests) or not any(t.not_qualify for t in p.tests)]
        self.stdout.write(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
        if untested:
            self.stdout.write(f"programs lacking an example that must qualify or one that must not: {', '.join(untested)}")
        if failed or untested:
            raise CommandError(f"{len(failed)} program tests failed; {len(untested)} programs lack examples.")

    def _day_and_store(self, as_of):
        try:
            day = date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"--as-of must be a date written YYYY-MM-DD, got {as_of!r}.")
        try:
            return day, store.connect()
        except store.NoSnapshot as exc:
            raise CommandError(str(exc))

    def triggers(self, programs, as_of) -> None:
        """The daily run: every trigger program, catching up missed days; prints who newly qualifies."""
        from foryou.notices import audience
        from foryou.notices.automation import automatic_notices

        # A program with an automatic notice runs with the conditions its approval pinned, as the
        # scheduler's run does: who is marked told must be who that notice reaches.
        pinned = {n.program_code: audience.program_for(n.sendable) for n in automatic_notices()}
        day, con = self._day_and_store(as_of)
        with con:
            for p in (pinned.get(p.code, p) for p in programs if p.trigger):
                for result in run_trigger(con, p, day):
                    self.stdout.write(f"{result.day}  {p.name}: {result.qualifying:,} qualifying, "
                                      f"{len(result.new_ids):,} new")

    def count(self, programs, as_of) -> None:
        """Target persons of every program in the current snapshot."""
        day, con = self._day_and_store(as_of)
        with con:
            ctx = engine.context_for(con, day)
            total = 0.0
            for p in programs:
                n, seconds = engine.timed(engine.count, con, p.conditions, ctx)
                total += seconds
                self.stdout.write(f"{n:>10,}  {p.name}  ({seconds * 1000:.0f} ms)")
        self.stdout.write(f"{len(programs)} programs counted as of {day} in {total:.2f} s")
