from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foryou.shared.jp.dates import (
    EXACT, NON_CALENDAR, UNKNOWN, UNKNOWN_DAY, UNKNOWN_MONTH, NotADate, fiscal_year, parse_date,
    parse_registry_date, wareki,
)


@pytest.mark.parametrize("day, text", [
    (date(2026, 11, 27), "令和8年11月27日"),
    (date(2019, 5, 1), "令和元年5月1日"),
    (date(2019, 4, 30), "平成31年4月30日"),
    (date(1989, 1, 7), "昭和64年1月7日"),
    (date(1926, 12, 25), "昭和元年12月25日"),
])
def test_dates_are_written_in_the_japanese_era(day, text):
    assert wareki(day) == text


@pytest.mark.parametrize("raw", ["19850412", "1985-04-12", "1985/4/12", "昭和60年4月12日", "S60.4.12", "１９８５０４１２"])
def test_registry_dates_are_read_in_every_common_form(raw):
    assert parse_registry_date(raw).value == date(1985, 4, 12)


@pytest.mark.parametrize("raw, kind, effective", [
    ("19350400", UNKNOWN_DAY, date(1935, 4, 1)),
    ("19300000", UNKNOWN_MONTH, date(1930, 1, 1)),
    ("19450230", NON_CALENDAR, date(1945, 2, 28)),
    ("不詳", UNKNOWN, None),
    ("00000000", UNKNOWN, None),
])
def test_registry_dates_the_calendar_lacks_are_kept_and_flagged(raw, kind, effective):
    parsed = parse_registry_date(raw)
    assert (parsed.kind, parsed.effective, parsed.value, parsed.raw) == (kind, effective, None, raw)


@pytest.mark.parametrize("raw", ["19851301", "19850432", "abc", "1985", "19850012", "令和99年13月1日"])
def test_things_that_are_not_dates_are_refused(raw):
    with pytest.raises(NotADate):
        parse_registry_date(raw)


def test_an_ordinary_date_must_be_a_calendar_date():
    with pytest.raises(NotADate):
        parse_date("20260230")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_every_calendar_date_reads_back_exactly(day):
    assert parse_registry_date(day.strftime("%Y%m%d")).kind == EXACT
    assert parse_date(day.isoformat()) == day


def test_the_fiscal_year_starts_in_april():
    assert fiscal_year(date(2027, 3, 31)) == 2026
    assert fiscal_year(date(2027, 4, 1)) == 2027
