"""差し戻し in the browser: an approver (two-factor) reads a notice waiting for approval, returns it with a
comment, and its editor finds the comment on the notice's page, with the notice a draft again that
they can change and send for approval again.

Screenshots go to FORYOU_SCREENSHOTS (a folder) when it is set."""

import os
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from foryou.notices import services
from foryou.programs import catalog
from tests.console_notices.conftest import KODOMO, WORDING, programs_dir, staff  # noqa: F401
from tests.e2e.test_notice_story import VIEWPORT, log_in

pytestmark = pytest.mark.django_db(transaction=True)
COMMENT = "申請期限（12月28日）を本文に書いてください。"


def shot(page, name: str) -> None:
    folder = os.environ.get("FORYOU_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_the_approver_returns_a_notice_and_the_editor_reads_why(browser, live_server):
    editor = staff("kodomo-editor", "editor", KODOMO)
    approver = staff("kodomo-approver", "approver", KODOMO)
    device = TOTPDevice.objects.create(user=approver, name="phone", confirmed=True)
    notice = services.create(catalog.get_program("parents"), WORDING, editor)
    url = live_server.url
    errors = []

    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, url, approver.username, device)
    expect(page.locator("#nav-approvals")).to_contain_text("1")
    expect(page.locator("#dashboard-approvals")).to_contain_text("1")
    shot(page, "approver-dashboard.png")
    page.click("#nav-approvals")
    page.click(f"a[href='/notices/{notice.pk}/'] >> nth=0")
    page.click(".return-box summary")
    page.fill("#id_return_comment", COMMENT)
    shot(page, "return-form.png")
    page.click("#return")
    expect(page.locator(".message").first).to_be_visible()
    expect(page.locator("#nav-approvals")).to_contain_text("0")
    page.context.close()

    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, url, editor.username)
    page.goto(f"{url}/notices/{notice.pk}/")
    expect(page.locator("#return-comment")).to_have_text(COMMENT)
    expect(page.locator(".notice-meta .state-returned")).to_be_visible()
    expect(page.locator("form[action$='/submit'] button")).to_be_visible()  # ask again, as it is or changed
    shot(page, "returned-notice.png")
    page.context.close()
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
