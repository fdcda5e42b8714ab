"""A value a condition cannot take is reported next to that condition (not as a page error), and no
count is shown until it is corrected; saving is refused the same way."""

import re

import pytest
from django.urls import reverse

from foryou.programs.condition_tree import to_form
from foryou.rules.language import ConditionError
from foryou.programs.models import ProgramRevision

pytestmark = pytest.mark.django_db

TREE = {"all": [{"field": "age_years", "op": ">=", "value": 18},
                {"field": "sex", "op": "==", "value": "2"}]}


def post(client, url_name, **fields):
    data = to_form(TREE) | {"as_of": "2026-11-27"} | fields
    return client.post(reverse(url_name, args=["parents"]), data, headers={"HX-Request": "true"})


def test_a_word_where_an_age_goes_is_named_on_its_condition(client, city, editor):
    html = post(client, "console_program_tree", **{"n_0-value": "十八"}).content.decode()
    assert 'id="n_0-error"' in html
    field = re.search(r'<input[^>]*id="n_0-value"[^>]*>', html).group(0)
    assert 'value="十八"' in field and 'aria-invalid="true"' in field and 'aria-describedby="n_0-error"' in field
    assert 'data-count=""' in html  # no count for conditions that are not valid
    assert 'id="n_1-error"' not in html


def test_a_code_the_field_does_not_have_is_named(client, city, editor):
    html = post(client, "console_program_tree", **{"n_1-value": "3"}).content.decode()
    assert 'id="n_1-error"' in html and "1、2、9" in html


def test_the_rules_language_names_the_node_at_fault(client, city, editor):
    # A range that starts after it ends passes the form; the rules language refuses it by its path.
    html = post(client, "console_program_tree", **{"n_0-op": "between", "n_0-prevop": "between",
                                                     "n_0-value": "65", "n_0-value2": "20"}).content.decode()
    assert 'id="n_0-error"' in html
    assert "65" in html.split('id="n_0-error"')[1].split("</p>")[0]


def test_an_empty_group_is_named(client, city, editor):
    html = client.post(reverse("console_program_tree", args=["parents"]),
                       {"n-kind": "all", "as_of": "2026-11-27"}, headers={"HX-Request": "true"}).content.decode()
    assert 'id="n-error"' in html


def test_saving_invalid_conditions_is_refused_without_a_revision(client, city, editor):
    response = post(client, "console_program_save", **{"n_0-value": "abc"}, note="typo")
    assert response.status_code == 200 and 'id="n_0-error"' in response.content.decode()
    assert not ProgramRevision.objects.exists()


def test_language_errors_read_in_the_console_language():
    from django.utils import translation

    error = ConditionError("conditions.all[0].value", "range_reversed", low="65", high="20")
    assert error.problem == "the range starts (65) after it ends (20)"
    with translation.override("ja"):
        assert error.localized() != error.problem and "65" in error.localized()
        choice = ConditionError("conditions.value", "field_choice", field="sex", choices="1, 2, 9", value="'3'")
        assert "sex" in choice.localized() and "'3'" in choice.localized()
