"""Residents and registrants by ward (区) and age band, read from the current analysis snapshot: the
population is every current resident (not removed: neither moved out nor dead), registrants are the
active registrations' 宛名番号 found among them. Only counts leave this module.

Ages are reached on birthdays, as in foryou.rules.ages, on the snapshot's as-of date; each band
compiles to a comparison of the birth date with a literal date. A birth date not known at all (不詳)
has its own band."""

import json
from dataclasses import dataclass, field
from datetime import date

from foryou.residents import store
from foryou.rules.ages import latest_birth_for_age

# (key, youngest age, oldest age or None)
AGE_BANDS = (("0-17", 0, 17), ("18-39", 18, 39), ("40-64", 40, 64), ("65-74", 65, 74), ("75+", 75, None))
UNKNOWN_AGE = "unknown"

_REGISTRANT = "resident_id IN (SELECT unnest($ids::VARCHAR[]))"


def _band_sql(on: date) -> tuple[str, dict]:
    """A CASE expression naming each person's band, and its parameters (one literal date per band)."""
    whens, params = ["WHEN birth_date IS NULL THEN $unknown"], {"unknown": UNKNOWN_AGE}
    for i, (key, youngest, _oldest) in enumerate(reversed(AGE_BANDS)):
        if youngest == 0:
            whens.append(f"ELSE $band{i}")
        else:
            whens.append(f"WHEN birth_date <= $born{i} THEN $band{i}")
            params[f"born{i}"] = latest_birth_for_age(youngest, "years", on)
        params[f"band{i}"] = key
    return f"CASE {' '.join(whens)} END", params


@dataclass
class Cell:
    population: int = 0
    registrants: int = 0


@dataclass
class Coverage:
    """Current residents and registrants among them, per (ward code, band); ward names by code."""

    as_of: date
    snapshot: str
    wards: dict[str, str] = field(default_factory=dict)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    registrants_not_found: int = 0  # active registrations whose 宛名番号 is no current resident

    def by_ward(self) -> list[tuple[str, Cell]]:
        """(ward name, totals) in ward-code order."""
        return [(name, self._sum(lambda w, _b, code=code: w == code)) for code, name in sorted(self.wards.items())]

    def by_band(self) -> list[tuple[str, Cell]]:
        """(band key, totals) youngest first, then the unknown band when anyone is in it."""
        rows = [(key, self._sum(lambda _w, b, key=key: b == key)) for key, _y, _o in AGE_BANDS]
        unknown = self._sum(lambda _w, b: b == UNKNOWN_AGE)
        return rows + ([(UNKNOWN_AGE, unknown)] if unknown.population else [])

    def total(self) -> Cell:
        return self._sum(lambda _w, _b: True)

    def _sum(self, wanted) -> Cell:
        out = Cell()
        for (ward, band), cell in self.cells.items():
            if wanted(ward, band):
                out.population += cell.population
                out.registrants += cell.registrants
        return out


def coverage(registrant_ids: list[str]) -> Coverage:
    """Population and registrants by ward and age band in the current snapshot. Raises NoSnapshot."""
    ids = sorted(set(registrant_ids))
    with store.connect() as con:
        row = con.execute("SELECT value FROM meta WHERE key = 'as_of'").fetchone()
        as_of = date.fromisoformat(json.loads(row[0]))
        band, params = _band_sql(as_of)
        query = (f"SELECT ward_code, any_value(ward_name), {band} AS band, count(*), "
                 f"count(*) FILTER (WHERE {_REGISTRANT}) "
                 f"FROM persons WHERE is_current GROUP BY ward_code, band")
        rows = con.execute(query, params | {"ids": ids}).fetchall()
    found = sum(row[4] for row in rows)
    result = Coverage(as_of=as_of, snapshot=store.current_snapshot_name() or "",
                      registrants_not_found=len(ids) - found)
    for ward_code, ward_name, band_key, population, registrants in rows:
        result.wards.setdefault(ward_code, ward_name)
        result.cells[(ward_code, band_key)] = Cell(population, registrants)
    return result
