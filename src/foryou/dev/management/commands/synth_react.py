"""`foryou synth_react`: write a later export in which the synthetic city has reacted to a notice with a
known (simulated) effect. See foryou.dev.synth.reaction."""

import re
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from foryou.dev.synth.reaction import Reaction, read_ids, simulate


def proportion(text: str, unit: str) -> float:
    """'3%' or '+8pp' (the unit given) or a plain proportion such as 0.03."""
    match = re.fullmatch(r"\s*([+-]?\d+(?:\.\d+)?)\s*(%|pp)?\s*", text)
    if not match or (match.group(2) and match.group(2) != unit):
        raise ValueError
    value = float(match.group(1))
    return value / 100 if match.group(2) else value


class Command(BaseCommand):
    help = ("SIMULATED take-up: copy an export and add the allowance records or checkups of residents who take "
            "the program up after a notice, with a known true effect, for importing as a later export.")

    def add_arguments(self, parser):
        parser.add_argument("--export", type=Path, required=True, help="The earlier export directory (read only).")
        parser.add_argument("--out", type=Path, required=True, help="The later export directory to write.")
        parser.add_argument("--program", required=True, help="Program code; its outcome: says what take-up is.")
        parser.add_argument("--notified", type=Path, required=True, help="File of 宛名番号 told, one a line.")
        parser.add_argument("--holdout", type=Path, required=True, help="File of 宛名番号 held out, one a line.")
        parser.add_argument("--start", required=True, help="Day of the notice, YYYY-MM-DD.")
        parser.add_argument("--days", type=int, default=30, help="Days of the window (default 30).")
        parser.add_argument("--base", default="3%", help="Take-up without the notice, e.g. 3%% (default).")
        parser.add_argument("--effect", default="0pp", help="True effect of the notice, e.g. +8pp (default 0pp).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")

    def handle(self, *args, **options):
        try:
            start = date.fromisoformat(options["start"])
        except ValueError:
            raise CommandError(f"--start {options['start']!r} is not a date like 2026-06-01.")
        try:
            base = proportion(options["base"], "%")
        except ValueError:
            raise CommandError(f"--base {options['base']!r}: write a percentage such as 3%.")
        try:
            effect = proportion(options["effect"], "pp")
        except ValueError:
            raise CommandError(f"--effect {options['effect']!r}: write percentage points such as +8pp.")
        groups = {}
        for name in ("notified", "holdout"):
            try:
                groups[name] = read_ids(options[name])
            except OSError as exc:
                raise CommandError(f"--{name} {options[name]}: {exc.strerror}.")
        reaction = Reaction(options["program"], groups["notified"], groups["holdout"], start, options["days"], base, effect)
        try:
            counts = simulate(options["export"], options["out"], [reaction], seed=options["seed"])
        except (ValueError, FileNotFoundError, LookupError) as exc:
            raise CommandError(str(exc).strip("'\""))
        told, held = counts[options["program"]]["notified"], counts[options["program"]]["holdout"]
        self.stdout.write(
            f"synth_react (SIMULATED): {options['program']}: {told:,} of {len(groups['notified']):,} notified and "
            f"{held:,} of {len(groups['holdout']):,} held out took it up between {start} and "
            f"{start.fromordinal(start.toordinal() + options['days'] - 1)} → {options['out']} "
            f"(import it with --as-of {start.fromordinal(start.toordinal() + options['days'])} or later)")
