"""foryou target PROGRAM --as-of DATE [--explain] [--person ID] [--json]: count, funnel and timing."""

import json
import unicodedata
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from foryou.shared.jp.dates import japanese_date
from foryou.programs import catalog
from foryou.programs.definition import ProgramError
from foryou.residents import store
from foryou.rules import engine, services


def display_width(text: str) -> int:
    """Columns a text takes in a terminal: full-width Japanese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class Command(BaseCommand):
    help = "Count a program's target persons in the current analysis snapshot, with a funnel and timings."

    def add_arguments(self, parser):
        parser.add_argument("program", help="Program code (see `foryou programs list`).")
        parser.add_argument("--as-of", required=True, help="Day to evaluate on (YYYY-MM-DD).")
        parser.add_argument("--explain", action="store_true", help="Also print the count after each condition.")
        parser.add_argument("--person", help="Explain one person (宛名番号): which tests pass. Audited.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--dir", type=Path, default=None, help="Folder of program files (default: programs/).")
        parser.add_argument("--files", action="store_true",
                            help="Use the program file as it is, without the changes saved in the staff console.")

    def handle(self, *args, program: str, as_of: str, explain: bool, person, json: bool, dir, files: bool = False,
               **options):
        try:
            day = date.fromisoformat(as_of)
        except ValueError:
            raise CommandError(f"--as-of must be a date written YYYY-MM-DD, got {as_of!r}.")
        try:
            # The program in effect: its file, with the conditions of its latest revision saved in the console.
            p = catalog.get_program(program, dir or Path(settings.PROGRAMS_DIR), revisions=not files)
        except ProgramError as exc:
            raise CommandError(f"{exc}. Fix the file and run again.")
        except catalog.UnknownProgram as exc:
            raise CommandError(str(exc))
        try:
            con = store.connect()
        except store.NoSnapshot as exc:
            raise CommandError(str(exc))
        with con:
            ctx = engine.context_for(con, day)
            count, count_s = engine.timed(engine.count, con, p.conditions, ctx)
            funnel, funnel_s = engine.timed(engine.funnel, con, p.conditions, ctx) if explain or json else ([], 0.0)
        explained = services.explain(p, person, day) if person else None
        result = {
            "program": p.code, "name": p.name, "as_of": day.isoformat(), "tax_year": ctx.tax_year,
            "snapshot": store.current_snapshot_name(), "count": count,
            "funnel": [{"label": s.label, "path": s.path, "count": s.count} for s in funnel],
            "milliseconds": {"count": round(count_s * 1000, 1), "funnel": round(funnel_s * 1000, 1)},
        }
        if json:
            if explained is not None:
                result["person"] = explained.as_dict()
            self.stdout.write(__import__("json").dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(_("%(name)s (%(code)s) as of %(day)s, tax data of fiscal year %(year)s") % {
            "name": p.name, "code": p.code, "day": japanese_date(day), "year": ctx.tax_year})
        self.stdout.write(_("%(count)s target persons (%(ms)s ms)") % {"count": f"{count:,}", "ms": f"{count_s * 1000:.0f}"})
        if funnel:
            width = max(display_width(s.label) for s in funnel)
            for s in funnel:
                self.stdout.write(f"  {s.label}{' ' * (width - display_width(s.label))}  {s.count:>10,}")
            self.stdout.write(f"  ({funnel_s * 1000:.0f} ms)")
        if person:
            if explained is None:
                self.stdout.write(_("宛名番号 %(id)s is not in the current data. Check the number.") % {"id": person})
            else:
                self.stdout.write("\n".join(explained.lines()))
