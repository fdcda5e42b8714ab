"""The household tests programs use most (a spouse in the household; a child, 子 or 孫, below an age;
every member exempt from resident tax; a member who has an allowance) are read from facts the import
stores (on each person's row, per household and tax year, or with each allowance) instead of a semi-join
of persons with persons; they select exactly the reference evaluator's persons, alone, negated and among
other tests."""

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
    AS_OF, LOOKUPS, TAX_YEAR, cities, household_fact_tests, load_duckdb, load_postgres, person_leaves,
)

CTX = EvalContext(AS_OF, TAX_YEAR)


def matches(city, tree):
    conds = parse_conditions(tree, LOOKUPS)
    con = duckdb.connect()
    load_duckdb(con, city)
    sql = compiler.to_sql(compiler.ids_query(conds, CTX), "duckdb")
    return {r[0] for r in con.execute(sql).fetchall()}, Evaluator(conds, CTX, city).matches(), sql


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(city=cities(), tree=household_fact_tests)
def test_a_stored_household_fact_selects_the_reference_set(city, tree):
    found, expected, sql = matches(city, tree)
    assert any(fact in sql for fact in ("p.hh_", "p_hx.all_exempt", "FROM member_allowances")), sql
    assert "FROM persons AS m" not in sql, sql  # no semi-join of persons with persons
    assert found == expected, sql


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(city=cities(), tests=st.lists(st.one_of(household_fact_tests, person_leaves), min_size=2, max_size=4),
       combine=st.sampled_from(["all", "any"]))
def test_stored_household_facts_among_other_tests_select_the_reference_set(city, tests, combine):
    found, expected, sql = matches(city, {combine: tests})
    assert found == expected, sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs when the console database is PostgreSQL (CI's second run)")
@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(city=cities(), tests=st.lists(st.one_of(household_fact_tests, person_leaves), min_size=1, max_size=3))
def test_stored_household_facts_on_postgresql_select_the_reference_set(city, tests):
    conds = parse_conditions({"all": tests}, LOOKUPS)
    with connection.cursor() as cursor:
        load_postgres(cursor, city)
        sql = compiler.to_sql(compiler.ids_query(conds, CTX), "postgres")
        cursor.execute(sql)
        assert {r[0] for r in cursor.fetchall()} == Evaluator(conds, CTX, city).matches(), sql


def test_a_child_in_another_relationship_or_shape_is_still_a_semi_join():
    # Only the exact shapes are read from the stored facts; 子 alone is a different question.
    tree = {"household": {"some_member": {"all": [{"field": "relationship", "op": "in", "value": ["子"]},
                                                  {"field": "age_years", "op": "<", "value": 18}]}}}
    sql = compiler.to_sql(compiler.ids_query(parse_conditions(tree, LOOKUPS), CTX), "duckdb")
    assert "hh_youngest_child_birth" not in sql and "IN (SELECT m" in sql


def test_an_allowance_with_another_member_test_is_still_a_semi_join():
    tree = {"household": {"some_member": {"all": [{"allowance": {"program": "JIDO_FUYO"}},
                                                  {"field": "age_years", "op": "<", "value": 18}]}}}
    sql = compiler.to_sql(compiler.ids_query(parse_conditions(tree, LOOKUPS), CTX), "duckdb")
    assert "member_allowances" not in sql and "IN (SELECT m" in sql
