"""The notice story, as staff do it: an editor composes a notice for a program and sees it as residents
will (LINE bubble, email) → an approver, logged in with two-factor authentication in a second browser,
approves it from the inbox (決裁) → the editor sends it now → the progress bar reaches 100 % while the
console's scheduler and a delivery worker run in the background → the LINE message is in the
residents' chats (the local LINE platform), and only theirs.

Set FORYOU_SCREENSHOTS to a folder to keep screenshots of the composer and the results page."""

import os
import threading
from pathlib import Path

import pytest
from django.db import connections
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from foryou.accounts.testing import PASSWORD
from tests.accounts.conftest import totp_now
from tests.console_notices.conftest import KODOMO, city, programs_dir, staff  # noqa: F401
from tests.delivery.conftest import delivery_settings, fast_email, fast_line, line_user, registrant, smtp  # noqa: F401
from tests.residents.exports import HANAKO, TARO, UME

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])
VIEWPORT = {"width": 1366, "height": 768}
TITLE = "子育て世帯応援給付金のご案内"
BODY = ("3歳未満のお子さんがいる世帯に、1人あたり5万円の応援給付金を支給します。\n"
        "申請は電子申請または郵送で、2027年1月29日までにお願いします。")


class Background(threading.Thread):
    """What runs beside the web server in the demo: the console's clock (start due sends, sync with
    the gateway over HTTP) and a delivery worker (sends to the local LINE platform)."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.stopped, self.error = url, threading.Event(), None

    def run(self):
        from foryou.bridge.client import HttpTransport
        from foryou.gateway.delivery.dispatcher import Dispatcher
        from foryou.notices.automation import Clock

        clock, transport = Clock(), HttpTransport(self.url)
        try:
            while not self.stopped.is_set():
                clock.tick(transport)
                Dispatcher(line_factory=fast_line, email_factory=fast_email).run(seconds=2)
                self.stopped.wait(0.3)
        except Exception as exc:  # noqa: BLE001 - reported by the test
            self.error = exc
        finally:
            connections.close_all()

    def stop(self):
        self.stopped.set()
        self.join(timeout=30)


def log_in(page, url: str, username: str, device=None) -> None:
    page.goto(f"{url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    if device is not None:
        page.wait_for_url("**/two-factor/**")
        page.fill("#id_code", totp_now(device))
        page.click("#two-factor-verify button[type=submit]")
    page.wait_for_url(f"{url}/")


def test_compose_approve_send_and_watch_it_reach_everyone(browser, live_server, delivery_settings, line, city, settings):
    settings.SMALL_COUNT = 1  # the estimate's figures down to 1 in this small city (suppression has its own tests)
    editor = staff("kodomo-editor", "editor", KODOMO)
    approver = staff("kodomo-approver", "approver", KODOMO)
    device = TOTPDevice.objects.create(user=approver, name="phone", confirmed=True)
    users = {}
    for n, resident in enumerate([TARO, HANAKO, UME], start=1):
        users[resident] = line_user(n)
        line.create_user("住民", user_id=users[resident])
        registrant(line_user_id=users[resident], resident_id=resident)
    shots = os.environ.get("FORYOU_SCREENSHOTS")
    url = live_server.url
    errors = []

    # 1. The editor composes; the LINE bubble and the email follow what they type.
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, url, editor.username)
    page.click("nav >> text=/お知らせ|Notices/")
    page.click("text=/お知らせを作成|Write a notice/")
    page.select_option("#id_target", "program:parents")
    expect(page.locator("#id_contact_phone")).to_have_value("043-245-5179")  # from the program
    page.fill("#id_title", TITLE)
    page.fill("#id_body", BODY)
    page.fill("#id_link_0_label", "申請方法を見る")
    page.fill("#id_link_0_url", "https://www.city.chiba.jp/kodomo/kyufu.html")
    page.fill("#id_link_1_label", "電子申請する")
    page.fill("#id_link_1_url", "https://apply.example.jp/chiba/kyufu")
    bubble = page.locator(".bubble-slot .flex-bubble")
    expect(bubble).to_contain_text(TITLE)
    expect(bubble).to_contain_text("電子申請する")
    expect(page.frame_locator(".email-frame iframe").locator("h1")).to_have_text("子育て世帯応援給付")
    if shots:
        page.wait_for_timeout(500)
        page.screenshot(path=str(Path(shots) / "notice-composer.png"))
    page.click("#submit-for-approval")
    expect(page.locator(".state-waiting").first).to_be_visible()
    notice_url = page.url

    # 2. A second person approves it, after their second factor.
    other = browser.new_context(viewport=VIEWPORT).new_page()
    other.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(other, url, approver.username, device)
    other.goto(f"{url}/notices/approvals/")
    other.click("button.approve")
    other.click("#confirm-approve")  # approving is confirmed first: the version becomes sendable
    expect(other.locator(".message.success, .message").first).to_be_visible()
    other.context.close()

    # 3. The editor sends it now, to the program's target persons: two parents of the baby.
    page.goto(notice_url)
    page.click("#send-link")
    expect(page.locator("#estimate-recipients")).to_have_attribute("data-count", "2")
    background = Background(url)
    background.start()
    try:
        page.click("#send")
        expect(page.locator("#send-consequence")).to_contain_text("2")  # 2人に送信します
        page.click("#confirm-send")
        progress = page.locator("#progress")
        expect(progress).to_have_attribute("data-percent", "100", timeout=60_000)
        expect(page.locator("#reached")).to_have_text("2")
    finally:
        background.stop()
    assert background.error is None, background.error
    if shots:
        page.screenshot(path=str(Path(shots) / "notice-results.png"), full_page=True)

    # 4. In the residents' LINE: the parents have the notice, the 91-year-old has nothing.
    assert [len(line.messages(users[r])) for r in (TARO, HANAKO, UME)] == [1, 1, 0]
    message = line.messages(users[TARO])[0]
    assert TITLE in str(message)
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
    page.context.close()
