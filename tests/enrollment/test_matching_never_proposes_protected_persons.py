"""A person under 支援措置 (or in a household with one) is never proposed; the result only says that a
protected person fitted, so staff handle the application by hand."""

from datetime import date

from foryou.enrollment.matching import ApplicationData, candidates
from foryou.dev.matching_sample import person, registry, town_rows

BORN = date(1982, 11, 3)


def _search(con, name="鈴木 花子", kana="すずき はなこ"):
    return candidates(con, ApplicationData(name, kana, BORN, "2600026", "千葉港1-1"), town_rows())


def test_a_protected_person_is_not_proposed_and_the_flag_is_set():
    con = registry([
        person("0000000019", "鈴木\u3000花子", "スズキ ハナコ", BORN, protected=True),
        person("0000000027", "鈴木\u3000花江", "スズキ ハナエ", BORN),
    ])

    found = _search(con)

    assert [c.resident_id for c in found] == ["0000000027"]
    assert found.protected_match is True
    assert "0000000019" not in repr(found) and "花子" not in repr(found)


def test_a_member_of_a_protected_household_is_not_proposed_either():
    con = registry([
        person("0000000019", "鈴木\u3000花子", "スズキ ハナコ", BORN, household_id="0000300011"),
        person("0000000027", "鈴木\u3000一郎", "スズキ イチロウ", date(1980, 1, 1), household_id="0000300011",
               relationship="夫", protected=True),
    ])

    found = _search(con)

    assert list(found) == []
    assert found.protected_match is True


def test_the_flag_stays_down_when_no_protected_person_fits():
    con = registry([
        person("0000000019", "鈴木\u3000花子", "スズキ ハナコ", BORN),
        person("0000000027", "中村\u3000次郎", "ナカムラ ジロウ", BORN, protected=True),
    ])

    found = _search(con)

    assert [c.resident_id for c in found] == ["0000000019"]
    assert found.protected_match is False
