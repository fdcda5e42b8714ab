from datetime import date

from foryou.shared.forms.definition import parse_form
from tests.casework.forms import jido_form


def test_the_claim_asks_for_children_custody_income_and_a_family_register():
    form = jido_form()
    children = form.sections[1].groups[0]
    assert children.name == "children" and children.min == 1
    assert {f.name for f in children.fields} >= {"name", "name_kana", "birth_date", "lives_with", "custody_since"}
    assert {f.name for s in form.sections for f in s.fields} >= {"reason", "pension", "support"}
    assert form.attachment("family_register").required
    assert form.declaration and not form.allow_many
    assert not any("bank" in f.name or "口座" in f.label for s in form.sections for f in s.fields)


def test_the_acceptance_period_is_the_fiscal_year():
    form = jido_form()
    assert form.accepts_on(date(2026, 12, 7))
    assert not form.accepts_on(date(2027, 4, 1)) and not form.accepts_on(date(2026, 3, 31))


def test_the_definition_crosses_the_bridge_as_plain_data_and_reads_back_the_same():
    import json

    form = jido_form()
    again = parse_form(json.loads(json.dumps(form.to_dict())))
    assert again == form and again.digest == form.digest
