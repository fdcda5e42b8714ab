"""The city as the export's tables: column formatters in the order of residents/layout.py."""

import jaconv
import numpy as np

from foryou.residents import layout
from foryou.dev.synth import allowances as allowance_rows
from foryou.dev.synth import health, names
from foryou.dev.synth.allowances import Allowances
from foryou.dev.synth.finances import Finances
from foryou.dev.synth.geography import TOWNS
from foryou.dev.synth.health import Checkups
from foryou.dev.synth.model import City
from foryou.dev.synth.writer import Table, days, digits, quoted, text

TOWNS_FILE = "towns.csv"
TOWNS_HEADERS = ("町字コード", "町字", "行政区コード", "行政区", "郵便番号")
_OBJ = lambda values: np.array(list(values), dtype=object)  # noqa: E731
RELATIONSHIPS = _OBJ(layout.RELATIONSHIPS)
CHANGE_REASONS = _OBJ(layout.CHANGE_REASONS)
REMOVAL_REASONS = _OBJ([*layout.REMOVAL_REASONS, ""])  # index -1: not removed
SEXES = _OBJ(["", "1", "2"])
FLAGS = _OBJ(["0", "1"])
TAX_STATUSES = _OBJ(layout.TAX_STATUSES)
ALLOWANCE_STATUSES = _OBJ(layout.ALLOWANCE_STATUSES)
PROGRAMS = _OBJ(allowance_rows.PROGRAMS)
KINDS = _OBJ(health.KINDS)


def _ordered(export: layout.ExportFile, rows: int, by_name: dict) -> Table:
    return Table(export.filename, tuple(c.header for c in export.columns), rows,
                 [by_name[c.name] for c in export.columns])


def _names(city: City, kana: bool):
    family = names.FAMILY_KANA if kana else names.FAMILY_KANJI
    given = names.GIVEN_KANA if kana else names.GIVEN_KANJI
    gap = " " if kana else "　"

    def col(s, e):
        out = (family[city.family[s:e]] + gap + given[city.given[s:e]]).tolist()
        if kana:
            # A few clerks typed half-width katakana or hiragana; the importer folds them.
            for i in np.flatnonzero(city.kana_style[s:e]).tolist():
                style = city.kana_style[s + i]
                if style == 1:
                    out[i] = jaconv.z2h(out[i], kana=True, ascii=False, digit=False)
                else:
                    out[i] = jaconv.kata2hira(out[i])
        return quoted(out)
    return col


def persons(city: City) -> Table:
    town = city.hh_town[city.hh]
    return _ordered(layout.PERSONS, city.n, {
        "resident_id": digits(city.resident_id, 10),
        "household_id": digits(city.hh_id, 10, index=city.hh),
        "name": _names(city, kana=False),
        "name_kana": _names(city, kana=True),
        "birth_date": days(city.birth, override=city.birth_text),
        "sex": text(SEXES, index=city.sex),
        "relationship": text(RELATIONSHIPS, index=city.rel),
        "postal_code": text(TOWNS.postal, index=town),
        "ward_code": text(TOWNS.ward_code, index=town),
        "ward_name": text(TOWNS.ward_name, index=town),
        "town_code": text(TOWNS.code, index=town),
        "town_name": text(TOWNS.name, index=town),
        "address_number": text(city.hh_number, index=city.hh),
        "katagaki": text(city.hh_katagaki, index=city.hh),
        "resident_since": days(city.since),
        "change_reason": text(CHANGE_REASONS, index=city.reason),
        "removed_on": days(city.removed),
        "removed_reason": text(REMOVAL_REASONS, index=city.removed_reason),
        "protected": text(FLAGS, index=city.protected.astype(np.int8)),
    })


def resident_tax(city: City, fin: Finances) -> Table:
    cat = lambda attr: np.concatenate([getattr(y, attr) for y in fin.years])  # noqa: E731
    person = cat("person")
    year = np.concatenate([np.full(len(y.person), y.fiscal_year) for y in fin.years])
    return _ordered(layout.RESIDENT_TAX, len(person), {
        "resident_id": digits(city.resident_id, 10, index=person),
        "fiscal_year": digits(year),
        "total_income": digits(cat("income")),
        "income_levy": digits(cat("income_levy")),
        "per_capita_levy": digits(cat("per_capita")),
        "tax_status": text(TAX_STATUSES, index=cat("status")),
        "dependants": digits(cat("dependants")),
    })


def allowances(city: City, rows: Allowances) -> Table:
    return _ordered(layout.ALLOWANCES, len(rows), {
        "resident_id": digits(city.resident_id, 10, index=rows.person),
        "program_code": text(PROGRAMS, index=rows.program),
        "start_date": days(rows.start),
        "end_date": days(rows.end),
        "status": text(ALLOWANCE_STATUSES, index=rows.status),
    })


def checkups(city: City, rows: Checkups) -> Table:
    return _ordered(layout.CHECKUPS, len(rows), {
        "resident_id": digits(city.resident_id, 10, index=rows.person),
        "kind": text(KINDS, index=rows.kind),
        "done_on": days(rows.done_on),
    })


def towns() -> Table:
    cols = [TOWNS.code, TOWNS.name, TOWNS.ward_code, TOWNS.ward_name, TOWNS.postal]
    return Table(TOWNS_FILE, TOWNS_HEADERS, len(TOWNS.code), [text(c) for c in cols])

