"""A department editor logs in, opens a program, changes an age condition and watches the count
change on the page (htmx round trip to the live server), then saves the change."""

import io

import pytest
from playwright.sync_api import expect

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD
from foryou.programs import live
from foryou.programs.models import ProgramRevision
from foryou.residents.services import run_import
from tests.residents.conftest import AS_OF
from tests.programs.samples import PARENTS, write_programs
from tests.residents.exports import valid_export, write_export

pytestmark = pytest.mark.django_db(transaction=True)

@pytest.fixture
def city(tmp_path, data_dir, settings):
    settings.SMALL_COUNT = 1  # figures down to 1 in this four-resident city (suppression has its own tests)
    settings.PROGRAMS_DIR = write_programs(tmp_path / "programs", parents=PARENTS)
    live.reset()
    run_import(write_export(tmp_path / "export", valid_export()), AS_OF, stream=io.StringIO())
    yield
    live.reset()


def test_an_editor_changes_an_age_and_sees_the_count_change(browser, live_server, city):
    accounts.add_staff("kodomo", PASSWORD, role="editor", department="こども家庭支援課", create_department=True)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "kodomo")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/programs/")
    page.click("text=子育て世帯")
    with page.expect_response("**/tree"):
        page.fill("#as_of", AS_OF.isoformat())
        page.press("#as_of", "Tab")
    count = page.locator("#count")
    expect(count).to_have_attribute("data-count", "2")

    # 18 → 40: only 太郎 (41) of the two parents remains; the count changes without a page load.
    page.fill("#n_0-value", "40")
    page.press("#n_0-value", "Tab")
    expect(count).to_have_attribute("data-count", "1")
    assert count.inner_text() == "1"
    assert page.locator("ol.funnel li").count() == 3
    assert page.evaluate("document.activeElement && document.activeElement.id") != ""  # focus kept in the form

    # A value that is not a number is named next to its condition, and no count is shown.
    page.fill("#n_0-value", "")
    page.press("#n_0-value", "Tab")
    page.locator("#n_0-error").wait_for()
    expect(count).to_have_attribute("data-count", "")

    # Corrected and saved: a revision, and the page reloads with it.
    page.fill("#n_0-value", "40")
    page.press("#n_0-value", "Tab")
    expect(count).to_have_attribute("data-count", "1")
    page.fill("#note", "40歳以上の親に限る")
    page.click("#save")
    page.click("#confirm-save")  # saving asks first (tests/e2e/test_program_editor_save_asks_to_confirm.py)
    expect(page.locator(".message").first).to_be_visible()
    revision = ProgramRevision.objects.get()
    assert revision.note == "40歳以上の親に限る" and revision.conditions["all"][0]["value"] == 40
    assert not [e for e in errors if "Content Security Policy" in e], errors
