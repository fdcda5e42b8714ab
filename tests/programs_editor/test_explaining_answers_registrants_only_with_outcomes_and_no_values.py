"""Explaining is for a registrant's "why did I (not) get this?": only registrants (active or paused, by
宛名番号 or registration number) are looked up; never a departed person or one under 支援措置 (with one
refusal for both, which does not give the protection away); tax tests only with the registrant's
consent; each test's outcome, never a value; the program's saved conditions only. Every lookup, refused
ones too, is audited (who, which registrant, which program).

Each test performs an attack that the page allowed before: reading any resident's birth date, town,
postal code and income by typing their 宛名番号."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from foryou.audit.models import AuditEvent
from foryou.programs import services as program_services
from foryou.programs.condition_tree import to_form
from foryou.rules.services import REFUSALS
from foryou.shared.numbers import display
from tests.programs_editor.conftest import register
from tests.residents.exports import HANAKO, LEFT, TARO, UME

pytestmark = pytest.mark.django_db

LIMITS = """
code: limits
name: 所得制限のある手当
department: こども家庭支援課
conditions:
  all:
    - field: age_years
      op: ">="
      value: 18
    - field: total_income
      op: "<="
      lookup: income_limit
lookups:
  income_limit:
    by: dependants
    table: {0: 2080000, 1: 2460000, 2: 4840000}
"""

# What the page showed of 千葉 太郎 before: birth date, age, town, postal code, income, dependants.
TARO_VALUES = ["1985-04-12", "1985年", "41歳", "千葉港", "2608722", "260-8722", "4,200,000", "4200000"]


@pytest.fixture
def limits(programs_dir):
    (programs_dir / "limits.yml").write_text(LIMITS, encoding="utf-8")


def explain(client, typed, program="parents", **extra):
    return client.post(reverse("console_program_explain", args=[program]),
                       {"resident_id": typed, "as_of": "2026-11-27", **extra})


def shown(response) -> str:
    """What a reader sees: the page without tags and form values."""
    return re.sub(r"<[^>]+>", " ", response.content.decode())


def refusal(code: str, who: str) -> str:
    with translation.override("ja"):
        return str(REFUSALS[code]) % {"who": who}


def events():
    return list(AuditEvent.objects.filter(action="rules.explain").order_by("id"))


def test_a_resident_who_never_registered_is_refused_and_the_attempt_audited(client, city, editor):
    response = explain(client, HANAKO)
    assert response.status_code == 400 and 'id="explain-error"' in response.content.decode()
    assert "✔" not in shown(response) and "✘" not in shown(response)
    assert "has no active registration" in shown(response) or "登録" in shown(response)
    [event] = events()
    assert event.actor == editor and event.target == f"resident:{HANAKO}"
    assert event.detail["refused"] == "not_registrant" and event.detail["program"] == "parents"


def test_an_ended_registration_is_refused(client, city, editor):
    register(TARO, status="inactive")
    response = explain(client, TARO)
    assert response.status_code == 400 and "✔" not in shown(response)
    assert events()[-1].detail["refused"] == "not_registrant"


def test_a_paused_registrant_found_by_registration_number_is_explained_and_audited(client, city, editor):
    registration = register(TARO, paused=True)
    response = explain(client, display(registration.number))  # typed as printed: 1234-5678-…
    assert response.status_code == 200 and 'class="result pass"' in response.content.decode()
    [event] = events()
    assert event.actor == editor and event.target == f"resident:{TARO}"
    assert event.detail["registration"] == registration.pk and event.detail["program"] == "parents"
    assert "refused" not in event.detail


def test_no_value_is_shown_even_after_the_conditions_are_rewritten_to_read_them(client, city, editor, limits):
    register(TARO, tax=True)
    # The attack: save conditions that read birth date, town, postal code and income, then explain.
    program_services.save_conditions("limits", {"all": [
        {"field": "birth_date", "op": "<=", "value": "2000-01-01"}, {"field": "town", "op": "==", "value": "千葉港"},
        {"field": "postal_code", "op": "==", "value": "2608722"}, {"field": "total_income", "op": ">", "value": 0},
        {"field": "dependants", "op": ">=", "value": 0}]}, editor, "attack")
    response = explain(client, TARO, program="limits")
    assert response.status_code == 200
    page = shown(response)
    assert page.count("✔") >= 5  # each test's outcome is there …
    for value in TARO_VALUES:  # … and none of the values behind them
        if value not in ("千葉港", "2608722"):  # typed into the conditions, not read from the person
            assert value not in page, value
    assert 'class="seen"' not in response.content.decode()


def test_without_tax_consent_the_income_test_is_not_evaluated(client, city, editor, limits):
    register(TARO, tax=False)
    response = explain(client, TARO, program="limits")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="result unknown no-consent"' in html and 'id="no-tax-consent"' in html
    assert 'class="result pass">' not in html.split('id="explained-title"')[1].split("</h2>")[0]  # not "qualifies"
    with_consent = register(UME, tax=True)  # うめ: income 0, 0 dependants: the test is evaluated for her
    html = explain(client, with_consent.number, program="limits").content.decode()
    assert "no-consent" not in html and 'id="no-tax-consent"' not in html


def test_a_departed_registrant_is_refused(client, city, editor):
    register(LEFT)  # died in 2025; the registration was not ended yet
    response = explain(client, LEFT)
    assert response.status_code == 400
    assert refusal("not_targetable", f"宛名番号 {LEFT}") in shown(response)
    assert events()[-1].detail["refused"] == "not_targetable"


@pytest.fixture
def protected_city(tmp_path, data_dir, db, programs_dir):
    """The same city, with 髙橋 うめ's household under 支援措置."""
    from foryou.residents.services import run_import
    from tests.residents.conftest import AS_OF
    from tests.residents.exports import valid_export, write_export

    export = valid_export()
    for row in export["persons.csv"]:
        if row["宛名番号"] == UME:
            row["支援措置"] = "1"
    run = run_import(write_export(tmp_path / "export", export), AS_OF, stream=io.StringIO())
    assert run.status == "applied", run.problems
    return run


def test_a_protected_registrant_is_refused_in_the_same_words_as_a_departed_one(client, protected_city, editor):
    register(UME)
    response = explain(client, UME)
    assert response.status_code == 400 and "✘" not in shown(response)
    assert refusal("not_targetable", f"宛名番号 {UME}") in shown(response)
    assert "支援措置" not in shown(response) and "protect" not in shown(response).lower()
    assert events()[-1].detail["refused"] == "not_targetable"


def test_conditions_posted_with_the_lookup_are_ignored(client, city, editor):
    register(UME)
    # The attack: conditions typed in the editor (never saved) sent along with the lookup.
    typed = to_form({"all": [{"field": "age_years", "op": ">=", "value": 90}]})
    response = explain(client, UME, **typed)
    html = response.content.decode()
    assert response.status_code == 200
    # The program's saved conditions (18 or older, with a child under 3): うめ (91) does not qualify.
    assert 'class="result fail">' in html.split('id="explained-title"')[1].split("</h2>")[0]
    assert events()[-1].detail["revision"] is None  # the program's file: no console revision
