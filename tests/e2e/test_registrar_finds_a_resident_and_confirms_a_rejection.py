"""A registrar opens an application no registry candidate fits (the birth date was typed with month and
day swapped), finds the resident with the manual search and accepts; another application is rejected
only after a confirmation page that says what it does."""

import io
from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from foryou.accounts.access import REGISTRAR
from foryou.accounts.testing import PASSWORD, make_staff
from foryou.audit.models import AuditEvent
from foryou.enrollment.models import Application, Registration
from foryou.residents.services import run_import
from tests.residents.conftest import AS_OF
from tests.residents.exports import TARO, valid_export, write_export

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = "/tmp/shots-D"


@pytest.fixture
def city(tmp_path, data_dir):
    run_import(write_export(tmp_path / "export", valid_export()), AS_OF, stream=io.StringIO())


def application(**extra) -> Application:
    return Application.objects.create(**({"source": "web", "name": "千葉 太郎", "name_kana": "チバ タロウ",
                                          "birth_date": date(1985, 12, 4), "postal_code": "2608722",
                                          "address": "千葉市中央区千葉港1番1号", "phone": "043-245-5111",
                                          "channel": "line"} | extra))


def logged_in(browser, live_server):
    make_staff("uketsuke", REGISTRAR)
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="ja-JP")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "uketsuke")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    return page, errors


def test_a_registrar_finds_the_resident_by_hand_and_accepts(browser, live_server, city):
    app = application()
    page, errors = logged_in(browser, live_server)
    page.goto(f"{live_server.url}/applications/{app.pk}/")
    assert page.locator("button[value=accept]").count() == 0  # no candidate: nothing to accept yet
    page.fill("#id_name", "ちば たろう")
    page.fill("#id_birth_date", "昭和60年12月4日")
    page.click("#manual-search")
    found = page.locator("table.manual-results tbody tr")
    expect(found).to_have_count(1)
    row = found.first.inner_text()
    assert "千葉　太郎" in row and "中央区千葉港" in row and "1番1号" not in row
    assert AuditEvent.objects.filter(action="enrollment.registry_searched").exists()
    page.screenshot(path=f"{SHOTS}/registrar-manual-search.png", full_page=True)
    page.click("#manual-accept")
    page.wait_for_url(f"{live_server.url}/applications/")
    assert Registration.objects.get().resident_id == TARO
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_rejecting_asks_for_confirmation_first(browser, live_server, city):
    app = application(name="千葉 三郎", name_kana="チバ サブロウ")
    page, errors = logged_in(browser, live_server)
    page.goto(f"{live_server.url}/applications/{app.pk}/")
    page.select_option("#reason", "not_found")
    page.click("#reject")
    expect(page.locator("#confirm-reject")).to_be_visible()
    with translation.override("ja"):
        undone = gettext("This cannot be undone: no registration number is issued, and the applicant must apply again.")
        phone = gettext("The applicant cannot be told automatically (no email address): contact them by phone.")
    text = page.inner_text("main")
    assert undone in text and phone in text
    app.refresh_from_db()
    assert app.status == "pending"
    page.screenshot(path=f"{SHOTS}/registrar-reject-confirm.png", full_page=True)
    page.click("#confirm-reject")
    page.wait_for_url(f"{live_server.url}/applications/")
    app.refresh_from_db()
    assert (app.status, app.reject_reason) == ("rejected", "not_found")
    assert not [e for e in errors if "Content Security Policy" in e], errors
