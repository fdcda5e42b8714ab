"""In the phone simulator a registrant taps 設定 in the rich menu: the settings page opens as a LIFF app,
identifies them by their ID token and shows their settings. They switch the page to English, turn off
予防接種 and save; back in the chat, the account's next replies are in English, and 言語 Language shows a
button per language. The page passes axe (WCAG 2.2 AA) inside the LIFF view."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from foryou.dev.lineemu import EmulatorThread
from foryou.dev.lineemu.config import LiffApp
from foryou.dev.lineemu.wiring import point_settings_at
from foryou.gateway.models import Subscriber
from tests.delivery.conftest import line_user, registrant, sync
from tests.e2e.phone import AXE, RUN_AXE, SHOTS

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])
LIFF_ID = "2000000002-settings"


@pytest.fixture
def site(live_server) -> str:
    return live_server.url.replace("localhost", "127.0.0.1")


@pytest.fixture
def line(site, settings, data_dir):
    with EmulatorThread(webhook_url=f"{site}/line/webhook", liff_apps=[LiffApp(LIFF_ID, f"{site}/", "full")]) as emulator:
        point_settings_at(settings, emulator, LIFF_ID)
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        call_command("richmenu", stdout=io.StringIO())
        yield emulator


def test_a_registrant_switches_to_english_and_turns_vaccinations_off_from_the_menu(browser, line, transport):
    user_id = line_user(16)
    line.create_user("Ann Silva", user_id=user_id, language="ja")
    registration = registrant(line_user_id=user_id)
    context = browser.new_context(viewport={"width": 1200, "height": 950})
    context.add_init_script(path=str(AXE))
    phone = context.new_page()
    phone.goto(f"{line.base_url}/simulator?user={user_id}")

    phone.get_by_role("button", name="設定", exact=True).click()  # the rich menu's 設定
    settings_page = phone.frame_locator("#liff-frame")
    expect(settings_page.locator("h1")).to_have_text("設定")
    expect(settings_page.locator("#topics")).to_be_visible()  # the ID token was checked: their own settings
    settings_page.get_by_role("link", name="English").click()
    expect(settings_page.locator("h1")).to_have_text("Settings")
    settings_page.get_by_role("checkbox", name="Vaccinations").uncheck()
    settings_page.get_by_role("button", name="Save settings").click()
    expect(settings_page.locator("#saved")).to_contain_text("Your settings are saved")
    frame = next(f for f in phone.frames if re.search(r"/settings/[^/]+/", f.url))
    assert frame.evaluate(RUN_AXE) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "settings-liff-english.png"))
    subscriber = Subscriber.objects.by_number(registration.number).get()
    assert (subscriber.language, subscriber.topics_off) == ("en", ["vaccinations"])
    sync(transport)
    registration.refresh_from_db()
    assert (registration.language, registration.topics_off) == ("en", ["vaccinations"])

    phone.click("#liff-close")
    chat = phone.locator("#chat")
    phone.fill("#composer-text", "help")
    phone.click("#composer-send")
    expect(chat).to_contain_text("This account sends notices about city programs you can use.")
    expect(chat).to_contain_text('"Apply (利用申請)"')
    phone.get_by_role("button", name="言語 Language").click()  # the rich menu's 言語 Language
    expect(chat).to_contain_text("Choose the language for messages from this account. Current language: English")
    expect(phone.locator("#quick-replies button")).to_have_count(7)
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "language-buttons.png"))
    phone.locator("#quick-replies").get_by_role("button", name="やさしい日本語").click()
    expect(chat).to_contain_text("このアカウントの メッセージは、これから やさしい日本語に なります。")
    context.close()
