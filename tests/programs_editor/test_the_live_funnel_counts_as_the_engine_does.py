"""The editor's funnel (a chain of steps, each filtering the persons left by the ones before) gives the
same counts as the engine's funnel (every condition computed for every person), on random cities and
random conditions, with tax and household tests anywhere in the chain."""

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foryou.programs.live import funnel_sql
from foryou.rules import compiler
from foryou.rules.compiler import EvalContext
from foryou.rules.language import parse_conditions
from tests.rules.cities import AS_OF, LOOKUPS, TAX_YEAR, cities, conditions, load_duckdb

CTX = EvalContext(AS_OF, TAX_YEAR)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(city=cities(), steps=st.lists(conditions(max_leaves=4), min_size=1, max_size=5))
def test_the_chained_funnel_matches_the_engines_funnel(city, steps):
    conds = parse_conditions({"all": steps}, LOOKUPS)
    con = duckdb.connect()
    load_duckdb(con, city)
    expected = [v or 0 for v in con.execute(compiler.to_sql(compiler.funnel_query(conds, CTX))).fetchone()]
    assert list(con.execute(funnel_sql(conds, CTX)).fetchone()) == expected


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(city=cities(), tree=conditions(max_leaves=6))
def test_a_tree_that_is_not_a_list_is_one_step(city, tree):
    conds = parse_conditions(tree, LOOKUPS)
    con = duckdb.connect()
    load_duckdb(con, city)
    expected = [v or 0 for v in con.execute(compiler.to_sql(compiler.funnel_query(conds, CTX))).fetchone()]
    assert list(con.execute(funnel_sql(conds, CTX)).fetchone()) == expected


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(city=cities(), steps=st.lists(conditions(max_leaves=4), min_size=1, max_size=4), data=st.data())
def test_a_funnel_among_consenting_registrants_counts_only_them(city, steps, data):
    """Conditions on tax data are counted among consenting registrants (live.CONSENTING): every step,
    the first (all of them who are current residents) to the last (those of them who qualify)."""
    conds = parse_conditions({"all": steps}, LOOKUPS)
    con = duckdb.connect()
    load_duckdb(con, city)
    everyone = [p["resident_id"] for p in city.persons]
    chosen = data.draw(st.lists(st.sampled_from(everyone), unique=True)) if everyone else []
    con.execute("CREATE TEMP TABLE chosen AS SELECT pid, resident_id FROM persons WHERE resident_id IN (SELECT unnest($ids))",
                {"ids": chosen})
    row = con.execute(funnel_sql(conds, CTX, "chosen")).fetchone()
    current = con.execute("SELECT count(*) FROM persons WHERE is_current AND resident_id IN (SELECT resident_id FROM chosen)"
                          ).fetchone()[0]
    ids = compiler.to_sql(compiler.ids_query(conds, CTX))
    found = con.execute(f"SELECT count(*) FROM ({ids}) f WHERE f.resident_id IN (SELECT resident_id FROM chosen)").fetchone()[0]
    assert (row[0], row[-1]) == (current, found)
    assert list(row) == sorted(row, reverse=True)
