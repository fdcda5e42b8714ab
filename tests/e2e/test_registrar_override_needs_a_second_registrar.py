"""A registrar asks to accept an application for a person the console did not propose (with the reason);
nothing is issued until a second registrar checks the person and confirms on a confirmation page. The
number after accepting is shown masked. Works without JavaScript, and within the console's CSP."""

import io
from datetime import date

import pytest
from playwright.sync_api import expect

from foryou.accounts.access import REGISTRAR
from foryou.accounts.testing import PASSWORD, make_staff
from foryou.enrollment.display import masked
from foryou.enrollment.models import Application, Registration
from foryou.residents.services import run_import
from foryou.shared.numbers import display
from tests.residents.conftest import AS_OF
from tests.residents.exports import UME, valid_export, write_export

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def city(tmp_path, data_dir):
    run_import(write_export(tmp_path / "export", valid_export()), AS_OF, stream=io.StringIO())


def logged_in(browser, live_server, username):
    make_staff(username, REGISTRAR)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ja-JP", java_script_enabled=False)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    return page, errors


def test_an_override_is_accepted_only_once_a_second_registrar_confirms(browser, live_server, city):
    # うめ applied under her married name: no candidate, and her own search would not find her either.
    app = Application.objects.create(source="web", name="佐藤 うめ", name_kana="サトウ ウメ",
                                     birth_date=date(1935, 4, 1), postal_code="2608722",
                                     address="千葉市中央区千葉港1番1号", channel="line")
    first, first_errors = logged_in(browser, live_server, "uketsuke")
    first.goto(f"{live_server.url}/applications/{app.pk}/")
    first.fill("#override_resident_id", UME)
    first.fill("#override_reason", "旧姓で申請。窓口で本人確認済み")
    first.click("#request-override")
    expect(first.locator("#confirm-override")).to_have_count(0)  # not by the one who asked
    assert not Registration.objects.exists()

    second, second_errors = logged_in(browser, live_server, "uketsuke2")
    second.goto(f"{live_server.url}/applications/{app.pk}/")
    second.click("#confirm-override")
    expect(second.locator("#confirm-override-yes")).to_be_visible()
    assert "髙橋　うめ" in second.content()
    second.click("#confirm-override-yes")
    second.wait_for_url(f"{live_server.url}/applications/")
    registration = Registration.objects.get()
    assert registration.resident_id == UME
    page = second.content()
    assert masked(registration.number) in page and display(registration.number) not in page
    assert not [e for e in first_errors + second_errors if "Content Security Policy" in e]
