"""A registrar's own search of the registry, for an application no candidate fitted: by 宛名番号, or by
a name (kanji or kana, part of it is enough) with a date of birth.

Applicants mistype their birth date, so the search also tries the dates one slip away: one digit of
YYYYMMDD one more or one less, and month and day swapped. Persons under 支援措置 (or in such a
household) are never listed; that one was left out is said, never who. Each person found shows only
what is needed to choose: name, reading, birth date and town (no 番地, no 方書)."""

from dataclasses import dataclass, field
from datetime import date

from foryou.enrollment.addresses import join_parts
from foryou.enrollment.matching.normalize import kana_key, name_key
from foryou.residents import resident_ids

MOST = 20
_COLUMNS = ("resident_id", "name", "name_kana", "birth_date", "ward_name", "town_name", "protected", "household_id")
_BY_IDS = f"SELECT {', '.join(_COLUMNS)} FROM persons WHERE is_current AND list_contains($ids, resident_id)"
_BY_DAYS = f"SELECT {', '.join(_COLUMNS)} FROM persons WHERE is_current AND list_contains($days, birth_date)"
_PROTECTED = "SELECT DISTINCT household_id FROM households WHERE protected AND list_contains($ids, household_id)"


@dataclass(frozen=True)
class Found:
    resident_id: str
    name: str
    name_kana: str
    birth_date: date | None
    town: str  # ward and town only
    exact_date: bool  # born on the day typed (False: on a day one slip away)


@dataclass
class ManualResult:
    found: list[Found] = field(default_factory=list)
    protected_left_out: bool = False
    too_many: bool = False


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def nearby_dates(day: date) -> list[date]:
    """The day typed, then the days a slip away: month and day swapped, and each digit of YYYYMMDD one
    more or one less (only real dates, from 1850 to this year)."""
    found = [day]
    swapped = _valid(day.year, day.day, day.month)
    if swapped:
        found.append(swapped)
    digits = f"{day.year:04d}{day.month:02d}{day.day:02d}"
    for i, digit in enumerate(digits):
        for step in (-1, 1):
            changed = int(digit) + step
            if not 0 <= changed <= 9:
                continue
            text = digits[:i] + str(changed) + digits[i + 1:]
            other = _valid(int(text[:4]), int(text[4:6]), int(text[6:]))
            if other and 1850 <= other.year <= date.today().year:
                found.append(other)
    return list(dict.fromkeys(found))


def _kana(text: str) -> str:
    return "".join(kana_key(text).split())


def _name_fits(query: str, row: dict) -> bool:
    """The typed name (kanji or kana, part of it) is in the registry's name or reading, spaces aside."""
    wanted_name, wanted_kana = name_key(query), _kana(query)
    return bool((wanted_name and wanted_name in name_key(row["name"] or ""))
                or (wanted_kana and wanted_kana in _kana(row["name_kana"] or "")))


def search(con, *, name: str = "", birth_date: date | None = None, resident_id: str = "") -> ManualResult:
    """Current residents who fit: a 宛名番号 alone, or a name and a birth date (with its slips).
    Returns nothing for anything less (a name alone would list too many people)."""
    if resident_id.strip():
        rows = _rows(con, _BY_IDS, {"ids": resident_ids.forms(resident_id)})
        if name.strip():
            rows = [r for r in rows if _name_fits(name, r)]
    elif birth_date is not None and name.strip():
        rows = [r for r in _rows(con, _BY_DAYS, {"days": nearby_dates(birth_date)}) if _name_fits(name, r)]
    else:
        return ManualResult()
    protected = {hid for (hid,) in con.execute(_PROTECTED, {"ids": [r["household_id"] for r in rows]}).fetchall()}
    shown = [r for r in rows if not r["protected"] and r["household_id"] not in protected]
    shown.sort(key=lambda r: (r["birth_date"] != birth_date, r["name_kana"] or "", r["resident_id"]))
    found = [Found(r["resident_id"], r["name"], r["name_kana"], r["birth_date"],
                   join_parts(r["ward_name"], r["town_name"]), birth_date is None or r["birth_date"] == birth_date)
             for r in shown[:MOST]]
    return ManualResult(found, protected_left_out=len(shown) < len(rows), too_many=len(shown) > MOST)


def _rows(con, sql: str, params: dict) -> list[dict]:
    return [dict(zip(_COLUMNS, r)) for r in con.execute(sql, params).fetchall()]
