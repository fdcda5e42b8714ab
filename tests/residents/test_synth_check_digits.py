"""宛名番号 carry a valid modulus-11 check digit and are unique; 世帯番号 are ten digits."""

import csv
from datetime import date

import numpy as np

from foryou.residents.checkdigit import is_valid_resident_id, mod11_check_digit
from foryou.dev.synth import generate
from foryou.dev.synth.registry import check_digits


def test_every_resident_id_is_valid_and_unique(tmp_path):
    generate(5000, seed=2, out_dir=tmp_path, as_of=date(2026, 11, 27))
    with open(tmp_path / "persons.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))

    ids = [row["宛名番号"] for row in rows]
    assert all(len(i) == 10 and is_valid_resident_id(i) for i in ids)
    assert len(set(ids)) == len(ids)
    assert all(len(row["世帯番号"]) == 10 and row["世帯番号"].isdigit() for row in rows)


def test_the_vectorised_check_digit_matches_the_reference_one():
    bodies = np.random.Generator(np.random.PCG64(0)).integers(0, 10**9, 20000)

    expected = [mod11_check_digit(f"{b:09d}") for b in bodies.tolist()]
    assert check_digits(bodies).tolist() == expected
