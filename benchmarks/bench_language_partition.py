"""What choosing each recipient's language version costs at send start (notices/translations.by_language):

    python benchmarks/bench_language_partition.py [--recipients 100000] [--other-languages 0.08]

Fills the console (SQLite, embedded) with N active registrations, the given share of them reading another
language than Japanese (spread over the six), then partitions the N frozen numbers three ways: the floor
(reading every registration's number, which freezing does anyway), a version with no language versions
(languages only counted) and a version with all six (each recipient's version chosen with the fallback).
Prints each time and its ratio to the floor measured in the same run. Set-up is not measured.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATA = Path(tempfile.mkdtemp(prefix="foryou-bench-languages-"))
os.environ.update(FORYOU_DATA_DIR=str(DATA), DJANGO_SETTINGS_MODULE="foryou.settings.embedded")


def setup() -> None:
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.DEBUG = False
    call_command("migrate", database="default", verbosity=0)


def populate(n: int, share: float) -> list[str]:
    from datetime import timedelta

    from django.utils import timezone

    from foryou.enrollment.models import Registration
    from foryou.shared.languages import NAMES

    others = [code for code in NAMES if code != "ja"]
    every = max(1, round(1 / share)) if share else 0
    now = timezone.now()
    numbers = [f"8{i:015d}" for i in range(n)]
    Registration.objects.bulk_create([
        Registration(number=number, resident_id=f"{i:010d}", status=Registration.Status.ACTIVE, activated_at=now,
                     expires_at=now + timedelta(days=90), channel="line",
                     language=others[(i // every) % len(others)] if every and i % every == 0 else "ja")
        for i, number in enumerate(numbers)], batch_size=5000)
    return numbers


def timed(function, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--other-languages", type=float, default=0.08)
    args = parser.parse_args()
    setup()
    from foryou.enrollment.models import Registration
    from foryou.notices.models import NoticeVersion
    from foryou.notices.translations import by_language
    from foryou.shared.languages import NAMES

    numbers = populate(args.recipients, args.other_languages)
    plain = NoticeVersion(translations={})
    every = NoticeVersion(translations={code: {"title": "t", "body": "b"} for code in NAMES if code != "ja"})
    floor = timed(lambda: list(Registration.objects.values_list("number", flat=True)))
    counted = timed(lambda: by_language(plain, numbers))
    chosen = timed(lambda: by_language(every, numbers))
    groups = {code: len(nums) for code, (nums, _asked) in by_language(every, numbers).items()}
    print(f"recipients {args.recipients:,}; {args.other_languages:.0%} read another language; versions {groups}")
    print(f"floor (every registration's number): {1000 * floor:.0f} ms")
    print(f"no language versions (counted only): {1000 * counted:.0f} ms; ratio to floor {counted / floor:.2f}")
    print(f"six language versions (chosen):      {1000 * chosen:.0f} ms; ratio to floor {chosen / floor:.2f}")


if __name__ == "__main__":
    main()
