"""Import benchmark: a synthetic export of N residents (default 1,000,000) into a fresh data directory.

    .venv/bin/python benchmarks/bench_import.py [--residents N] [--export DIR]
    FORYOU_BENCH_RESIDENTS=3800000 .venv/bin/python benchmarks/bench_import.py --export /tmp/city38m   # Yokohama

Synth runs in a child process, so each phase's peak RSS is its own. Prints rows/s per file (read and
check stages), the builder's phases with their wall and process CPU time (CPU of every thread: DuckDB's,
and during staging and cleaning also the reader thread's, which prepares the next file meanwhile), the
total wall and CPU time, peak RSS, the bytes the import read from and wrote to disk (spills included: a
figure the machine's load does not change), and the ratio to the floor: DuckDB's own read_csv of the same files into a
fresh database file, in a child process after the import (targets: ≤ 10 s and ≤ 1.5 GB at 1,000,000;
≤ 40 s and ≤ 4 GB at 3,800,000).
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 27)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=int(os.environ.get("FORYOU_BENCH_RESIDENTS", 1_000_000)))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--export", type=Path, help="Reuse (or create) the export in this directory.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="foryou-bench-"))
    os.environ.update(FORYOU_DEMO="1", FORYOU_DATA_DIR=str(work / "var"), DJANGO_SETTINGS_MODULE="foryou.settings.embedded")
    export = args.export or work / "export"
    foryou = Path(sys.executable).with_name("foryou")

    if not (export / "persons.csv").exists():
        started = time.monotonic()
        child = subprocess.Popen([str(foryou), "synth", "--residents", str(args.residents), "--seed", str(args.seed),
                                  "--out", str(export), "--as-of", AS_OF.isoformat()], stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        if status:
            sys.exit("synth failed")
        print(f"synth: {args.residents:,} residents in {time.monotonic() - started:.1f} s, "
              f"peak RSS {usage.ru_maxrss / 1024:.0f} MB")

    import django

    django.setup()
    from django.core.management import call_command

    from foryou.residents.services import run_import

    phases = time_builder_phases()
    call_command("migrate", verbosity=0)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    io_before = disk_io()
    started, cpu_started = time.monotonic(), time.process_time()
    with open(os.devnull, "w") as quiet:
        run = run_import(export, AS_OF, stream=quiet)
    wall, cpu = time.monotonic() - started, time.process_time() - cpu_started
    io = {k: v - io_before.get(k, 0) for k, v in disk_io().items()}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if run.status != "applied":
        sys.exit(f"import {run.status}: {run.problems[:3]}")

    print(f"{'file':<18}{'rows':>11}{'MB':>8}{'read s':>9}{'rows/s':>12}{'check s':>9}{'rows/s':>12}")
    total_rows = 0
    for name, info in run.files.items():
        rows = info["rows"]
        total_rows += rows
        print(f"{name:<18}{rows:>11,}{info['bytes'] / 1e6:>8.1f}{info['read_seconds']:>9.2f}"
              f"{rows / max(info['read_seconds'], 1e-9):>12,.0f}{info['check_seconds']:>9.2f}"
              f"{rows / max(info['check_seconds'], 1e-9):>12,.0f}")
    print(f"{'phase':<32}{'wall s':>9}{'CPU s':>9}")
    for name, phase_wall, phase_cpu in phases:
        print(f"{name:<32}{phase_wall:>9.2f}{phase_cpu:>9.2f}")
    floor = read_csv_floor(export, work)
    print(f"floor: DuckDB read_csv of the same files {floor:.1f} s; import / floor = {wall / floor:.1f}x "
          f"(load average {os.getloadavg()[0]:.2f}; the snapshot stays in {work / 'var' / 'analysis'})")
    print(f"import: {total_rows:,} rows in {wall:.1f} s ({total_rows / wall:,.0f} rows/s, {cpu:.1f} s CPU), "
          f"peak RSS {peak / 1024:.0f} MB (Django and the process before the import: {before / 1024:.0f} MB); "
          f"{run.counts['current_persons']:,} current persons, {run.counts['households']:,} households")
    if io:
        print(f"disk: {io['read_bytes'] / 1e6:,.0f} MB read, {io['write_bytes'] / 1e6:,.0f} MB written by the import "
              f"(DuckDB's spills to its temporary directory included; the load of the machine does not change it)")


# The builder's steps (each present in the code measured); the write steps report their own statements (`phases`).
PHASES = ("stage_ahead", "stage", "clean", "check_persons", "check_dependants", "carry_over_history", "write_persons", "write_dependant",
          "derive", "write_meta", "close")


def disk_io() -> dict[str, int]:
    """This process's bytes read from and written to storage so far (Linux /proc; empty elsewhere)."""
    try:
        with open("/proc/self/io") as handle:
            return {k: int(v) for k, v in (line.split(": ") for line in handle) if k in ("read_bytes", "write_bytes")}
    except OSError:
        return {}


def time_builder_phases() -> list[tuple[str, float, float]]:
    """Wrap each step of SnapshotBuilder to record (name, wall s, process CPU s); the statements a step
    records in the builder's `phases` are listed after it, indented."""
    from foryou.residents.importer import build

    phases: list[tuple[str, float, float]] = []

    def timed(name, method):
        def wrapper(self, *args, **kwargs):
            label = name + (f" {args[0].table}" if args and hasattr(args[0], "table") else
                            f" {args[0].export.table}" if args and hasattr(args[0], "export") else "")
            wall, cpu = time.monotonic(), time.process_time()
            try:
                return method(self, *args, **kwargs)
            finally:
                phases.append((label, time.monotonic() - wall, time.process_time() - cpu))
                phases.extend(("  " + n, w, c) for n, w, c in getattr(self, "phases", ()))
                if hasattr(self, "phases"):
                    self.phases.clear()
        return wrapper

    for name in PHASES:
        if hasattr(build.SnapshotBuilder, name):
            setattr(build.SnapshotBuilder, name, timed(name, getattr(build.SnapshotBuilder, name)))
    return phases


FLOOR = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[2])
con.execute("SET threads = 2"); con.execute("SET enable_progress_bar = false")
started = time.monotonic()
for name in ("persons", "resident_tax", "allowances", "checkups"):
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{sys.argv[1]}/{name}.csv', all_varchar = true)")
con.execute("CHECKPOINT")
print(time.monotonic() - started)
"""


def read_csv_floor(export: Path, work: Path) -> float:
    """Seconds for DuckDB alone to load the four files as text into a database file (no checks)."""
    out = subprocess.run([sys.executable, "-c", FLOOR, str(export), str(work / "floor.duckdb")],
                         check=True, capture_output=True, text=True)
    return float(out.stdout.split()[-1])


if __name__ == "__main__":
    main()
