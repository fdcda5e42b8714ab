"""checkups.csv holds the last three fiscal years of checkups and vaccinations, each at a fitting age."""

from collections import Counter
from datetime import date

import pytest

from foryou.residents import layout
from foryou.dev.synth import generate
from tests.residents.exports import read_rows

AS_OF = date(2026, 11, 27)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    out = tmp_path_factory.mktemp("city")
    generate(20000, seed=31, out_dir=out, as_of=AS_OF)
    return {p["宛名番号"]: p for p in read_rows(out / "persons.csv")}, read_rows(out / "checkups.csv")


def age_on(p, day):
    return (int(day) - int(p["生年月日"][:4]) * 10000 - int(p["生年月日"][4:6] or 1) * 100) // 10000


def test_kinds_are_from_the_layout_and_dates_are_within_three_years_before_as_of(city):
    person, rows = city
    assert {r["種別"] for r in rows} == set(layout.CHECKUP_KINDS)
    for r in rows:
        assert "20240401" <= r["実施日"] <= "20261127"
        p = person[r["宛名番号"]]
        assert p["住民となった年月日"] <= r["実施日"]
        assert p["消除日"] == "" or r["実施日"] < p["消除日"]


def test_each_kind_is_done_at_its_age(city):
    person, rows = city
    for r in rows:
        p, kind, day = person[r["宛名番号"]], r["種別"], r["実施日"]
        days_old = (date(int(day[:4]), int(day[4:6]), int(day[6:])) -
                    date(int(p["生年月日"][:4]), int(p["生年月日"][4:6] or 1) or 1, 1)).days
        if kind == "乳児一般健康診査1回目":
            assert 0 <= days_old <= 80
        elif kind == "乳児一般健康診査2回目":
            assert 240 <= days_old <= 345
        elif kind in ("水痘1回目", "麻しん風しん1期"):
            assert 330 <= days_old <= 680
        elif kind == "特定健診":
            assert 39 <= age_on(p, day) <= 75
        elif kind == "二種混合":
            assert 10 <= age_on(p, day) <= 13
        elif kind == "高齢者肺炎球菌":
            assert age_on(p, day) >= 63
        elif kind == "前立腺がん検診":
            assert p["性別"] == "1"
        elif kind == "骨粗しょう症検診":
            assert p["性別"] == "2"


def test_about_a_third_of_those_aged_40_to_74_take_the_specific_checkup_each_year(city):
    person, rows = city
    fy2025 = Counter(r["宛名番号"] for r in rows if r["種別"] == "特定健診" and "20250401" <= r["実施日"] <= "20260331")
    eligible = [p for p in person.values() if 1951 <= int(p["生年月日"][:4]) <= 1985 and p["消除日"] == ""]
    share = sum(1 for p in eligible if p["宛名番号"] in fy2025) / len(eligible)
    assert 0.25 < share < 0.45
    assert max(fy2025.values()) == 1
