"""Bad conditions get a clear error naming the path in the tree, never a SQL error or a wrong answer."""

import duckdb
import pytest

from foryou.rules import compiler
from foryou.rules.language import ConditionError, parse_conditions
from foryou.rules.reference import City, Evaluator
from foryou.rules.schema import create_tables
from tests.rules.cities import AS_OF, TAX_YEAR

CTX = compiler.EvalContext(AS_OF, TAX_YEAR)


def error_of(tree, lookups=None) -> ConditionError:
    with pytest.raises(ConditionError) as caught:
        parse_conditions(tree, lookups)
    return caught.value


@pytest.mark.parametrize("tree, path, words", [
    ({"all": [{"field": "age_years", "op": ">=", "value": 1}, {"field": "shoe_size", "op": "==", "value": 3}]},
     "conditions.all[1].field", "unknown field"),
    ({"field": "age_years", "op": ">=", "value": "sixty"}, "conditions.value", "whole number"),
    ({"field": "sex", "op": "==", "value": "3"}, "conditions.value", "must be one of"),
    ({"field": "age_years", "op": "~=", "value": 1}, "conditions.op", "unknown operator"),
    ({"field": "ward", "op": ">", "value": "中央区"}, "conditions.op", "unknown operator"),
    ({"all": [{"field": "sex", "op": "==", "value": "1"}, {"any": []}]}, "conditions.all[1].any", "non-empty"),
    ({"all": [{"any": [{"field": "sex", "op": "==", "value": "1"}, {"fields": "x"}]}]}, "conditions.all[0].any[1]", "unknown condition"),
    ({"all": [{"field": "sex", "op": "==", "value": "1"}, {"any": [{"field": "dependants", "op": "in", "value": [1, "x"]}]}]},
     "conditions.all[1].any[0].value[1]", "whole number"),
    ({"checkup": {"kind": "特定健診", "between": ["2026-05-01", "2026-04-01"]}}, "conditions.checkup.between", "starts"),
    ({"field": "birth_date", "op": "between", "value": ["2020-01-01", "2019-01-01"]}, "conditions.value", "starts"),
    ({"field": "total_income", "op": "<=", "lookup": "nope"}, "conditions.lookup", "unknown lookup"),
    ({"reaches_age": {"months": 2}}, "conditions.reaches_age.within_days", "whole number of days"),
    ({"household": {"some_member": {"field": "sex", "op": "==", "value": "1"}, "no_member": {}}}, "conditions.household", "exactly one"),
    ({"field": "age_years", "op": ">=", "value": 3, "at": "tomorrow"}, "conditions.at", "ages only"),
    ([{"field": "sex"}], "conditions", "must be a condition"),
])
def test_each_mistake_is_named_by_its_path(tree, path, words):
    error = error_of(tree)
    assert error.path == path
    assert words in error.problem
    assert str(error).startswith(path + ":")


@pytest.mark.parametrize("table, words", [
    ({0: 100, 2: 300}, "without gaps"),
    ({1: 100, 2: 300}, "without gaps"),
    ({0: 100, 1: "lots"}, "whole number"),
    ({}, "0, 1, 2"),
])
def test_a_lookup_table_with_gaps_or_bad_values_is_refused(table, words):
    error = error_of({"field": "total_income", "op": "<=", "lookup": "limit"}, {"limit": {"by": "dependants", "table": table}})
    assert error.path.startswith("lookups.limit.table")
    assert words in error.problem


def test_a_lookup_keyed_by_a_field_that_is_not_a_count_is_refused():
    error = error_of({"field": "total_income", "op": "<=", "lookup": "limit"}, {"limit": {"by": "ward", "table": {0: 1}}})
    assert error.path == "lookups.limit.by"


def nested(depth: int) -> dict:
    tree = {"field": "age_years", "op": ">=", "value": 40}
    for i in range(depth):
        tree = {"all": [tree]} if i % 2 else {"any": [tree, {"field": "sex", "op": "==", "value": "9"}]}
    return tree


def city() -> City:
    from tests.rules.test_recipients_are_resolved_once_and_safely import person
    from datetime import date

    return City([person("old", "H1", "世帯主", date(1950, 1, 1)), person("young", "H2", "世帯主", date(2000, 1, 1)),
                 person("quote", "H3", "世帯主", date(1970, 1, 1), ward_name="O'Brien区")])


def test_a_tree_nested_fifty_deep_compiles_and_answers_correctly():
    conds = parse_conditions(nested(50))
    con = duckdb.connect()
    create_tables(con, city())
    found = {r[0] for r in con.execute(compiler.to_sql(compiler.ids_query(conds, CTX))).fetchall()}
    assert found == {"old", "quote"} == Evaluator(conds, CTX, city()).matches()


def test_a_tree_nested_too_deep_is_refused_with_its_path():
    error = error_of(nested(120))
    assert "nested more than" in error.problem


@pytest.mark.parametrize("value", ["O'Brien区", "中央区'; DROP TABLE persons; --", "x\" OR 1=1 --", "\\'", "$1"])
def test_values_carrying_sql_text_or_quotes_are_only_ever_values(value):
    conds = parse_conditions({"field": "ward", "op": "==", "value": value})
    con = duckdb.connect()
    create_tables(con, city())
    sql = compiler.to_sql(compiler.ids_query(conds, CTX))
    found = {r[0] for r in con.execute(sql).fetchall()}
    assert found == ({"quote"} if value == "O'Brien区" else set())
    assert con.execute("SELECT count(*) FROM persons").fetchone()[0] == 3
