"""Targeting benchmark on a synthetic city (default 1,000,000 residents): 児童扶養手当 (a household test
and a tax lookup, programs/jido-fuyo-teate.yml) counted, its recipients listed and its funnel drawn, then
every program in programs/ counted one after another.

    .venv/bin/python benchmarks/bench_targeting.py [--residents N] [--export DIR] [--snapshot FILE] [--repeat 15]

    # Yokohama's size (the export takes about a minute to generate and is kept for the next run):
    FORYOU_BENCH_RESIDENTS=3800000 .venv/bin/python benchmarks/bench_targeting.py --export /tmp/city38m --skip-slow

Prints medians and their targets (issue 18: at 1,000,000 count ≤ 20 ms, recipients ≤ 60 ms, funnel
≤ 80 ms, all programs ≤ 500 ms; at 3,800,000 count ≤ 60 ms, recipients ≤ 200 ms), each with its ratio to
the floor measured in this same run: one DuckDB scan of the persons table testing two columns (what any
count must at least read). Then the same program by the reference evaluator (plain Python), by a
Django-ORM query on SQLite, and by OpenFisca-Japan when it is installed in a virtualenv of its own
(OPENFISCA_JAPAN_PYTHON: its python; AGPL, so never in the product), with their ratios to DuckDB.
The machine's load average is printed with the figures: on a shared machine, compare ratios, and the
process CPU times printed beside each figure (DuckDB's threads together), which waiting for a core does
not inflate.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 27)
ROOT = Path(__file__).resolve().parent.parent
TARGETS_1M = {"count": 20, "recipients": 60, "funnel": 80, "all programs": 500}
TARGETS_3_8M = {"count": 60, "recipients": 200}
OPENFISCA_DEFAULT = Path.home() / "openfisca-japan" / ".venv" / "bin" / "python"
FLOOR_SQL = "SELECT count(*) FROM persons WHERE is_current AND relationship = '世帯主'"


# Median process CPU time of each figure (DuckDB's threads together), by name: on a loaded machine wall
# times mostly measure waiting for a core, CPU times much less so.
CPU_MS: dict[str, float] = {}


def median_ms(fn, repeat: int, name: str | None = None) -> tuple[float, object]:
    times, cpu, result = [], [], None
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    if name:
        CPU_MS[name] = statistics.median(cpu)
    return statistics.median(times), result


def target_for(name: str, residents: int) -> str:
    if residents >= 3_000_000 and name in TARGETS_3_8M:
        return f"target {TARGETS_3_8M[name]} at 3.8M"
    return f"target {TARGETS_1M[name]} at 1M" if name in TARGETS_1M else "no target"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=int(os.environ.get("FORYOU_BENCH_RESIDENTS", 1_000_000)))
    parser.add_argument("--export", type=Path, help="Reuse (or create) the synthetic export here.")
    parser.add_argument("--snapshot", type=Path, help="Reuse this analysis snapshot file (no import).")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--registrants", type=int, default=12_615, help="Registered residents (Chiba, 2024-07).")
    parser.add_argument("--skip-slow", action="store_true", help="Skip the reference, ORM and OpenFisca comparisons.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="foryou-bench-target-"))
    os.environ.update(FORYOU_DEMO="1", FORYOU_DATA_DIR=str(work / "var"), DJANGO_SETTINGS_MODULE="foryou.settings.embedded")
    export = args.export or work / "export"
    import django

    django.setup()
    from django.core.management import call_command

    from foryou.programs.definition import load_program
    from foryou.residents import store
    from foryou.rules import engine, recipients
    from foryou.rules.compiler import sql_for

    if args.snapshot:
        con = store.open_snapshot(args.snapshot)
        print(f"city: reusing {args.snapshot}")
    else:
        from foryou.dev.synth import generate
        from foryou.residents.services import run_import

        if not (export / "persons.csv").exists():
            with open(os.devnull, "w") as quiet:
                generate(args.residents, 1, export, as_of=AS_OF, stream=quiet)
        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as quiet:
            run = run_import(export, AS_OF, stream=quiet)
        print(f"city: imported in {run.seconds:.1f} s; snapshot {store.current_snapshot_path()}")
        con = store.connect()
    residents = con.execute("SELECT count(*) FROM persons WHERE is_current").fetchone()[0]
    households = con.execute("SELECT count(*) FROM households").fetchone()[0]
    print(f"      {residents:,} current residents, {households:,} households; "
          f"load average {os.getloadavg()[0]:.2f} (2 cores; other work on the machine slows every figure)")

    program = load_program(ROOT / "programs" / "jido-fuyo-teate.yml")
    ctx = engine.context_for(con, AS_OF)
    adults = [r[0] for r in con.execute("SELECT resident_id FROM persons WHERE is_current AND birth_date <= DATE '2008-01-01' ORDER BY pid").fetchall()]
    rng = random.Random(7)
    registrants = [recipients.Registrant(f"N{i:07d}", rid, True, frozenset({"tax"}) if rng.random() < 0.6 else frozenset())
                   for i, rid in enumerate(rng.sample(adults, min(args.registrants, len(adults))))]

    floor_ms, _ = median_ms(lambda: con.execute(FLOOR_SQL).fetchone(), args.repeat, "floor")
    count_ms, count = median_ms(lambda: engine.count(con, program.conditions, ctx), args.repeat, "count")
    recipients_ms, found = median_ms(
        lambda: recipients.resolve(con, program.conditions, ctx, program.recipients, registrants), args.repeat, "recipients")
    # The funnel as staff see it (the editor's chain, rules/chain.py); run each time (only its SQL is kept).
    funnel_ms, funnel = median_ms(lambda: engine.funnel(con, program.conditions, ctx), max(3, args.repeat // 3), "funnel")
    print(f"program: {program.name} — {count:,} target persons, {len(found):,} recipients among "
          f"{len(registrants):,} registrants")
    print(f"floor: one scan of persons testing two columns {floor_ms:.1f} ms (median; CPU {CPU_MS['floor']:.1f} ms)")
    for name, ms in (("count", count_ms), ("recipients", recipients_ms), ("funnel", funnel_ms)):
        print(f"duckdb: {name:<11}{ms:7.1f} ms  ({target_for(name, residents)}; {ms / floor_ms:.1f}× the floor; "
              f"CPU {CPU_MS[name]:.1f} ms, {CPU_MS[name] / CPU_MS['floor']:.1f}× the floor's)")
    for step in funnel:
        print(f"  {step.count:>10,}  {step.label}")

    all_programs(con, ctx, residents, floor_ms, sql_for)
    explain_some(con, program, ctx, floor_ms, args.repeat)
    if args.skip_slow:
        return
    compare_slow(con, program, ctx, count, count_ms, work, args.repeat, export)


def all_programs(con, ctx, residents: int, floor_ms: float, sql_for) -> None:
    """Every program counted once, as `foryou programs count` and the programs page do: the first pass
    compiles each program's SQL, the next ones reuse it (rules/compiler.sql_for)."""
    from foryou.programs.definition import load_program
    from foryou.rules import engine

    programs = [load_program(path) for path in sorted((ROOT / "programs").glob("*.yml"))]
    started = time.perf_counter()
    for p in programs:
        sql_for("count", p.conditions, ctx)
    compile_ms = (time.perf_counter() - started) * 1000
    passes, cpu_passes, slowest = [], [], {}
    for _ in range(3):
        started, cpu_started = time.perf_counter(), time.process_time()
        for p in programs:
            begun = time.perf_counter()
            engine.count(con, p.conditions, ctx)
            slowest[p.code] = min(slowest.get(p.code, 1e9), (time.perf_counter() - begun) * 1000)
        passes.append((time.perf_counter() - started) * 1000)
        cpu_passes.append((time.process_time() - cpu_started) * 1000)
    total, cpu = statistics.median(passes), statistics.median(cpu_passes)
    # Each program's count reads persons at least once: the floor for all of them is one floor per program.
    print(f"duckdb: all programs {total:7.1f} ms  ({target_for('all programs', residents)}; {total / floor_ms:.0f}× the floor, "
          f"{total / (floor_ms * len(programs)):.1f}× {len(programs)} floors; CPU {cpu:.0f} ms, "
          f"{cpu / (CPU_MS['floor'] * len(programs)):.1f}× {len(programs)} floors' CPU) — {len(programs)} programs counted, "
          f"median of 3 passes, + {compile_ms:.0f} ms to compile on the first pass")
    for code, ms in sorted(slowest.items(), key=lambda kv: -kv[1])[:5]:
        print(f"  {ms:7.1f} ms  {code}")


def explain_some(con, program, ctx, floor_ms: float, repeat: int) -> None:
    """Why one resident is (not) a target, as staff ask it on the programs page and in casework: the
    person's household and its rows read from the store, then the reference evaluator over them."""
    from foryou.rules.explain import explain_person

    people = [r[0] for r in con.execute(
        "SELECT resident_id FROM persons WHERE is_current USING SAMPLE reservoir(%d ROWS) REPEATABLE (7)" % repeat).fetchall()]
    times = []
    for resident_id in people:
        started = time.perf_counter()
        explain_person(con, program.conditions, ctx, resident_id)
        times.append((time.perf_counter() - started) * 1000)
    print(f"explain one resident: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms over {len(people)} "
          f"residents ({statistics.median(times) / floor_ms:.1f}× the floor; no target: a page staff open one at a time)")


def compare_slow(con, program, ctx, count: int, count_ms: float, work: Path, repeat: int, export: Path) -> None:
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
    orm_ms, orm = orm_count(con, work / "orm.sqlite3", ctx, repeat)
    print(f"Django ORM on SQLite: {orm:,} persons in {orm_ms:,.0f} ms — {orm_ms / count_ms:,.0f}× DuckDB's count")
    openfisca(export, count_ms)
    if not reference == orm == count:
        sys.exit(f"engines disagree: duckdb {count}, reference {reference}, orm {orm}")


def openfisca(export: Path, count_ms: float) -> None:
    """OpenFisca-Japan from its own virtualenv: benchmarks/openfisca_japan_jido.py prints its seconds."""
    python = Path(os.environ.get("OPENFISCA_JAPAN_PYTHON", OPENFISCA_DEFAULT))
    if not python.exists():
        print(f"OpenFisca-Japan: skipped: OpenFisca-Japan not found at {python} (set OPENFISCA_JAPAN_PYTHON to the "
              f"python of a virtualenv with openfisca-japan installed)")
        return
    if not (export / "persons.csv").exists():
        print("OpenFisca-Japan: skipped: it reads the export's CSV files; pass --export DIR with --snapshot")
        return
    out = subprocess.run([str(python), str(ROOT / "benchmarks" / "openfisca_japan_jido.py"), str(export), AS_OF.isoformat()],
                         capture_output=True, text=True)
    if out.returncode:
        print(f"OpenFisca-Japan: failed ({out.stderr.strip().splitlines()[-1] if out.stderr.strip() else out.returncode})")
        return
    lines = out.stdout.strip().splitlines()
    seconds = float(lines[-1])
    print(f"OpenFisca-Japan: {seconds * 1000:,.0f} ms to build and compute — {seconds * 1000 / count_ms:,.0f}× DuckDB's count"
          f" ({'; '.join(lines[:-1])})")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
