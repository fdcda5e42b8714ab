"""The compiled SQL returns exactly the reference evaluator's set, on DuckDB and (when the console
database is PostgreSQL, as in CI's second run) on PostgreSQL."""

import duckdb
import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings

from foryou.rules import compiler
from foryou.rules.compiler import EvalContext
from foryou.rules.language import parse_conditions
from foryou.rules.reference import Evaluator
from tests.rules.cities import (
    AS_OF, LOOKUPS, TAX_YEAR, cities, conditions, household_leaves, load_duckdb, load_postgres, person_leaves,
)

CTX = EvalContext(AS_OF, TAX_YEAR)
on_postgres = connection.vendor == "postgresql"


def assert_duckdb_matches_reference(city, tree):
    conds = parse_conditions(tree, LOOKUPS)
    expected = Evaluator(conds, CTX, city).matches()
    con = duckdb.connect()
    load_duckdb(con, city)
    sql = compiler.to_sql(compiler.ids_query(conds, CTX), "duckdb")
    assert {r[0] for r in con.execute(sql).fetchall()} == expected, sql
    assert con.execute(compiler.to_sql(compiler.count_query(conds, CTX))).fetchone()[0] == len(expected)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(city=cities(), tree=person_leaves | household_leaves)
def test_each_single_test_on_duckdb_returns_exactly_the_reference_set(city, tree):
    # Single tests find boundary mistakes (an age one year off) that big trees tend to mask.
    assert_duckdb_matches_reference(city, tree)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(city=cities(), tree=conditions())
def test_duckdb_returns_exactly_the_reference_set_for_random_trees(city, tree):
    assert_duckdb_matches_reference(city, tree)


@pytest.mark.skipif(not on_postgres, reason="runs when the console database is PostgreSQL (CI's second run)")
@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(city=cities(), tree=conditions())
def test_postgresql_returns_exactly_the_reference_set(city, tree):
    conds = parse_conditions(tree, LOOKUPS)
    expected = Evaluator(conds, CTX, city).matches()
    with connection.cursor() as cursor:
        load_postgres(cursor, city)
        sql = compiler.to_sql(compiler.ids_query(conds, CTX), "postgres")
        cursor.execute(sql)
        assert {r[0] for r in cursor.fetchall()} == expected, sql


@settings(max_examples=100, deadline=None)
@given(city=cities(), tree=conditions(max_leaves=6))
def test_the_funnel_ends_at_the_count(city, tree):
    conds = parse_conditions({"all": [tree, {"field": "age_years", "op": ">=", "value": 0}]}, LOOKUPS)
    con = duckdb.connect()
    load_duckdb(con, city)
    row = con.execute(compiler.to_sql(compiler.funnel_query(conds, CTX))).fetchone()
    counts = [v or 0 for v in row]
    assert counts[0] == sum(1 for p in city.persons if p["is_current"])
    assert counts == sorted(counts, reverse=True)  # each step can only narrow
    assert counts[-1] == len(Evaluator(conds, CTX, city).matches())
