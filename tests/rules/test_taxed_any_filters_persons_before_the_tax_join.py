"""A top-level condition that reads tax data lets what it implies without tax filter the persons before
they are joined to their tax rows (rules/compiler.implied_without_tax): 水道料金減免's `any` of "a member
receives 生活保護" and "exempt, all exempt, and a member receives 心身障害児童福祉手当" keeps only the
households with either allowance. The selection is still exactly the reference evaluator's, on DuckDB
and on PostgreSQL, for random `any`/`all` mixes of taxed and untaxed tests."""

import duckdb
import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foryou.rules import compiler
from foryou.rules.compiler import EvalContext
from foryou.rules.language import parse_conditions
from foryou.rules.reference import Evaluator
from tests.rules.cities import (
    AS_OF, LOOKUPS, TAX_YEAR, cities, household_fact_tests, household_leaves, load_duckdb, load_postgres,
    person_leaves,
)

CTX = EvalContext(AS_OF, TAX_YEAR)
taxed = st.sampled_from([
    {"field": "tax_exempt", "op": "==", "value": True},
    {"field": "total_income", "op": "<=", "lookup": "limit"},
    {"field": "household_income", "op": ">", "value": 1_000_000},
    {"household": {"every_member": {"field": "tax_exempt", "op": "==", "value": True}}},
    {"household": {"some_member": {"field": "total_income", "op": ">", "value": 2_000_000}}},
])
leaf = st.one_of(taxed, person_leaves, household_leaves, household_fact_tests)
mixes = st.recursive(leaf, lambda children: st.one_of(
    st.builds(lambda xs: {"all": xs}, st.lists(children, min_size=1, max_size=3)),
    st.builds(lambda xs: {"any": xs}, st.lists(children, min_size=2, max_size=3)),
    st.builds(lambda x: {"not": x}, children)), max_leaves=6)
programs_like = st.builds(lambda first, rest: {"all": [first, *rest]}, person_leaves, st.lists(mixes, min_size=1, max_size=2))


def compiled(tree, kind, dialect="duckdb"):
    return compiler.to_sql(getattr(compiler, f"{kind}_query")(parse_conditions(tree, LOOKUPS), CTX), dialect)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(city=cities(), tree=programs_like)
def test_mixes_of_taxed_and_untaxed_tests_select_the_reference_set(city, tree):
    expected = Evaluator(parse_conditions(tree, LOOKUPS), CTX, city).matches()
    con = duckdb.connect()
    load_duckdb(con, city)
    sql = compiled(tree, "ids")
    assert {r[0] for r in con.execute(sql).fetchall()} == expected, sql
    assert con.execute(compiled(tree, "count")).fetchone()[0] == len(expected)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs when the console database is PostgreSQL (CI's second run)")
@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(city=cities(), tree=programs_like)
def test_mixes_of_taxed_and_untaxed_tests_on_postgresql_select_the_reference_set(city, tree):
    with connection.cursor() as cursor:
        load_postgres(cursor, city)
        sql = compiled(tree, "ids", "postgres")
        cursor.execute(sql)
        assert {r[0] for r in cursor.fetchall()} == Evaluator(parse_conditions(tree, LOOKUPS), CTX, city).matches(), sql


def test_the_persons_a_taxed_any_can_never_select_are_filtered_before_the_tax_join():
    allowance = {"allowance": {"program": ["JIDO_FUYO"], "status": ["受給中"], "active": True}}
    tree = {"all": [{"field": "relationship", "op": "==", "value": "世帯主"},
                    {"any": [{"household": {"some_member": allowance}},
                             {"all": [{"field": "tax_exempt", "op": "==", "value": True},
                                      {"household": {"every_member": {"field": "tax_exempt", "op": "==", "value": True}}},
                                      {"household": {"some_member": {**allowance, "allowance": {"program": "JIDO_TEATE"}}}}]}]}]}
    sql = compiled(tree, "count")
    persons_first = sql.split(") AS p LEFT JOIN resident_tax")[0]
    # Both allowance tests, but neither tax test, filter the persons before they meet their tax rows.
    assert persons_first.count("FROM member_allowances") == 2, sql
    assert "tax_status" not in persons_first and "household_exemptions" not in persons_first, sql


def test_a_taxed_test_alone_implies_nothing_and_adds_no_filter():
    sql = compiled({"all": [{"field": "sex", "op": "==", "value": "2"}, {"any": [
        {"field": "tax_exempt", "op": "==", "value": True}, {"field": "age_years", "op": ">=", "value": 65}]}]}, "count")
    assert sql.split(") AS p LEFT JOIN resident_tax")[0].count("birth_date") == 0, sql
