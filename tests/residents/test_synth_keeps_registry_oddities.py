"""Unknown and non-calendar birth dates survive, only for the oldest, a few per city."""

import csv
from datetime import date

from foryou.dev.synth import generate


def test_each_kind_of_odd_birth_date_appears_among_people_over_eighty(tmp_path):
    generate(1000, seed=6, out_dir=tmp_path, as_of=date(2026, 11, 27))
    with open(tmp_path / "persons.csv", encoding="utf-8", newline="") as f:
        births = [row["生年月日"] for row in csv.DictReader(f)]

    def odd(value):
        try:
            date(int(value[:4]), int(value[4:6]), int(value[6:]))
            return False
        except ValueError:
            return True

    odd_ones = [b for b in births if odd(b)]
    assert any(b.endswith("0000") for b in odd_ones)
    assert any(b[4:6] != "00" and b.endswith("00") for b in odd_ones)
    assert any(b[6:] != "00" for b in odd_ones)  # 0230, 0431, ...
    assert all(int(b[:4]) <= 1946 for b in odd_ones)
    assert len(odd_ones) <= 6
