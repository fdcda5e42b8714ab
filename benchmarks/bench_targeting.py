"""Targeting benchmark on a synthetic city (default 1,000,000 residents), for a program with a household
test and a tax lookup (児童扶養手当, programs/jido-fuyo-teate.yml).

    .venv/bin/python benchmarks/bench_targeting.py [--residents N] [--export DIR] [--repeat 15]

Prints the median count, recipient-list and funnel times on DuckDB (budgets: 100 ms, 500 ms, 1 s), then
the same program by the reference evaluator (plain Python) and by a Django-ORM query on SQLite, with
their ratios to DuckDB measured in this same run.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 27)
ROOT = Path(__file__).resolve().parent.parent


def median_ms(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--export", type=Path, help="Reuse (or create) the synthetic export here.")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--registrants", type=int, default=12_615, help="Registered residents (Chiba, 2024-07).")
    parser.add_argument("--skip-slow", action="store_true", help="Skip the reference and ORM comparisons.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="foryou-bench-target-"))
    os.environ.update(FORYOU_DEMO="1", FORYOU_DATA_DIR=str(work / "var"), DJANGO_SETTINGS_MODULE="foryou.settings.embedded")
    export = args.export or work / "export"
    import django

    django.setup()
    from django.core.management import call_command

    from foryou.programs.definition import load_program
    from foryou.residents import store
    from foryou.residents.services import run_import
    from foryou.dev.synth import generate
    from foryou.rules import engine, recipients

    if not (export / "persons.csv").exists():
        with open(os.devnull, "w") as quiet:
            generate(args.residents, 1, export, as_of=AS_OF, stream=quiet)
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        run = run_import(export, AS_OF, stream=quiet)
    print(f"city: {run.counts['current_persons']:,} current residents, {run.counts['households']:,} households "
          f"(import {run.seconds:.1f} s)")

    program = load_program(ROOT / "programs" / "jido-fuyo-teate.yml")
    con = store.connect()
    ctx = engine.context_for(con, AS_OF)
    adults = [r[0] for r in con.execute("SELECT resident_id FROM persons WHERE is_current AND birth_date <= DATE '2008-01-01'").fetchall()]
    rng = random.Random(7)
    registrants = [recipients.Registrant(f"N{i:07d}", rid, True, frozenset({"tax"}) if rng.random() < 0.6 else frozenset())
                   for i, rid in enumerate(rng.sample(adults, min(args.registrants, len(adults))))]

    count_ms, count = median_ms(lambda: engine.count(con, program.conditions, ctx), args.repeat)
    recipients_ms, found = median_ms(
        lambda: recipients.resolve(con, program.conditions, ctx, program.recipients, registrants), args.repeat)
    funnel_ms, funnel = median_ms(lambda: engine.funnel(con, program.conditions, ctx), max(3, args.repeat // 3))
    print(f"program: {program.name} — {count:,} target persons, {len(found):,} recipients among "
          f"{len(registrants):,} registrants")
    print(f"duckdb: count {count_ms:.1f} ms (budget 100), recipients {recipients_ms:.1f} ms (budget 500), "
          f"funnel {funnel_ms:.1f} ms (budget 1000) — medians")
    for step in funnel:
        print(f"  {step.count:>10,}  {step.label}")
    if args.skip_slow:
        return

    from benchmarks.orm_sqlite import orm_count
    from foryou.rules.reference import City, Evaluator

    def rows(table):
        cursor = con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]

    started = time.perf_counter()
    city = City(rows("persons"), rows("resident_tax"), [], rows("allowances"))
    load_s = time.perf_counter() - started
    reference_ms, reference = median_ms(lambda: len(Evaluator(program.conditions, ctx, city).matches()), 1)
    print(f"reference evaluator: {reference:,} persons in {reference_ms:,.0f} ms (+{load_s:.1f} s to load rows) — "
          f"{reference_ms / count_ms:,.0f}× DuckDB's count")
    orm_ms, orm = orm_count(con, work / "orm.sqlite3", ctx, args.repeat)
    print(f"Django ORM on SQLite: {orm:,} persons in {orm_ms:,.0f} ms — {orm_ms / count_ms:,.0f}× DuckDB's count")
    if not reference == orm == count:
        sys.exit(f"engines disagree: duckdb {count}, reference {reference}, orm {orm}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
