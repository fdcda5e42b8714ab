"""Ages compile to birth-date ranges; at every birthday boundary (month ends, 29 February, fiscal-year
edges) the SQL must agree with the calendar arithmetic of the reference evaluator."""

from datetime import date, timedelta

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from foryou.shared.jp.dates import fiscal_year
from foryou.rules import compiler
from foryou.rules.ages import shift_months
from foryou.rules.compiler import EvalContext
from foryou.rules.language import parse_conditions
from foryou.rules.reference import City, Evaluator
from tests.rules.cities import load_duckdb

edge_days = st.one_of(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31)),
    st.builds(lambda y, m, d: date(y, m, d), st.integers(2000, 2035), st.sampled_from([1, 2, 3, 4, 12]), st.sampled_from([1, 2, 28])),
    st.builds(lambda y: date(y, 2, 29), st.sampled_from([2000, 2004, 2024, 2028])),
    st.builds(lambda y: date(y, 3, 31), st.integers(2000, 2035)),
)


def person(i: int, birth: date) -> dict:
    return {"resident_id": f"R{i:03d}", "household_id": "H", "birth_date": birth, "sex": "1", "relationship": "世帯主",
            "ward_name": "中央区", "ward_code": "12101", "town_code": "1", "town_name": "x", "postal_code": "2600000",
            "resident_since": birth, "is_current": True}


def births_around(on: date, n: int, unit: str) -> list[date]:
    months = 12 * n if unit == "years" else n
    births = set()
    for k in (months - (12 if unit == "years" else 1), months, months + (12 if unit == "years" else 1)):
        centre = shift_months(on, -k)
        births.update(centre + timedelta(days=d) for d in range(-3, 4))
    births.update({date(2000, 2, 29), date(1960, 2, 29), date(2024, 2, 29)})
    return sorted(births)


def check(tree: dict, as_of: date, births: list[date]) -> None:
    ctx = EvalContext(as_of, fiscal_year(as_of))
    city = City([person(i, b) for i, b in enumerate(births)])
    conds = parse_conditions(tree)
    con = duckdb.connect()
    load_duckdb(con, city)
    got = {r[0] for r in con.execute(compiler.to_sql(compiler.ids_query(conds, ctx))).fetchall()}
    assert got == Evaluator(conds, ctx, city).matches(), tree


@settings(max_examples=150, deadline=None)
@given(as_of=edge_days, n=st.integers(0, 90), unit=st.sampled_from(["years", "months"]),
       op=st.sampled_from(["==", "!=", "<", "<=", ">", ">="]),
       at=st.sampled_from(["as_of", "fiscal_year_start", "fiscal_year_end"]))
def test_age_comparisons_agree_at_every_birthday_boundary(as_of, n, unit, op, at):
    field = "age_years" if unit == "years" else "age_months"
    tree = {"field": field, "op": op, "value": n} | ({"at": at} if unit == "years" else {})
    on = EvalContext(as_of, 0).point(at if unit == "years" else "as_of")
    check(tree, as_of, births_around(on, n, unit))


@settings(max_examples=100, deadline=None)
@given(as_of=edge_days, n=st.integers(0, 90), unit=st.sampled_from(["years", "months"]), days=st.integers(0, 40))
def test_reaching_an_age_within_days_agrees_at_the_window_edges(as_of, n, unit, days):
    births = births_around(as_of, n, unit) + births_around(as_of + timedelta(days=days), n, unit)
    check({"reaches_age": {unit: n, "within_days": days}}, as_of, births)


@settings(max_examples=60, deadline=None)
@given(as_of=edge_days, n=st.integers(0, 90))
def test_turning_an_age_this_fiscal_year_agrees_at_april_and_march(as_of, n):
    ctx = EvalContext(as_of, 0)
    births = births_around(ctx.fiscal_year_start, n, "years") + births_around(ctx.fiscal_year_end, n, "years")
    check({"turns_age_in_fiscal_year": n}, as_of, births)
