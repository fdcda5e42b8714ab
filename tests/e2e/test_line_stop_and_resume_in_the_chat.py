"""In the phone simulator, a registrant sends 配信停止, is asked, and taps 停止する: a notice sent while
stopped does not reach them. They send 配信再開 — no new application, no postcard — and the next notice
arrives in the chat."""

import io
import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from foryou.dev.lineemu import EmulatorThread
from foryou.dev.lineemu.config import LiffApp
from foryou.dev.lineemu.wiring import point_settings_at
from foryou.gateway.line import replies, words
from foryou.gateway.models import Subscriber
from foryou.notices import sending
from foryou.notices import services as notices
from foryou.notices.models import Notice
from foryou.notices.services import Wording
from tests.delivery.conftest import DEPARTMENT, dispatch, line_user, registrant, staff, sync

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])
LIFF_ID = "2000000002-stop"
SHOTS = Path(os.environ.get("FORYOU_SCREENSHOTS") or "/tmp/shots-A")


@pytest.fixture
def site(live_server) -> str:
    return live_server.url.replace("localhost", "127.0.0.1")


@pytest.fixture
def line(site, settings, data_dir):
    with EmulatorThread(webhook_url=f"{site}/line/webhook", liff_apps=[LiffApp(LIFF_ID, f"{site}/", "full")]) as emulator:
        point_settings_at(settings, emulator, LIFF_ID)
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        settings.DELIVERY_WINDOW = "00:00-23:59"
        call_command("richmenu", stdout=io.StringIO())
        yield emulator


def ja(text) -> str:
    with translation.override("ja"):
        return str(text)


def send_notice(title: str, editor, approver, transport) -> None:
    """A broadcast, approved and sent now; the gateway makes the deliveries and a worker sends them. The
    console's scheduler has synced since the resident's last change (it does every few seconds)."""
    sync(transport)
    notice = Notice.objects.create(program_code="", department=DEPARTMENT, created_by=editor)
    notices._new_version(notice, django_settings.SERVICE_NAME,
                         Wording(title=title, body="市からのお知らせです。", contact_department="広報広聴課",
                                 contact_phone="043-245-5111"), editor)
    notices.approve(notice.latest, approver)
    sending.schedule(notice, by=editor, broadcast=True)
    sending.start_due()
    sync(transport)
    dispatch()


def test_a_registrant_stops_and_resumes_notices_in_the_chat(browser, line, transport):
    editor, approver = staff("editor", "editor"), staff("approver", "approver")
    user_id = line_user(7)
    line.create_user("千葉 花子", user_id=user_id)
    registration = registrant(line_user_id=user_id)
    phone = browser.new_page(viewport={"width": 1200, "height": 950})
    phone.goto(f"{line.base_url}/simulator?user={user_id}")
    chat = phone.locator("#chat")

    # 1. 配信停止 only asks; 停止する stops.
    phone.fill("#composer-text", "配信停止")
    phone.click("#composer-send")
    chat.get_by_role("button", name=ja(words.CONFIRM_STOP)).click()
    with translation.override("ja"):
        stopped = replies.stopped()["template"]["text"]
    expect(chat).to_contain_text(stopped)
    SHOTS.mkdir(parents=True, exist_ok=True)
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "stopped.png"))
    assert Subscriber.objects.get(number=registration.number).paused

    # 2. A notice sent while stopped does not arrive.
    send_notice("検診のご案内", editor, approver, transport)
    assert line.messages(user_id, direction="bot")[-1]["message"]["type"] == "template"  # still the answer

    # 3. 配信再開 (the answer's button) resumes, without a new postcard; the next notice arrives.
    chat.get_by_role("button", name=ja(words.RESUME)[:20]).last.click()
    with translation.override("ja"):
        expect(chat).to_contain_text(replies.resumed_text())
    send_notice("給付金のご案内", editor, approver, transport)
    expect(chat.locator(".flex-bubble").last).to_contain_text("給付金のご案内")
    assert "検診のご案内" not in chat.inner_text()
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "resumed-notice.png"))
    sync(transport)
    registration.refresh_from_db()
    assert registration.status == "active" and registration.paused_at is None
