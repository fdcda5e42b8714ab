"""Registry candidates for an application, read from the analysis snapshot.

The birth date narrows a city of a million to a few dozen persons (about 30 share a birth date): one
scan of the birth_date column finds them, and the rest is scored in Python.

Reading long text columns is what costs (DuckDB decompresses a vector per row found, ~0.5 ms each at
1M persons), so the search reads them in two steps: name and reading for everyone born that day, then
the address and ids only for the few whose name or reading fits.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from foryou.enrollment.addresses import registry_address
from foryou.enrollment.matching.address import TownIndex
from foryou.enrollment.matching.scoring import (
    MIN_IDENTITY, ApplicantKeys, ApplicationData, birth_date_fits, score_identity, score_rest,
)

# Below this a candidate shares little more than the birth date with the application.
MIN_SCORE = 30

_FIRST = ("pid", "hid", "name", "name_kana", "birth_date", "birth_date_kind", "postal_code", "town_code",
          "town_name", "protected")
_SECOND = ("pid", "resident_id", "household_id", "ward_name", "address_number", "katagaki")

_BORN_ON = f"SELECT {', '.join(_FIRST)} FROM persons WHERE is_current AND birth_date = $day"
# A registry date with an unknown or impossible part is stored as the first day of the unknown part
# (19350400 → 1935-04-01, 19350000 → 1935-01-01) or the month's end (19450230 → 1945-02-28). Only
# pids first: such persons are rare, and their text is then read by pid.
_PARTLY_KNOWN = """SELECT pid FROM persons WHERE is_current AND birth_date IN ($month_start, $year_start, $month_end)
                   AND birth_date_kind <> 'exact'"""
# Households with a protected member: protection covers the household (DESIGN.md), so its members
# are never proposed either.
_PROTECTED_HOUSEHOLDS = "SELECT hid FROM households WHERE protected AND list_contains($hids, hid)"


@dataclass(frozen=True)
class Candidate:
    resident_id: str
    household_id: str
    name: str  # as registered (variation sequences kept)
    name_kana: str
    birth_date: date | None
    postal_code: str
    address: str  # ward, town, 番地 and 方書 as registered
    score: int  # 0–100
    reasons: list[str] = field(default_factory=list)


class CandidateList(list):
    """Candidates, best first. protected_match is True when a person under 支援措置 (or in such a
    household) would also have been proposed: staff then handle the application by hand. Who it was
    is deliberately not kept here."""

    def __init__(self, items=(), protected_match: bool = False):
        super().__init__(items)
        self.protected_match = protected_match


def candidates(con, application: ApplicationData, towns, limit: int = 5, min_score: int = MIN_SCORE) -> CandidateList:
    """Up to `limit` current, unprotected registry persons who may be the applicant, best first:
    born on the day applied for, agreeing at least on the family name or its reading, and scoring
    at least `min_score`.

    `con` is a read-only DuckDB connection to an analysis snapshot; `towns` the municipality's town
    list (a TownIndex, or rows for one: build the index once when searching many times)."""
    keys = ApplicantKeys.of(application, TownIndex.of(towns))
    day = application.birth_date
    fitting = []
    for row in _born_on(con, day):
        if birth_date_fits(day, row["birth_date"], row["birth_date_kind"]):
            points, reasons = score_identity(keys, row)
            if points >= MIN_IDENTITY:
                fitting.append((points, reasons, row))
    if not fitting:
        return CandidateList()

    details = _by_pid(con, _SECOND, [row["pid"] for _, _, row in fitting])
    protected_hids = _protected_households(con, [row["hid"] for _, _, row in fitting])
    kept, protected_match = [], False
    for points, reasons, row in fitting:
        row = row | details[row["pid"]]
        more, why = score_rest(keys, row)
        total = min(points + more, 100)
        if total < min_score:
            continue
        if row["protected"] or row["hid"] in protected_hids:
            protected_match = True  # counted, never shown
            continue
        kept.append(Candidate(row["resident_id"], row["household_id"], row["name"], row["name_kana"],
                              row["birth_date"], row["postal_code"] or "", _address(row), total, reasons + why))
    kept.sort(key=lambda c: (-c.score, c.resident_id))
    return CandidateList(kept[:limit], protected_match=protected_match)


def _born_on(con, day: date) -> list[dict]:
    rows = {r[0]: dict(zip(_FIRST, r)) for r in con.execute(_BORN_ON, {"day": day}).fetchall()}
    partly_known = [pid for (pid,) in con.execute(_PARTLY_KNOWN, {
        "month_start": day.replace(day=1), "year_start": date(day.year, 1, 1),
        "month_end": day.replace(day=calendar.monthrange(day.year, day.month)[1]),
    }).fetchall() if pid not in rows]  # 1935-04-01 typed for 19350400 is found by both queries
    return list(rows.values()) + list(_by_pid(con, _FIRST, partly_known).values())


def _by_pid(con, columns: tuple[str, ...], pids: list[int]) -> dict[int, dict]:
    """Rows by pid, one point query each: pids are in storage order, so each reads one small zone
    (an IN list would make DuckDB read the text of every row)."""
    if not pids:
        return {}
    query = " UNION ALL ".join(f"SELECT {', '.join(columns)} FROM persons WHERE pid = ?" for _ in pids)
    return {r[0]: dict(zip(columns, r)) for r in con.execute(query, pids).fetchall()}


def _protected_households(con, hids: list[int]) -> set[int]:
    return {hid for (hid,) in con.execute(_PROTECTED_HOUSEHOLDS, {"hids": hids}).fetchall()}


def _address(row: dict) -> str:
    return registry_address(row)
