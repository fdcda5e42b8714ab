"""Japanese dates: era (和暦) formatting for printed matter, and parsing of registry date strings.

Registry dates may be unknown in part (00 for month or day) or not calendar dates at all (2月30日 in old
family registers); the standard allows both, so parsing keeps the original and says what it is.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

# (era, first day). Meiji dates before the solar calendar (1873) are not distinguished here.
ERAS = (
    ("令和", "R", date(2019, 5, 1)),
    ("平成", "H", date(1989, 1, 8)),
    ("昭和", "S", date(1926, 12, 25)),
    ("大正", "T", date(1912, 7, 30)),
    ("明治", "M", date(1868, 1, 25)),
)
ERA_FIRST_YEAR = {name: start.year for name, _, start in ERAS} | {letter: start.year for _, letter, start in ERAS}

EXACT = "exact"
UNKNOWN_DAY = "unknown_day"  # e.g. 19350400: month known, day 00
UNKNOWN_MONTH = "unknown_month"  # e.g. 19300000: only the year known
NON_CALENDAR = "non_calendar"  # e.g. 19450230: a day the calendar does not have
UNKNOWN = "unknown"  # 不詳, 00000000: nothing known

_WESTERN = re.compile(r"^(\d{4})(?:(\d{2})(\d{2})|[-/.](\d{1,2})[-/.](\d{1,2}))$")
_ERA = re.compile(r"^(明治|大正|昭和|平成|令和|[MTSHR])\s*(\d{1,2}|元)(?:年|[./-])\s*(\d{1,2})(?:月|[./-])\s*(\d{1,2})日?$")
_UNKNOWN_WORDS = {"不詳", "不明", "00000000", "0000-00-00"}


@dataclass(frozen=True)
class RegistryDate:
    raw: str
    kind: str  # EXACT, UNKNOWN_DAY, UNKNOWN_MONTH, NON_CALENDAR or UNKNOWN
    value: date | None  # the calendar date when exact
    effective: date | None  # the date used for age arithmetic (first day of an unknown part; month end)

    @property
    def is_flagged(self) -> bool:
        return self.kind != EXACT


class NotADate(ValueError):
    pass


def _split(text: str) -> tuple[int, int, int]:
    match = _WESTERN.match(text)
    if match:
        year, m1, d1, m2, d2 = match.groups()
        return int(year), int(m1 or m2), int(d1 or d2)
    match = _ERA.match(text)
    if match:
        era, year, month, day = match.groups()
        era_year = 1 if year == "元" else int(year)
        return ERA_FIRST_YEAR[era] + era_year - 1, int(month), int(day)
    raise NotADate(text)


def parse_registry_date(raw: str) -> RegistryDate:
    """Parse a registry date, keeping partly unknown and non-calendar dates. Raises NotADate."""
    text = raw.strip().translate(_FULLWIDTH_DIGITS)
    if text in _UNKNOWN_WORDS:
        return RegistryDate(raw, UNKNOWN, None, None)
    year, month, day = _split(text)
    if not 1800 <= year <= 2200 or month > 12 or day > 31:
        raise NotADate(raw)
    if month == 0:
        if day != 0:
            raise NotADate(raw)
        return RegistryDate(raw, UNKNOWN_MONTH, None, date(year, 1, 1))
    if day == 0:
        return RegistryDate(raw, UNKNOWN_DAY, None, date(year, month, 1))
    last = calendar.monthrange(year, month)[1]
    if day > last:
        return RegistryDate(raw, NON_CALENDAR, None, date(year, month, last))
    exact = date(year, month, day)
    return RegistryDate(raw, EXACT, exact, exact)


def parse_date(raw: str) -> date:
    """Parse an ordinary calendar date (Western or era forms). Raises NotADate."""
    parsed = parse_registry_date(raw)
    if parsed.kind != EXACT:
        raise NotADate(raw)
    return parsed.value


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")


def era_of(day: date) -> tuple[str, int]:
    for name, _, start in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day} is before the Meiji era")


def wareki(day: date, *, gannen: bool = True) -> str:
    """令和8年11月27日 (元年 for the first year, as official documents write it)."""
    name, year = era_of(day)
    year_text = "元" if gannen and year == 1 else str(year)
    return f"{name}{year_text}年{day.month}月{day.day}日"


def japanese_date(day: date) -> str:
    """2026年11月27日: the Western form Japanese screens use."""
    return f"{day.year}年{day.month}月{day.day}日"


def fiscal_year(day: date) -> int:
    """Japanese fiscal year (年度), which starts on 1 April."""
    return day.year if day.month >= 4 else day.year - 1
