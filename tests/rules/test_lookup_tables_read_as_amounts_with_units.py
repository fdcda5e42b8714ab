from django.utils import translation

from foryou.rules.describe import describe, lookup_tables
from foryou.rules.language import parse_conditions

LOOKUPS = {
    "income_limit": {"by": "dependants", "table": {0: 1920000, 1: 2300000}, "per_step_beyond": 380000},
    "unused": {"by": "household_size", "table": {0: 1, 1: 2}},
}
CONDITIONS = {"all": [{"field": "age_years", "op": ">=", "value": 18},
                      {"not": {"field": "total_income", "op": ">", "lookup": "income_limit"}}]}


def test_a_table_reads_by_its_key_with_yen_and_persons():
    with translation.override("en"):
        [table] = lookup_tables(parse_conditions(CONDITIONS, LOOKUPS))
        assert table.title == "Limit by Dependants" and table.key_label == "Dependants"
        assert table.rows == [("0 person(s)", "1,920,000 yen"), ("1 person(s)", "2,300,000 yen")]
        assert table.beyond == "From 2 person(s): 380,000 yen more for each one more"


def test_the_files_label_names_the_table():
    [table] = lookup_tables(parse_conditions(CONDITIONS, LOOKUPS), {"income_limit": "基準額"})
    assert table.title == "基準額"


def test_a_comparison_with_a_table_never_shows_its_name_in_the_file():
    conditions = parse_conditions(CONDITIONS, LOOKUPS)
    with translation.override("en"):
        text = describe(conditions.root, lookups=conditions.lookups)
        alone = describe(conditions.root)
    assert "income_limit" not in text and "income_limit" not in alone
    assert "the limit by Dependants" in text
