"""The application form on a phone: each input asks for the right keyboard and autofill, required fields are
marked before anything is sent, and each error sits next to its field, which names it (aria-describedby)."""

import pytest

from tests.gateway.pages import elements, script

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


@pytest.fixture
def form(client):
    return elements(client.get("/apply/").content.decode())


@pytest.mark.parametrize("field, attributes", [
    ("name", {"autocomplete": "name"}),
    ("birth_date", {"autocomplete": "bday"}),
    ("postal_code", {"autocomplete": "postal-code", "inputmode": "numeric"}),
    ("address", {"autocomplete": "address-line1"}),
    ("email", {"type": "email", "autocomplete": "email", "inputmode": "email"}),
    ("phone", {"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
])
def test_each_input_asks_the_phone_for_the_right_keyboard_and_autofill(form, field, attributes):
    element = form[f"id_{field}"]
    assert {k: element.get(k) for k in attributes} == attributes


@pytest.mark.parametrize("field", ["name", "name_kana", "birth_date", "postal_code", "address", "agree"])
def test_required_fields_are_marked_before_anything_is_sent(client, field):
    page = client.get("/apply/").content.decode()
    element = elements(page)[f"id_{field}"]
    assert "required" in element and element["aria-required"] == "true"
    label = page[page.index(f'for="id_{field}"'):]
    assert '<span class="req">' in label[:label.index("</label>")]


def test_optional_fields_are_not_marked_required(form):
    assert "required" not in form["id_email"] and "required" not in form["id_phone"]


def test_help_text_is_named_by_its_input(form):
    assert form["id_postal_code"]["aria-describedby"] == "id_postal_code_helptext"
    assert "id_postal_code_helptext" in form


def test_each_error_is_next_to_its_field_and_named_by_it(client, data_dir):
    page = client.post("/apply/", {"name": "千葉 花子", "name_kana": "Chiba", "birth_date": "昭和60年4月12日",
                                   "postal_code": "260", "address": "千葉市中央区千葉港1-1", "channel": "line",
                                   "phone": "043-245-5111", "agree": "on"}).content.decode()
    found = elements(page)
    for field in ("name_kana", "postal_code"):
        element = found[f"id_{field}"]
        assert element["aria-invalid"] == "true"
        assert element["aria-describedby"].split() == [f"id_{field}_helptext", f"id_{field}_error"]
        after_input = page[page.index(f'id="id_{field}"'):]
        next_field = after_input.index('class="field', 1)
        assert f'id="id_{field}_error"' in after_input[:next_field]  # the message sits before the next field
    assert "aria-invalid" not in found["id_name"]
    assert page.index('href="#id_name_kana"') < page.index('href="#id_postal_code"')  # the summary, in order
    first_error = script(page, "gateway/first-error.js")
    assert "[aria-invalid=true]" in first_error and ".focus(" in first_error  # the first error gets the cursor


def test_the_activation_forms_use_number_and_email_keyboards(client):
    found = elements(client.get("/activate/email/").content.decode())
    assert found["id_number"]["inputmode"] == "numeric"
    assert found["id_email"]["type"] == "email" and found["id_email"]["autocomplete"] == "email"
