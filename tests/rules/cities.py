"""Hypothesis strategies for small random cities and random condition trees, and loaders that put a
city into DuckDB or PostgreSQL with the analysis store's schema."""

from datetime import date, timedelta

from hypothesis import strategies as st

from foryou.rules.ages import shift_months
from foryou.rules.reference import City
from foryou.rules.schema import create_tables

AS_OF = date(2026, 11, 27)
TAX_YEAR = 2026
RELATIONSHIPS = ["世帯主", "妻", "夫", "子", "孫", "父", "母", "同居人"]
WARDS = ["中央区", "花見川区", "美浜区"]
KINDS = ["特定健診", "麻しん風しん1期", "乳児一般健康診査1回目"]
PROGRAMS = ["JIDO_FUYO", "JIDO_TEATE"]
STATUSES = ["受給中", "受給終了", "支給停止"]

# Ages the conditions use; birth dates cluster on exactly those birthdays (± a day or two) and on month
# ends, where off-by-one mistakes live.
AGE_VALUES = [0, 1, 2, 3, 6, 17, 18, 20, 40, 64, 65, 66, 75]
MONTH_VALUES = [0, 1, 2, 3, 4, 9, 12, 24, 36]
FISCAL_POINTS = [AS_OF, date(2026, 4, 1), date(2027, 3, 31), date(2027, 4, 1), AS_OF + timedelta(days=14)]
near_birthdays = st.one_of(
    st.builds(lambda on, k, d: shift_months(on, -12 * k) + timedelta(days=d),
              st.sampled_from(FISCAL_POINTS), st.sampled_from(AGE_VALUES), st.integers(-2, 2)),
    st.builds(lambda on, m, d: shift_months(on, -m) + timedelta(days=d),
              st.sampled_from(FISCAL_POINTS), st.sampled_from(MONTH_VALUES), st.integers(-2, 2)),
)
near_dates = st.one_of(
    near_birthdays,
    st.dates(min_value=date(1930, 1, 1), max_value=AS_OF + timedelta(days=30)),
    st.builds(lambda y, d: date(y, 1, 1) + timedelta(days=d), st.integers(1955, 2026), st.integers(-3, 3)),
    st.builds(lambda y, m, d: date(y, m, d), st.integers(1960, 2026), st.sampled_from([1, 2, 3, 4, 11, 12]),
              st.sampled_from([1, 27, 28])),
    st.builds(lambda back: AS_OF - timedelta(days=back), st.integers(0, 800)),
    st.just(date(2024, 2, 29)), st.just(date(1964, 2, 29)),
)


@st.composite
def cities(draw, max_persons: int = 14) -> City:
    n = draw(st.integers(0, max_persons))
    households = draw(st.integers(1, 4))
    persons, tax, checkups, allowances = [], [], [], []
    for i in range(n):
        rid = f"R{i:03d}"
        persons.append({
            "resident_id": rid, "household_id": f"H{draw(st.integers(0, households - 1))}",
            "birth_date": draw(st.one_of(st.none(), near_dates) if draw(st.integers(0, 9)) == 0 else near_dates),
            "sex": draw(st.sampled_from(["1", "2"])), "relationship": draw(st.sampled_from(RELATIONSHIPS)),
            "ward_name": draw(st.sampled_from(WARDS)), "ward_code": "12101", "town_code": draw(st.sampled_from(["0001", "0002"])),
            "town_name": "千葉港", "postal_code": "2608722", "resident_since": draw(near_dates),
            "is_current": draw(st.integers(0, 7)) > 0,
        })
        for year in (TAX_YEAR, TAX_YEAR - 1):
            if draw(st.booleans()):
                tax.append({"resident_id": rid, "fiscal_year": year,
                            "total_income": draw(st.integers(-500_000, 5_000_000)),
                            "income_levy": draw(st.integers(0, 500_000)), "per_capita_levy": draw(st.sampled_from([0, 5000])),
                            "tax_status": draw(st.sampled_from(["0", "1", "2"])), "dependants": draw(st.integers(0, 5))})
        for _ in range(draw(st.integers(0, 2))):
            checkups.append({"resident_id": rid, "kind": draw(st.sampled_from(KINDS)), "done_on": draw(near_dates)})
        for _ in range(draw(st.integers(0, 1))):
            start = draw(near_dates)
            end = draw(st.one_of(st.none(), st.builds(lambda d: start + timedelta(days=d), st.integers(0, 900))))
            allowances.append({"resident_id": rid, "program_code": draw(st.sampled_from(PROGRAMS)),
                               "start_date": start, "end_date": end, "status": draw(st.sampled_from(STATUSES))})
    return City(persons, tax, checkups, allowances)


LOOKUPS = {"limit": {"by": "dependants", "table": {0: 1_000_000, 1: 1_500_000, 2: 2_000_000}, "per_step_beyond": 380_000},
           "hlimit": {"by": "household_size", "table": {0: 0, 1: 1_500_000, 2: 3_000_000}, "per_step_beyond": 1_000_000}}

ages = st.one_of(st.sampled_from(AGE_VALUES), st.integers(0, 80))
money = st.integers(-100_000, 4_000_000)


def _compare(field, values, ops):
    return st.builds(lambda op, v: {"field": field, "op": op, "value": v}, st.sampled_from(ops), values)


def _between(field, values):
    return st.builds(lambda a, b: {"field": field, "op": "between", "value": sorted([a, b])}, values, values)


allowances_held = st.builds(lambda p, s, a: {"allowance": {"program": p, **({"status": s} if s else {}), "active": a}},
                            st.lists(st.sampled_from(PROGRAMS), min_size=1, max_size=2, unique=True),
                            st.sampled_from([None, ["受給中"], ["受給中", "支給停止"]]), st.booleans())

person_leaves = st.one_of(
    _compare("age_years", ages, ["==", "!=", "<", "<=", ">", ">="]),
    st.builds(lambda op, v, at: {"field": "age_years", "op": op, "value": v, "at": at},
              st.sampled_from(["<", ">="]), ages, st.sampled_from(["fiscal_year_start", "fiscal_year_end"])),
    _compare("age_months", st.one_of(st.sampled_from(MONTH_VALUES), st.integers(0, 40)), ["<", ">=", "==", ">", "<="]),
    _between("age_years", ages),
    st.builds(lambda u, a, d: {"reaches_age": {u: a, "within_days": d}},
              st.sampled_from(["years", "months"]), st.sampled_from(AGE_VALUES), st.sampled_from([0, 1, 14, 30])),
    st.builds(lambda a: {"turns_age_in_fiscal_year": a}, st.sampled_from(AGE_VALUES)),
    st.builds(lambda op, v: {"field": "sex", "op": op, "value": v}, st.sampled_from(["==", "!="]), st.sampled_from(["1", "2"])),
    st.builds(lambda op, v: {"field": "relationship", "op": op, "value": v}, st.sampled_from(["in", "not_in"]),
              st.lists(st.sampled_from(RELATIONSHIPS), min_size=1, max_size=3)),
    st.builds(lambda v: {"field": "ward", "op": "==", "value": v}, st.sampled_from(WARDS + ["O'Brien区"])),
    _compare("resident_since", near_dates, ["<", ">="]),
    _compare("total_income", money, ["<", "<=", ">", ">=", "=="]),
    st.builds(lambda op: {"field": "total_income", "op": op, "lookup": "limit"}, st.sampled_from(["<=", ">"])),
    st.builds(lambda v: {"field": "tax_exempt", "op": "==", "value": v}, st.booleans()),
    st.builds(lambda op, v: {"field": "dependants", "op": op, "value": v}, st.sampled_from([">=", "in"]), st.integers(0, 3))
    .map(lambda d: d if d["op"] != "in" else {**d, "value": [d["value"]]}),
    st.builds(lambda f, op: {"field": f, "op": op}, st.sampled_from(["total_income", "age_years", "tax_status"]),
              st.sampled_from(["is_null", "not_null"])),
    st.builds(lambda k, w: {"checkup": {"kind": k, **w}}, st.sampled_from(KINDS),
              st.sampled_from([{}, {"within_days": 365}, {"in_fiscal_year": True}, {"between": ["2025-01-01", "2026-06-30"]}])),
    allowances_held,
)

household_leaves = st.one_of(
    st.builds(lambda op: {"field": "household_income", "op": op, "lookup": "hlimit"}, st.sampled_from(["<=", ">"])),
    _compare("household_size", st.integers(1, 5), [">=", "<"]),
    _compare("children_under_18", st.integers(0, 3), [">=", "=="]),
    _compare("household_income", money, ["<=", ">"]),
)


def conditions(max_leaves: int = 8):
    leaves = st.one_of(person_leaves, household_leaves)

    def extend(children):
        return st.one_of(
            st.builds(lambda xs: {"all": xs}, st.lists(children, min_size=1, max_size=3)),
            st.builds(lambda xs: {"any": xs}, st.lists(children, min_size=1, max_size=3)),
            st.builds(lambda x: {"not": x}, children),
            st.builds(lambda q, x: {"household": {q: x}}, st.sampled_from(["some_member", "no_member", "every_member"]), children),
            st.builds(lambda x, op, v: {"household": {"members_where": x, "op": op, "value": v}},
                      children, st.sampled_from([">=", "==", "<"]), st.integers(0, 3)),
        )

    return st.recursive(leaves, extend, max_leaves=max_leaves)


def load_duckdb(con, city: City) -> None:
    create_tables(con, city)


def load_postgres(cursor, city: City) -> None:
    """Temporary tables shadow any real ones: pg_temp comes first in PostgreSQL's search path."""
    create_tables(cursor, city, placeholder="%s", temporary=True)

# The household tests the compiler reads from facts stored at import (rules/compiler.py, household_fact):
# on each person's row (a spouse; a child, 子 or 孫 in any order, below an age), per household (every
# member exempt) or with each allowance (a member who has an allowance), alone or under a `not`.
_children = st.permutations(["子", "孫"]).map(lambda rs: {"field": "relationship", "op": "in", "value": list(rs)})
_young = st.builds(lambda f, op, v, at: {"field": f, "op": op, "value": v, "at": at},
                   st.sampled_from(["age_years", "age_months"]), st.sampled_from(["<", "<="]), ages,
                   st.sampled_from(["as_of", "fiscal_year_start", "fiscal_year_end"]))
_spouse = st.permutations(["妻", "夫", "妻(未届)", "夫(未届)"]).map(lambda rs: {"field": "relationship", "op": "in", "value": list(rs)})
_exempt = st.sampled_from([{"field": "tax_exempt", "op": "==", "value": True}, {"field": "tax_exempt", "op": "!=", "value": False}])
household_fact_tests = st.builds(
    lambda q, negate: {"not": {"household": q}} if negate else {"household": q},
    st.one_of(
        st.builds(lambda q, cond: {q: cond}, st.sampled_from(["some_member", "no_member"]), st.one_of(
            _spouse, st.builds(lambda c, y, flip: {"all": [y, c] if flip else [c, y]}, _children, _young, st.booleans()),
            allowances_held)),
        _exempt.map(lambda cond: {"every_member": cond}),
    ),
    st.booleans(),
)
