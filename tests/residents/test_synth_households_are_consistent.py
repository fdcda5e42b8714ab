"""Households in the synthetic city hang together as a resident register requires."""

import csv
from collections import defaultdict
from datetime import date, timedelta

import pytest

from foryou.residents import layout
from foryou.dev.synth import generate

AS_OF = date(2026, 11, 27)
OWN_NAME = {"同居人", "妻(未届)", "夫(未届)", "妻の父", "妻の母", "夫の父", "夫の母", "縁故者"}


@pytest.fixture(scope="module")
def households(tmp_path_factory):
    out = tmp_path_factory.mktemp("city")
    generate(20000, seed=7, out_dir=out, as_of=AS_OF)
    with open(out / "persons.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    by_household = defaultdict(list)
    for row in rows:
        by_household[row["世帯番号"]].append(row)
    return by_household


def current(row):
    return row["消除日"] == ""


def born(row):
    """Birth as YYYYMMDD; an odd registry date (19350400, 19300000, 19450230) counts from 1 January."""
    value = row["生年月日"]
    try:
        date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return int(value[:4]) * 10000 + 101
    return int(value)


def years_between(older, younger):
    return (born(younger) - born(older)) // 10000


def test_every_household_with_a_current_member_has_exactly_one_current_head(households):
    for members in households.values():
        if any(current(m) for m in members):
            assert sum(1 for m in members if current(m) and m["続柄"] == layout.HEAD) == 1


def test_a_removed_person_is_head_only_when_the_whole_household_is_removed(households):
    for members in households.values():
        for m in members:
            if m["続柄"] == layout.HEAD and not current(m):
                assert not any(current(other) for other in members)


def test_children_are_at_least_fifteen_years_younger_than_their_parents(households):
    checked = 0
    for members in households.values():
        by_rel = defaultdict(list)
        for m in members:
            by_rel[m["続柄"]].append(m)
        parents = by_rel[layout.HEAD] + by_rel["妻"] + by_rel["夫"]
        for child in by_rel["子"]:
            for parent in parents:
                assert years_between(parent, child) >= 15
                checked += 1
        for grandchild in by_rel["孫"]:
            for parent in by_rel["子"] + by_rel["子の妻"] + by_rel["子の夫"]:
                assert years_between(parent, grandchild) >= 15
        for elder in by_rel["父"] + by_rel["母"]:
            for head in by_rel[layout.HEAD]:
                assert years_between(elder, head) >= 15
    assert checked > 5000


def test_household_members_share_the_family_name_except_lodgers_partners_and_in_laws(households):
    for members in households.values():
        head = next(m for m in members if m["続柄"] == layout.HEAD)
        family = head["氏名"].split("　")[0]
        for m in members:
            if m["続柄"] not in OWN_NAME:
                assert m["氏名"].split("　")[0] == family
                assert m["氏名カナ"].split(" ")[0] and len(m["氏名カナ"].split(" ")) == 2


def test_a_household_shares_one_address(households):
    for members in households.values():
        keys = {(m["町字コード"], m["番地"], m["方書"], m["郵便番号"]) for m in members}
        assert len(keys) == 1


def test_protection_orders_cover_whole_households_and_at_least_two_of_them(households):
    protected = [ms for ms in households.values() if any(m["支援措置"] == "1" for m in ms)]
    assert len(protected) >= 2
    for members in protected:
        assert all(m["支援措置"] == "1" for m in members)
    persons = sum(len(ms) for ms in protected)
    assert 5 <= persons <= 40  # about one in 2,000 of 20,000


def test_about_one_and_a_half_percent_are_removed_within_three_years_for_a_reason(households):
    rows = [m for ms in households.values() for m in ms]
    removed = [m for m in rows if not current(m)]
    assert 0.01 <= len(removed) / len(rows) <= 0.022
    earliest = (AS_OF - timedelta(days=3 * 366)).strftime("%Y%m%d")
    for m in removed:
        assert earliest <= m["消除日"] <= AS_OF.strftime("%Y%m%d")
        assert m["消除日"] >= m["住民となった年月日"]
        assert m["消除事由"] in layout.REMOVAL_REASONS
    reasons = {m["消除事由"] for m in removed}
    assert {"転出", "死亡"} <= reasons
    deaths = [m for m in removed if m["消除事由"] == "死亡"]
    assert sum(1 for m in deaths if born(m) < 19610000) / len(deaths) > 0.9  # mostly the old


def test_residents_became_residents_on_or_before_as_of_and_not_before_birth(households):
    for members in households.values():
        for m in members:
            assert m["住民となった年月日"] <= AS_OF.strftime("%Y%m%d")
            assert int(m["住民となった年月日"]) >= born(m)
            if m["異動事由"] == "出生":
                assert m["住民となった年月日"] == m["生年月日"]
            assert m["性別"] in ("1", "2")
