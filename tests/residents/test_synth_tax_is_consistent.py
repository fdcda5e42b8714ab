"""resident_tax.csv follows the households and the rules: who is assessed, status, levies, dependants."""

from collections import defaultdict
from datetime import date

import pytest

from foryou.dev.synth import generate
from tests.residents.exports import read_rows

AS_OF = date(2026, 11, 27)  # fiscal year 2026 (令和8年度)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    out = tmp_path_factory.mktemp("city")
    generate(5000, seed=12, out_dir=out, as_of=AS_OF)
    return read_rows(out / "persons.csv"), read_rows(out / "resident_tax.csv")


def test_rows_cover_this_and_the_previous_fiscal_year_once_per_person(city):
    persons, tax = city
    assert {row["課税年度"] for row in tax} == {"2025", "2026"}
    keys = [(row["宛名番号"], row["課税年度"]) for row in tax]
    assert len(keys) == len(set(keys))
    known = {p["宛名番号"] for p in persons}
    assert all(row["宛名番号"] in known for row in tax)


def test_only_residents_aged_sixteen_or_more_on_first_january_are_assessed(city):
    persons, tax = city
    person = {p["宛名番号"]: p for p in persons}
    for row in tax:
        p = person[row["宛名番号"]]
        jan1 = int(row["課税年度"]) * 10000 + 101
        assert (jan1 - int(p["生年月日"][:4]) * 10000 - 101) // 10000 >= 15
        assert int(p["住民となった年月日"]) <= jan1
        assert p["消除日"] == "" or int(p["消除日"]) > jan1
    adults_2026 = [p for p in persons if p["消除日"] == "" and int(p["生年月日"][:4]) <= 2008
                   and p["住民となった年月日"] <= "20260101"]
    assert sum(1 for r in tax if r["課税年度"] == "2026") >= 0.95 * len(adults_2026)


def test_status_and_levies_agree_with_income(city):
    _, tax = city
    statuses = defaultdict(int)
    for row in tax:
        income, levy, per_capita = int(row["合計所得金額"]), int(row["所得割額"]), int(row["均等割額"])
        status = row["非課税区分"]
        statuses[status] += 1
        if income <= 0:
            assert status == "2"
        if status == "2":
            assert levy == 0 and per_capita == 0
        elif status == "1":
            assert levy == 0 and per_capita == 5000
        else:
            assert per_capita == 5000
            assert 0 < levy <= 0.10 * (income - 430_000)  # 10 % of income after deductions
        if income > 2_000_000:
            assert status == "0"
    assert statuses["0"] and statuses["1"] and statuses["2"]
    zero = sum(1 for row in tax if row["合計所得金額"] == "0")
    assert 0.15 < zero / len(tax) < 0.4  # many zero incomes: students, homemakers, small pensions


def test_dependants_are_claimed_by_one_earner_per_household(city):
    persons, tax = city
    household = {p["宛名番号"]: p["世帯番号"] for p in persons}
    claimers = defaultdict(list)
    for row in tax:
        if int(row["扶養親族数"]) > 0:
            claimers[(household[row["宛名番号"]], row["課税年度"])].append(row)
            assert int(row["合計所得金額"]) > 480_000
    assert claimers
    assert all(len(rows) == 1 for rows in claimers.values())
    size = defaultdict(int)
    for p in persons:
        size[p["世帯番号"]] += 1
    for (hh, _), rows in claimers.items():
        assert int(rows[0]["扶養親族数"]) < size[hh]


def test_incomes_are_spread_like_a_log_normal_with_a_long_tail(city):
    _, tax = city
    earners = sorted(int(r["合計所得金額"]) for r in tax if int(r["合計所得金額"]) > 0)
    median = earners[len(earners) // 2]
    assert 800_000 < median < 3_500_000
    assert earners[int(len(earners) * 0.99)] > 3 * median
