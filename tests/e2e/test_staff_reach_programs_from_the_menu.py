"""An editor reaches 制度 (the programs of their department) from the console's menu, and the header
names them and their department.

Screenshots go to FORYOU_SCREENSHOTS (a folder) when it is set."""

import pytest
from playwright.sync_api import expect

from tests.console_notices.conftest import KODOMO, programs_dir, staff  # noqa: F401
from tests.e2e.test_notice_story import VIEWPORT, log_in
from tests.e2e.test_staff_return_a_notice_with_a_comment import shot

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_opens_programs_from_the_menu(browser, live_server):
    editor = staff("kodomo-editor", "editor", KODOMO)
    editor.first_name = "千葉 花子"
    editor.save(update_fields=["first_name"])
    page = browser.new_context(viewport=VIEWPORT).new_page()
    log_in(page, live_server.url, editor.username)
    expect(page.locator("#staff-who")).to_contain_text("千葉 花子")
    expect(page.locator("#staff-who")).to_contain_text(KODOMO)
    expect(page.locator("#nav-approvals")).to_have_count(0)  # editors approve nothing
    page.click("#nav-programs")
    page.wait_for_url(f"{live_server.url}/programs/")
    expect(page.locator("main")).to_contain_text("子育て世帯応援給付")  # their department's program
    expect(page.locator("main")).not_to_contain_text("高齢者健診")  # another department's
    shot(page, "programs-from-menu.png")
    page.context.close()
