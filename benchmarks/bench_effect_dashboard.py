"""The dashboard's effect summary over 200 notices with a holdout: each notice's experiment (assignments
stored as foryou.effect keeps them), a year of take-up events in the console database, and the summary
the dashboard shows (every notice measured: its cumulative take-up, its estimate with intervals, the
additional people, summed with an interval).

    .venv/bin/python benchmarks/bench_effect_dashboard.py [--notices 200] [--per-notice 1000] [--repeat 5]

BENCH_PROFILE=1 also prints a profile of one summary.

Budget: 2 s. Prints the median time of foryou.effect.summary.service_summary() and its ratio to a floor
measured in the same run: the bare SQLite reads of the same rows (every assignment, and the take-up
events of the notices' programs in their windows), with no grouping, counting or estimating.
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
BUDGET_MS = 2000
PROGRAMS = ["tokutei-kenshin", "kenko-shinsa", "haigan-daichogan-kenshin", "igan-risuku-kensa",
            "zenritsusengan-kenshin", "jido-fuyo-teate"]


def median_ms(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notices", type=int, default=200)
    parser.add_argument("--per-notice", type=int, default=1000, help="Registrants assigned per notice.")
    parser.add_argument("--residents", type=int, default=200_000, help="Registrants the notices draw from.")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="foryou-bench-effect-dash-"))
    os.environ.update(FORYOU_DEMO="0", FORYOU_DATA_DIR=str(work / "var"),
                      DJANGO_SETTINGS_MODULE="foryou.settings.embedded")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from foryou.effect.models import Assignment, Experiment
    from foryou.effect.summary import service_summary
    from foryou.notices.models import Notice, NoticeVersion, SendOrder
    from foryou.outcomes.models import TakeUp, TakeUpRecording
    from foryou.residents.models import ImportRun

    call_command("migrate", verbosity=0)
    rng = np.random.default_rng(1)
    started = time.perf_counter()
    today = timezone.localdate()
    ids = np.char.zfill(np.arange(1, args.residents + 1).astype(str), 10).astype(object)
    user = get_user_model().objects.create(username="bench")
    with transaction.atomic():
        run = ImportRun.objects.create(actor_label="bench", source="bench", as_of=today, status="applied")
        TakeUpRecording.objects.create(import_run=run, as_of=today, counts={p: 1 for p in PROGRAMS})
        events = []
        for program in PROGRAMS:  # a year of take-up: about 10% of residents a year, once each
            who = np.flatnonzero(rng.random(len(ids)) < 0.10)
            days = rng.integers(0, 365, len(who))
            events += [TakeUp(program=program, resident_id=ids[w], source="checkups", seen_on=today,
                              took_up_on=today - timedelta(days=int(d))) for w, d in zip(who.tolist(), days.tolist())]
        TakeUp.objects.bulk_create(events, batch_size=5000)
        assignments = []
        for i in range(args.notices):
            program = PROGRAMS[i % len(PROGRAMS)]
            notice = Notice.objects.create(program_code=program, department="健康支援課", created_by=user)
            version = NoticeVersion.objects.create(notice=notice, number=1, title=f"お知らせ {i}", body="本文",
                                                   created_by=user, approved_by=user, approved_at=timezone.now(),
                                                   holdout_percent=10, conditions={})
            sent = timezone.now() - timedelta(days=int(rng.integers(31, 330)))
            order = SendOrder.objects.create(notice=notice, version=version, kind="now", status="finished",
                                             scheduled_for=sent, started_at=sent, recipients=args.per_notice,
                                             progress={"counts": {"line:accepted": args.per_notice}})
            experiment = Experiment.objects.create(
                notice=notice, version=version, order=order, holdout_percent=10, window_days=30, seed=i,
                strata=["ward", "age_band", "channel"], arms=["holdout", "A"], started_on=sent.date(),
                started_at=sent, window_ends_at=sent + timedelta(days=30))
            chosen = rng.choice(len(ids), args.per_notice, replace=False)
            assignments += [Assignment(experiment=experiment, registration_number=f"{i:05d}{k:011d}",
                                       resident_id=ids[k], arm="holdout" if n % 10 == 0 else "A",
                                       stratum=f"0{n % 6}|40-64|line") for n, k in enumerate(chosen.tolist())]
        Assignment.objects.bulk_create(assignments, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{args.notices} notices with a 10% holdout, {len(assignments):,} assignments, {len(events):,} take-up "
          f"events; built in {time.perf_counter() - started:.1f} s")

    service_summary()  # statsmodels and the program files loaded before timing
    ms, summary = median_ms(service_summary, args.repeat)

    def bare_reads():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT experiment_id, resident_id, arm, stratum FROM {Assignment._meta.db_table}")
            rows = cursor.fetchall()
            for experiment in Experiment.objects.all():
                cursor.execute(f"SELECT resident_id, took_up_on FROM {TakeUp._meta.db_table} WHERE program = %s "
                               f"AND took_up_on BETWEEN %s AND %s",
                               [experiment.notice.program_code, experiment.started_on,
                                experiment.started_on + timedelta(days=30)])
                rows += cursor.fetchall()
        return rows

    floor_ms, rows = median_ms(bare_reads, args.repeat)
    print(f"dashboard effect summary over {args.notices} notices: {ms:.0f} ms median (budget {BUDGET_MS}) — "
          f"{summary.measured} measured, {summary.waiting} waiting, additional {summary.total:+,.0f} "
          f"[{summary.total_low:+,.0f}, {summary.total_high:+,.0f}] (no true effect here)")
    print(f"  floor: bare SQLite reads of the same {len(rows):,} rows {floor_ms:.0f} ms ({ms / floor_ms:.1f}× of it)")
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        cProfile.runctx("service_summary()", globals(), {"service_summary": service_summary}, str(work / "prof"))
        pstats.Stats(str(work / "prof")).sort_stats("cumulative").print_stats(25)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
