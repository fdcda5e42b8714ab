"""Benchmark the synthetic city: wall time, rows per second for each file, peak memory.

    python benchmarks/bench_synth.py [--residents 1000000] [--seed 1] [--encoding utf-8] [--keep DIR]

The target is 1,000,000 residents in at most 60 s on a 2-core machine, with less than 3 GB of memory.
"""

import argparse
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from foryou.dev.synth import ENCODINGS, generate


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--encoding", choices=ENCODINGS, default="utf-8")
    parser.add_argument("--as-of", default="2026-11-27", help="fixed, so runs are comparable")
    parser.add_argument("--keep", type=Path, help="write here instead of a temporary directory")
    parser.add_argument("--quiet", action="store_true", help="no per-file progress")
    args = parser.parse_args(argv)

    timings = {}
    with tempfile.TemporaryDirectory(prefix="bench-synth-") as tmp:
        out = args.keep or Path(tmp)
        started = time.monotonic()
        counts = generate(args.residents, args.seed, out, encoding=args.encoding,
                          as_of=date.fromisoformat(args.as_of), stream=None if args.quiet else sys.stderr,
                          timings=timings)
        wall = time.monotonic() - started
        sizes = {name: (out / name).stat().st_size for name in counts}

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"synth benchmark: {args.residents:,} residents, seed {args.seed}, {args.encoding}")
    print(f"  build city           {timings['build']:6.2f} s")
    for name, rows in counts.items():
        seconds = timings[name]
        rate = rows / seconds if seconds > 0 else float("inf")
        print(f"  {name:<20} {seconds:6.2f} s  {rows:>10,} rows  {rate:>12,.0f} rows/s  {sizes[name] / 1e6:8.1f} MB")
    total_rows = sum(counts.values())
    print(f"  total                {wall:6.2f} s  {total_rows:>10,} rows  {total_rows / wall:>12,.0f} rows/s (wall)")
    print(f"  peak RSS             {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
