from datetime import date

import duckdb
import pytest

from foryou.rules.compiler import EvalContext
from foryou.rules.language import parse_conditions
from foryou.rules.recipients import Registrant, resolve
from foryou.rules.reference import City
from foryou.rules.schema import create_tables

CTX = EvalContext(date(2026, 11, 27), 2026)
YOUNG_CHILD = parse_conditions({"field": "age_years", "op": "<", "value": 3})
TAX_TEST = parse_conditions({"all": [{"field": "age_years", "op": "<", "value": 3},
                                     {"household": {"some_member": {"field": "total_income", "op": ">=", "value": 0}}}]})


def person(rid, household, relationship, born, **extra):
    return {"resident_id": rid, "household_id": household, "birth_date": born, "sex": "1", "relationship": relationship,
            "ward_name": "中央区", "ward_code": "12101", "town_code": "1", "town_name": "x", "postal_code": "2600000",
            "resident_since": date(2010, 1, 1), "is_current": True} | extra


@pytest.fixture
def con():
    city = City([
        person("mother", "H1", "世帯主", date(1990, 1, 1)),
        person("father", "H1", "夫", date(1989, 1, 1)),
        person("twin1", "H1", "子", date(2025, 6, 1)),
        person("twin2", "H1", "子", date(2025, 6, 1)),
        person("sister", "H1", "子", date(2010, 1, 1)),  # a minor: never a guardian
        person("grandma", "H2", "世帯主", date(1960, 1, 1)),
        person("son", "H2", "子", date(1992, 1, 1)),
        person("grandchild", "H2", "孫", date(2026, 1, 1)),
        person("hidden", "H3", "世帯主", date(1991, 1, 1), protected=True),
        person("hiddenkid", "H3", "子", date(2025, 1, 1), protected=True),
        person("movedout", "H4", "世帯主", date(1988, 1, 1), is_current=False),
        person("leftkid", "H4", "子", date(2025, 3, 1)),
        person("heads", "H4", "妻", date(1990, 3, 1)),
    ], resident_tax=[
        {"resident_id": rid, "fiscal_year": 2026, "total_income": 3_000_000, "income_levy": 0, "per_capita_levy": 0,
         "tax_status": "0", "dependants": 1} for rid in ("mother", "heads")
    ])
    connection = duckdb.connect()
    create_tables(connection, city)
    return connection


REGISTRANTS = [
    Registrant("R-mother", "mother", consents=frozenset({"tax"})),
    Registrant("R-sister", "sister"),
    Registrant("R-grandma", "grandma"),
    Registrant("R-son", "son", active=False),
    Registrant("R-hidden", "hidden"),
    Registrant("R-movedout", "movedout"),
    Registrant("R-heads", "heads"),
    Registrant("R-twin1", "twin1"),
]


def test_a_guardian_is_told_once_about_every_qualifying_child(con):
    found = {r.registration_number: r.target_ids for r in resolve(con, YOUNG_CHILD, CTX, "guardians", REGISTRANTS)}
    assert found["R-mother"] == ("twin1", "twin2")


def test_minors_inactive_registrations_protected_households_and_former_residents_are_never_told(con):
    numbers = {r.registration_number for r in resolve(con, YOUNG_CHILD, CTX, "guardians", REGISTRANTS)}
    # son's registration is inactive; hidden's household is under 支援措置; movedout left the city
    # (heads, the 妻 who stayed, is told about leftkid); sister is a minor.
    assert numbers == {"R-mother", "R-heads"}


def test_the_person_themself_is_told_when_the_program_says_person(con):
    numbers = {r.registration_number for r in resolve(con, YOUNG_CHILD, CTX, "person", REGISTRANTS)}
    assert numbers == {"R-twin1"}


def test_both_tells_the_person_and_the_guardians(con):
    numbers = {r.registration_number for r in resolve(con, YOUNG_CHILD, CTX, "both", REGISTRANTS)}
    assert numbers == {"R-twin1", "R-mother", "R-heads"}


def test_registrants_without_the_consent_a_tax_program_needs_are_left_out(con):
    registrants = REGISTRANTS + [Registrant("R-father", "father")]
    numbers = {r.registration_number for r in resolve(con, TAX_TEST, CTX, "guardians", registrants)}
    assert numbers == {"R-mother"}


def test_grandchildren_are_told_to_their_parents_in_the_household(con):
    registrants = [Registrant("R-son", "son")]
    found = resolve(con, YOUNG_CHILD, CTX, "guardians", registrants)
    assert [(r.registration_number, r.target_ids) for r in found] == [("R-son", ("grandchild",))]
