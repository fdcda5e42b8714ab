"""Saving conditions asks first, in the page (htmx), with the count and how many registrants would be
told; counts below the small-count threshold (10; 2 here, in a four-resident city) read 「2人未満」.
Cancelling keeps the conditions in effect."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD
from foryou.console.suppression import fewer_than
from foryou.enrollment.models import Registration
from foryou.programs import live
from foryou.programs.models import ProgramRevision
from foryou.residents.services import run_import
from tests.programs.samples import PARENTS, write_programs
from tests.residents.conftest import AS_OF
from tests.residents.exports import TARO, valid_export, write_export

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = "/tmp/shots-D"


@pytest.fixture
def city(tmp_path, data_dir, settings):
    settings.SMALL_COUNT = 2  # 2 persons qualify: shown; 1 registrant told: 「2人未満」
    settings.PROGRAMS_DIR = write_programs(tmp_path / "programs", parents=PARENTS)
    live.reset()
    run_import(write_export(tmp_path / "export", valid_export()), AS_OF, stream=io.StringIO())
    Registration.objects.create(number="1234567890123452", resident_id=TARO, status=Registration.Status.ACTIVE,
                                expires_at=timezone.now() + timedelta(days=90))
    yield
    live.reset()


def test_saving_asks_with_the_count_and_the_registrants_told(browser, live_server, city):
    accounts.add_staff("kodomo", PASSWORD, role="editor", department="こども家庭支援課", create_department=True)
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="ja-JP")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "kodomo")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/programs/parents/?as_of={AS_OF.isoformat()}")
    expect(page.locator("#count")).to_have_attribute("data-count", "2")
    expect(page.locator("#told")).to_have_attribute("data-told", "few")  # one registrant: 「2人未満」
    with translation.override("ja"):
        fewer = gettext("of whom registrants who would be told: fewer than %(n)s") % {"n": 2}
        consequence = gettext("Once saved, these conditions are used at once to find who qualifies: by sends, "
                              "and by the daily trigger run.")
        count = gettext("Qualifying now: %(n)s") % {"n": fewer_than()}
        told = gettext("Registrants who would be told: fewer than %(n)s") % {"n": 2}
    assert page.inner_text("#told") == fewer

    page.fill("#n_0-value", "40")
    page.press("#n_0-value", "Tab")
    expect(page.locator("#count")).to_have_attribute("data-count", "few")
    page.fill("#note", "40歳以上の親に限る")
    page.click("#save")
    dialog = page.locator(".confirm-save")
    expect(dialog).to_be_visible()
    text = dialog.inner_text()
    assert consequence in text and count in text and told in text
    assert not ProgramRevision.objects.exists()
    page.screenshot(path=f"{SHOTS}/program-editor-save-confirm.png", full_page=True)

    # Changing a condition withdraws the question (its count is stale); the note stays as typed.
    page.fill("#n_0-value", "41")
    page.press("#n_0-value", "Tab")
    expect(dialog).to_have_count(0)
    assert page.input_value("#note") == "40歳以上の親に限る"
    with page.expect_response("**/tree"):  # the count reads 「2人未満」 before and after: wait for the answer
        page.fill("#n_0-value", "40")
        page.press("#n_0-value", "Tab")
    expect(page.locator("#count")).to_have_attribute("data-count", "few")
    page.click("#save")
    expect(dialog).to_be_visible()

    page.click("#confirm-save")
    expect(page.locator(".message").first).to_be_visible()
    revision = ProgramRevision.objects.get()
    assert revision.note == "40歳以上の親に限る" and revision.conditions["all"][0]["value"] == 40
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_the_lookup_table_reads_as_amounts_with_units(browser, live_server, city, settings):
    from tests.programs_editor.test_conditions_read_without_internal_names import LIMITS

    (settings.PROGRAMS_DIR / "limits.yml").write_text(LIMITS, encoding="utf-8")
    accounts.add_staff("kodomo2", PASSWORD, role="editor", department="こども家庭支援課", create_department=True)
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="ja-JP")
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "kodomo2")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/programs/limits/?as_of={AS_OF.isoformat()}")
    table = page.locator("table.lookup")
    expect(table).to_be_visible()
    assert "income_limit" not in page.inner_text("body")
    page.screenshot(path=f"{SHOTS}/program-lookup-table.png", full_page=True)
