"""The synthetic city: a complete, deterministic resident-data export of a Chiba-like city.

    generate(20_000, seed=1, out_dir=Path("export"))  # → {"persons.csv": 20000, ...}

The same residents, seed, as-of and encoding always give the same bytes: all randomness comes from one
numpy PCG64 generator drawn in a fixed order, and the encoding only changes how text is written.
"""

import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO

import numpy as np

from foryou.shared.progress import step
from foryou.dev.synth import allowances, finances, health, registry, tables, writer

ENCODINGS = writer.ENCODINGS
FILES = ("persons.csv", "resident_tax.csv", "allowances.csv", "checkups.csv", tables.TOWNS_FILE)


def today_in_tokyo() -> date:
    try:
        from zoneinfo import ZoneInfo

        tz = ZoneInfo("Asia/Tokyo")
    except Exception:  # no tz database: Japan has kept UTC+9 without summer time since 1951
        tz = timezone(timedelta(hours=9))
    return datetime.now(tz).date()


class _Quiet:
    def write(self, text):
        pass

    def flush(self):
        pass

    def isatty(self):
        return False


def generate(residents: int, seed: int, out_dir: Path, encoding: str = "utf-8", as_of: date | None = None,
             stream: TextIO | None = None, timings: dict | None = None) -> dict:
    """Write the export (and the city's towns.csv) into out_dir; return the row count of each file.

    `stream` receives progress (a bar on a terminal, plain lines otherwise); None is silent.
    `timings`, if given, receives the seconds spent building the city ("build") and writing each file.
    """
    if residents < 1:
        raise ValueError("residents must be at least 1")
    if encoding not in ENCODINGS:
        raise ValueError(f"encoding must be one of {', '.join(ENCODINGS)}")
    as_of = as_of or today_in_tokyo()
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise NotADirectoryError(f"{out_dir} is not a directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    stream = stream if stream is not None else _Quiet()

    started = time.monotonic()
    rng = np.random.Generator(np.random.PCG64(seed))
    city = registry.build(rng, residents, as_of)
    money = finances.build(rng, city)
    paid = allowances.build(rng, city, money)
    checks = health.build(rng, city)
    built = time.monotonic() - started
    step(f"synth: built {city.n:,} residents in {len(city.hh_kind):,} households as of {as_of.isoformat()} "
         f"({built:.1f} s)", stream)

    counts, spent = {}, {"build": built}
    for table in (tables.persons(city), tables.resident_tax(city, money), tables.allowances(city, paid),
                  tables.checkups(city, checks), tables.towns()):
        began = time.monotonic()
        counts[table.filename] = writer.write(out_dir / table.filename, table, encoding, stream)
        spent[table.filename] = time.monotonic() - began
    if timings is not None:
        timings.update(spent)
    return counts


def summary(counts: dict, elapsed: float) -> str:
    files = ", ".join(f"{name} {rows:,}" for name, rows in counts.items())
    return f"synth: {files} rows in {elapsed:.1f} s"
