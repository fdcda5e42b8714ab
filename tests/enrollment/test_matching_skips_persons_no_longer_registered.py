"""A person removed from the register (moved away, deceased) is not proposed."""

from datetime import date

from foryou.enrollment.matching import ApplicationData, candidates
from foryou.dev.matching_sample import person, registry, town_rows

BORN = date(1950, 4, 1)


def test_a_removed_person_is_not_proposed():
    con = registry([
        person("0000000019", "伊藤\u3000清", "イトウ キヨシ", BORN, is_current=False),
        person("0000000027", "伊藤\u3000清", "イトウ キヨシ", BORN, town_code="0103000", town_name="新町"),
    ])

    found = candidates(con, ApplicationData("伊藤 清", "いとう きよし", BORN, "2600026", "千葉港1-1"), town_rows())

    assert [c.resident_id for c in found] == ["0000000027"]


def test_a_removed_protected_person_does_not_raise_the_flag():
    con = registry([person("0000000019", "伊藤\u3000清", "イトウ キヨシ", BORN, is_current=False, protected=True)])

    found = candidates(con, ApplicationData("伊藤 清", "いとう きよし", BORN, "", ""), town_rows())

    assert list(found) == [] and found.protected_match is False
