import pytest

from foryou.programs.definition import ProgramError, parse_program
from foryou.shared.forms.definition import FormDefinitionError, parse_form

BASE = {"sections": [{"title": "請求者", "fields": [{"name": "phone", "label": "電話番号"}]}]}


@pytest.mark.parametrize("change, path, words", [
    ({"sections": []}, "form.sections", "at least one section"),
    ({"sections": [{"title": "x", "fields": [{"name": "Phone", "label": "電話"}]}]}, "form.sections[0].fields[0].name", "lower-case"),
    ({"sections": [{"title": "x", "fields": [{"name": "a", "label": "A", "type": "colour"}]}]}, "form.sections[0].fields[0].type", "must be one of"),
    ({"sections": [{"title": "x", "fields": [{"name": "a", "label": "A", "type": "choice", "choices": ["one"]}]}]},
     "form.sections[0].fields[0].choices", "at least two"),
    ({"sections": [{"title": "x", "fields": [{"name": "a", "label": "A"}, {"name": "a", "label": "B"}]}]},
     "form.sections[0].fields[1].name", "used twice"),
    ({"sections": [{"title": "x", "fields": [{"name": "a", "label": "A", "when": {"field": "nope", "equals": 1}}]}]},
     "form.sections[0].fields[0].when.field", "no other field"),
    ({"sections": [{"title": "x", "fields": [{"name": "a", "label": "A", "type": "choice", "choices": ["p", "q"]},
                                             {"name": "b", "label": "B", "when": {"field": "a", "equals": "r"}}]}]},
     "form.sections[0].fields[1].when.equals", "not one of"),
    ({"attachments": [{"name": "doc", "label": "書類", "types": ["exe"]}]}, "form.attachments[0].types", "some of pdf"),
    ({"attachments": [{"name": "doc", "label": "書類", "max_mb": 500}]}, "form.attachments[0].max_mb", "from 1 to 10"),
    ({"accepts": {"from": "2027-04-01", "until": "2026-04-01"}}, "form.accepts", "after until"),
    ({"accepts": {"from": "四月"}}, "form.accepts.from", "YYYY-MM-DD"),
    ({"sections": [{"title": "x", "groups": [{"name": "kids", "label": "児童", "min": 3, "max": 2,
                                              "fields": [{"name": "n", "label": "N"}]}]}]}, "form.sections[0].groups[0].min", "above max"),
    ({"colour": "red"}, "form.colour", "unknown key"),
])
def test_a_mistake_in_a_form_names_the_field(change, path, words):
    with pytest.raises(FormDefinitionError) as caught:
        parse_form(BASE | change)
    assert caught.value.path == path
    assert words in str(caught.value)


def test_a_program_file_with_a_bad_form_names_the_file_and_the_field():
    data = {"code": "x", "name": "X", "department": "D", "conditions": {"field": "age_years", "op": ">=", "value": 1},
            "form": {"sections": [{"title": "t", "fields": [{"name": "a"}]}]}}
    with pytest.raises(ProgramError) as caught:
        parse_program(data, "x.yml")
    assert str(caught.value) == "x.yml: form.sections[0].fields[0].label: is required"
