"""allowances.csv goes to the right people in the right households, with sane dates and statuses."""

from collections import defaultdict
from datetime import date

import pytest

from foryou.residents import layout
from foryou.dev.synth import generate
from tests.residents.exports import read_rows

AS_OF = date(2026, 11, 27)
TODAY = AS_OF.strftime("%Y%m%d")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    out = tmp_path_factory.mktemp("city")
    generate(20000, seed=21, out_dir=out, as_of=AS_OF)
    persons = read_rows(out / "persons.csv")
    members = defaultdict(list)
    for p in persons:
        members[p["世帯番号"]].append(p)
    return {p["宛名番号"]: p for p in persons}, members, read_rows(out / "allowances.csv")


def test_codes_statuses_and_dates_are_valid(city):
    person, _, rows = city
    assert {r["制度コード"] for r in rows} == set(layout.ALLOWANCE_PROGRAMS)
    for r in rows:
        assert r["宛名番号"] in person
        assert r["状態"] in layout.ALLOWANCE_STATUSES
        assert r["受給開始日"] <= TODAY
        if r["受給終了日"]:
            assert r["受給開始日"] <= r["受給終了日"] <= TODAY
        if r["状態"] == "受給終了":
            assert r["受給終了日"]
    statuses = [r["状態"] for r in rows]
    assert statuses.count("受給中") > 0.8 * len(rows)
    assert statuses.count("受給終了") > 0


def test_child_allowance_goes_to_a_parent_of_a_household_with_children(city):
    person, members, rows = city
    current = [r for r in rows if r["制度コード"] == "JIDO_TEATE" and r["状態"] == "受給中"]
    assert current
    for r in current:
        p = person[r["宛名番号"]]
        assert p["続柄"] in (layout.HEAD, "妻", "夫", "子", "子の妻", "子の夫")
        children = [m for m in members[p["世帯番号"]] if m["続柄"] in ("子", "孫") and m["生年月日"] >= "20080000"]
        assert children


def test_child_rearing_allowance_goes_to_single_parents_without_a_spouse(city):
    person, members, rows = city
    fuyo = [r for r in rows if r["制度コード"] in ("JIDO_FUYO", "HITORIOYA_IRYO") and r["状態"] == "受給中"]
    assert fuyo
    for r in fuyo:
        p = person[r["宛名番号"]]
        assert p["続柄"] == layout.HEAD
        assert not any(m["続柄"] in layout.SPOUSE_RELATIONSHIPS for m in members[p["世帯番号"]])
    mothers = sum(1 for r in fuyo if person[r["宛名番号"]]["性別"] == "2")
    assert mothers / len(fuyo) > 0.7


def test_public_assistance_goes_mostly_to_older_heads(city):
    person, _, rows = city
    hogo = [person[r["宛名番号"]] for r in rows if r["制度コード"] == "SEIKATSU_HOGO"]
    assert hogo
    assert all(p["続柄"] == layout.HEAD for p in hogo)
    assert sum(1 for p in hogo if p["生年月日"] < "19620000") / len(hogo) > 0.8
