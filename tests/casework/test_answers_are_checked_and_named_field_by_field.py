import pytest

from foryou.shared.forms.answers import clean_answers
from tests.casework.forms import VALID, jido_form


def test_valid_answers_are_normalised_wareki_dates_kana_and_yes_no():
    answers = clean_answers(jido_form(), VALID)
    assert answers.ok, answers.errors
    assert answers.values["reason_date"] == "2025-03-31"
    child = answers.values["children"][0]
    assert child == {"name": "千葉 花子", "name_kana": "チバ ハナコ", "birth_date": "2016-09-01", "relationship": "子",
                     "lives_with": True, "custody_since": "2025-03-31"}
    assert answers.values["pension"] is False


@pytest.mark.parametrize("name, value, words", [
    ("f_phone", "", "日中の電話番号"),
    ("f_reason", "宇宙人", "支給の理由"),
    ("f_reason_date", "令和7年13月1日", "理由の生じた日"),
    ("children-0-name_kana", "Hanako", "児童の氏名(カナ)"),
    ("children-0-birth_date", "あした", "児童の生年月日"),
    ("children-0-name", "<b>花子</b>", "児童の氏名"),
    ("f_pension", "maybe", "公的年金"),
])
def test_each_bad_answer_is_named_beside_its_field(name, value, words):
    answers = clean_answers(jido_form(), VALID | {name: value})
    assert list(answers.errors) == [name]
    assert words in answers.errors[name]


def test_conditional_fields_are_required_only_when_shown():
    form = jido_form()
    assert clean_answers(form, VALID | {"f_support": "no"}).ok
    shown = clean_answers(form, VALID | {"f_support": "yes"})
    assert list(shown.errors) == ["f_support_monthly"]
    assert clean_answers(form, VALID | {"f_support": "yes", "f_support_monthly": "３０，０００"}).values["support_monthly"] == 30000
    hidden = clean_answers(form, VALID | {"f_support": "no", "f_support_monthly": "30000"})
    assert "support_monthly" not in hidden.values


def test_at_least_one_child_and_the_declaration_are_required():
    empty_child = {k: v for k, v in VALID.items() if not k.startswith("children-0")}
    answers = clean_answers(jido_form(), empty_child | {"declaration": ""})
    assert "declaration" in answers.errors
    assert any(k.startswith("children-0") for k in answers.errors)


def test_rows_beyond_the_groups_maximum_are_not_read():
    form = jido_form()
    post = VALID | {"children-rows": "99"}
    answers = clean_answers(form, post)
    assert answers.ok and len(answers.values["children"]) == 1
