"""Effect-computation benchmark: a notice to 100,000 registrants (90% notified, 10% held out) in a
1,000,000-resident city with a year of take-up events (allowance receipts and checkups) in the console
database, as foryou.outcomes records them.

    .venv/bin/python benchmarks/bench_effect.py [--residents 1000000] [--assigned 100000] [--repeat 7]
    .venv/bin/python benchmarks/bench_effect.py --recording [--export DIR]   # also: recording after an import

The events are built directly (numpy), not by the synthetic city and importer: every resident of the
city is given the events a year of exports would show (as if all were registrants: the worst case),
about 0.47 per resident over the programs with an outcome. Prints the median time of one notice's effect
(cumulative take-up per day for both groups over a 30-day window and over the whole year, the estimate with its
intervals, the additional people) — budget 1 s — and its ratio to two floors measured in the same run:
the bare SQLite query that reads the same rows (no grouping by resident or arm, no counting), and DuckDB computing
the same per-day counts from the same rows held in memory.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
YEAR_START = date(2025, 12, 1)
START = date(2026, 6, 1)  # the notice, in the middle of the year of events
PROGRAM = "tokutei-kenshin"
# Programs with an outcome and a yearly take-up per resident, roughly as the synthetic city has them.
RATES = {"tokutei-kenshin": 0.16, "kenko-shinsa": 0.04, "haigan-daichogan-kenshin": 0.12,
         "igan-risuku-kensa": 0.01, "kotsusoshosho-kenshin": 0.01, "zenritsusengan-kenshin": 0.02,
         "shishubyo-kenshin": 0.01, "jido-fuyo-teate": 0.004, "hitorioya-katei-iryohi-josei": 0.004,
         "tokubetsu-jido-fuyo-teate": 0.001, "shinshin-shogai-jido-fukushi-teate": 0.001,
         "mashin-fushin-yobo-sesshu": 0.01, "suito-yobo-sesshu": 0.015, "nyuji-ippan-kenshin": 0.007,
         "nishu-kongo-yobo-sesshu": 0.008, "koreisha-haienkyukin": 0.006}
CHECKUP_PROGRAMS = {p for p in RATES if p not in {"jido-fuyo-teate", "hitorioya-katei-iryohi-josei",
                                                  "tokubetsu-jido-fuyo-teate", "shinshin-shogai-jido-fukushi-teate"}}


def median_ms(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def resident_ids(n: int) -> np.ndarray:
    return np.char.zfill(np.arange(1, n + 1).astype(str), 10).astype(object)


def build_events(rng, ids: np.ndarray):
    """A year of take-up events: (program, resident_id, day) with a second event for some (a repeat)."""
    rows = []
    for program, rate in RATES.items():
        who = np.flatnonzero(rng.random(len(ids)) < rate)
        days = rng.integers(0, 365, len(who))
        again = who[rng.random(len(who)) < 0.1]  # a second dose, a second record
        who, days = np.concatenate([who, again]), np.concatenate([days, rng.integers(0, 365, len(again))])
        source = "checkups" if program in CHECKUP_PROGRAMS else "allowances"
        rows.append((program, source, who, days))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--assigned", type=int, default=100_000, help="Registrants the notice was for.")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--recording", action="store_true",
                        help="Also time recording take-up after importing a synthetic city of --residents.")
    parser.add_argument("--export", type=Path, help="With --recording: reuse (or create) the synthetic export here.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="foryou-bench-effect-"))
    os.environ.update(FORYOU_DEMO="1", FORYOU_DATA_DIR=str(work / "var"),
                      DJANGO_SETTINGS_MODULE="foryou.settings.embedded")
    import django

    django.setup()
    import duckdb
    from django.core.management import call_command
    from django.db import connection, transaction

    from foryou.outcomes.estimate import additional_people, two_groups
    from foryou.outcomes.models import TakeUp
    from foryou.outcomes.takeup import cumulative

    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(1)
    ids = resident_ids(args.residents)
    started = time.perf_counter()
    events = build_events(rng, ids)
    table = TakeUp._meta.db_table
    total = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for program, source, who, days in events:
            day_text = [(YEAR_START + timedelta(days=int(d))).isoformat() for d in range(365)]
            batch = {(ids[w], day_text[d]) for w, d in zip(who.tolist(), days.tolist())}
            cursor.executemany(
                f"INSERT INTO {table} (program, resident_id, took_up_on, source, seen_on) VALUES (%s, %s, %s, %s, %s)",
                [(program, rid, day, source, day) for rid, day in batch])
            total += len(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    in_program = TakeUp.objects.filter(program=PROGRAM).count()
    print(f"city: {args.residents:,} residents, {total:,} take-up events over a year in the console database "
          f"({in_program:,} of {PROGRAM}); built in {time.perf_counter() - started:.1f} s")

    assigned = rng.choice(args.residents, args.assigned, replace=False)
    holdout_n = args.assigned // 10
    groups = {"notified": ids[assigned[holdout_n:]].tolist(), "holdout": ids[assigned[:holdout_n]].tolist()}

    def effect(start: date, days: int):
        curves = cumulative(PROGRAM, groups, start, days)
        x_t, x_c = curves["notified"][-1], curves["holdout"][-1]
        estimate = two_groups(x_t, len(groups["notified"]), x_c, len(groups["holdout"]))
        return curves, estimate, additional_people(estimate)

    two_groups(1, 10, 1, 10)  # statsmodels imported before timing
    for start, days in ((START, 30), (YEAR_START, 364)):
        last = start + timedelta(days=days)
        ms, (curves, estimate, extra) = median_ms(lambda: effect(start, days), args.repeat)

        def bare_sqlite():
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT resident_id, took_up_on FROM {table} WHERE program = %s AND "
                               f"took_up_on BETWEEN %s AND %s", [PROGRAM, start, last])
                return cursor.fetchall()

        floor_ms, rows = median_ms(bare_sqlite, args.repeat)
        program_rows = next((p for p in events if p[0] == PROGRAM))
        mem = duckdb.connect()
        mem.execute("CREATE TABLE takeup AS SELECT * FROM (SELECT unnest($r) AS resident_id, unnest($d) AS day)",
                    {"r": ids[program_rows[2]].tolist(),
                     "d": [YEAR_START + timedelta(days=int(d)) for d in program_rows[3].tolist()]})
        mem.execute("CREATE TABLE arms AS SELECT * FROM (SELECT unnest($r) AS resident_id, unnest($a) AS arm)",
                    {"r": groups["notified"] + groups["holdout"],
                     "a": [0] * len(groups["notified"]) + [1] * len(groups["holdout"])})

        def duckdb_floor():
            return mem.execute(
                """SELECT arm, offset_days, count(*) FROM (
                     SELECT a.arm, date_diff('day', $start, min(t.day)) AS offset_days FROM takeup t
                     JOIN arms a USING (resident_id) WHERE t.day BETWEEN $start AND $last GROUP BY a.arm, t.resident_id)
                   GROUP BY ALL""", {"start": start, "last": last}).fetchall()

        duck_ms, duck = median_ms(duckdb_floor, args.repeat)
        by_duckdb = sum(c for arm, _o, c in duck if arm == 0)
        if by_duckdb != curves["notified"][-1]:
            sys.exit(f"disagree: foryou {curves['notified'][-1]}, duckdb {by_duckdb}")
        print(f"effect of one notice, {days + 1}-day window: {ms:.0f} ms median (budget 1000) — "
              f"{len(rows):,} events of {PROGRAM} in the window; "
              f"notified {curves['notified'][-1]:,}/{len(groups['notified']):,}, "
              f"holdout {curves['holdout'][-1]:,}/{len(groups['holdout']):,}, "
              f"difference {estimate.difference * 100:+.2f} pp [{estimate.difference_ci[0] * 100:+.2f}, "
              f"{estimate.difference_ci[1] * 100:+.2f}] (no true effect here), additional {extra.point:+.0f}")
        print(f"  floors: bare SQLite read of the same rows {floor_ms:.0f} ms ({ms / floor_ms:.1f}× of it); "
              f"DuckDB in memory, per-day counts by arm {duck_ms:.0f} ms ({ms / duck_ms:.1f}× of it)")
        mem.close()
    if args.recording:
        bench_recording(args, work)
    shutil.rmtree(work, ignore_errors=True)  # the data directory (and the export, unless --export kept it)


def bench_recording(args, work: Path) -> None:
    """Recording after an import of the synthetic city, with --assigned registrants: the import's hook."""
    from django.utils import timezone

    from foryou.dev.synth import generate
    from foryou.enrollment.models import Registration
    from foryou.outcomes.services import record_takeups
    from foryou.residents import store
    from foryou.residents.services import run_import

    as_of = date(2026, 11, 27)
    export = args.export or work / "export"
    if not (export / "persons.csv").exists():
        with open(os.devnull, "w") as quiet:
            generate(args.residents, 1, export, as_of=as_of, stream=quiet)
    with open(os.devnull, "w") as quiet:
        run = run_import(export, as_of, stream=quiet)  # its hook records too (no registrants yet)
    with store.connect() as con:
        current = [r for (r,) in con.execute("SELECT resident_id FROM persons WHERE is_current ORDER BY resident_id").fetchall()]
    chosen = np.random.default_rng(2).choice(len(current), min(args.assigned, len(current)), replace=False)
    now = timezone.now()
    Registration.objects.bulk_create(
        [Registration(number=f"{i:016d}", resident_id=current[k], status="active", expires_at=now, activated_at=now)
         for i, k in enumerate(chosen.tolist())], batch_size=5000)
    ms, recording = median_ms(lambda: record_takeups(run), 1)
    again_ms, _again = median_ms(lambda: record_takeups(run), 1)
    print(f"recording after an import of {args.residents:,} residents with {len(chosen):,} registrants: "
          f"{sum(recording.counts.values()):,} events in {ms / 1000:.1f} s (import itself {run.seconds:.1f} s, "
          f"{ms / 1000 / run.seconds:.2f}× of it); the same export again: {again_ms / 1000:.1f} s, nothing new")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
