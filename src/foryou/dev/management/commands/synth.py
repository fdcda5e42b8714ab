"""`foryou synth`: write a synthetic Chiba-like city as a resident data export."""

import sys
import time
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from foryou.dev.synth import ENCODINGS, generate, summary


class Command(BaseCommand):
    help = (
        "Write a synthetic Chiba-like city as a complete resident data export (persons.csv, "
        "resident_tax.csv, allowances.csv, checkups.csv) plus the city's towns.csv. The same options "
        "always give the same bytes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--residents", type=int, required=True, help="Number of persons in persons.csv.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--out", type=Path, required=True,
                            help="Output directory; created if missing, the export's files are overwritten.")
        parser.add_argument("--encoding", choices=ENCODINGS, default="utf-8",
                            help="File encoding (default utf-8). cp932 writes 外字 substitutes (𠮷→吉, no IVS).")
        parser.add_argument("--as-of", dest="as_of", default=None,
                            help="Date the export describes, YYYY-MM-DD (default: today in Japan).")

    def handle(self, *args, **options):
        residents, seed, out = options["residents"], options["seed"], options["out"]
        if residents < 1:
            raise CommandError(f"--residents must be at least 1 (got {residents}).")
        if seed < 0:
            raise CommandError(f"--seed must be 0 or more (got {seed}).")
        if out.exists() and not out.is_dir():
            raise CommandError(f"--out {out} is a file, not a directory. Choose a directory.")
        as_of = None
        if options["as_of"]:
            try:
                as_of = date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(f"--as-of {options['as_of']!r} is not a date like 2026-11-27.")
        # Progress goes to the raw stream: a terminal bar redraws its line with "\r".
        progress = options.get("stderr") or sys.stderr
        started = time.monotonic()
        try:
            counts = generate(residents, seed, out, encoding=options["encoding"], as_of=as_of, stream=progress)
        except OSError as exc:
            raise CommandError(f"Could not write the export to {out}: {exc}")
        self.stdout.write(f"{summary(counts, time.monotonic() - started)} → {out}")
