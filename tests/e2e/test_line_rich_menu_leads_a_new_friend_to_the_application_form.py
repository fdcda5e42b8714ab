"""In the phone simulator, a resident adds the account as a friend: the greeting arrives, the rich menu
set up by `foryou richmenu` shows under the chat, and tapping 利用申請 opens the application form in the
LIFF view — no URL typed. Tapping 登録番号の入力 makes the account explain how to send the number.

Screenshots go to FORYOU_SCREENSHOTS (or /tmp/shots-A) for a look at the menu."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from foryou.dev.lineemu import EmulatorThread
from foryou.dev.lineemu.config import LiffApp
from foryou.dev.lineemu.wiring import point_settings_at
from foryou.gateway.line import words

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])
LIFF_ID = "2000000002-menu"
SHOTS = Path(os.environ.get("FORYOU_SCREENSHOTS") or "/tmp/shots-A")


@pytest.fixture
def site(live_server) -> str:
    return live_server.url.replace("localhost", "127.0.0.1")  # the simulator's site: LIFF cookies work


@pytest.fixture
def line(site, settings, data_dir):
    with EmulatorThread(webhook_url=f"{site}/line/webhook", liff_apps=[LiffApp(LIFF_ID, f"{site}/", "full")]) as emulator:
        point_settings_at(settings, emulator, LIFF_ID)
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        call_command("richmenu", stdout=io.StringIO())
        yield emulator


def label(word) -> str:
    with translation.override("ja"):
        return str(word)


def test_a_new_friend_taps_apply_in_the_rich_menu_and_reaches_the_form(browser, line):
    SHOTS.mkdir(parents=True, exist_ok=True)
    resident = line.create_user(display_name="千葉 花子", status="not_friend")
    phone = browser.new_page(viewport={"width": 1200, "height": 950})
    phone.goto(f"{line.base_url}/simulator?user={resident.user_id}")
    menu = phone.locator("#rich-menu")
    expect(menu).to_be_hidden()  # not a friend yet: no chat, no menu

    phone.click("#follow")
    expect(menu).to_be_visible()
    expect(phone.locator("#chat .text-bubble").first).to_contain_text(label(words.APPLY))
    expect(phone.locator("#rich-menu-panel img")).to_have_js_property("complete", True)
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "rich-menu-greeting.png"))

    menu.get_by_role("button", name=label(words.APPLY)).click()
    form = phone.frame_locator("#liff-frame")
    expect(form.locator("#id_name")).to_be_visible()
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "rich-menu-apply-form.png"))

    phone.click("#liff-close")
    menu.get_by_role("button", name=label(words.ENTER_NUMBER)).click()
    expect(phone.locator("#chat .msg.user").last).to_contain_text(label(words.ENTER_NUMBER))
    expect(phone.locator("#chat")).to_contain_text("1234-5678-9012-3456")
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "rich-menu-number-instructions.png"))


def test_the_bar_closes_and_opens_the_menu(browser, line):
    resident = line.create_user(display_name="千葉 太郎")
    phone = browser.new_page(viewport={"width": 1200, "height": 950})
    phone.goto(f"{line.base_url}/simulator?user={resident.user_id}")
    panel = phone.locator("#rich-menu-panel")
    expect(panel).to_be_visible()  # "selected": shown open
    phone.click("#rich-menu-bar")
    expect(panel).to_be_hidden()
    phone.click("#rich-menu-bar")
    expect(panel).to_be_visible()
