"""Invitation letters end to end: 健康支援課 proposes the residents 健康診査 is for, a second person approves,
the postcards print with the invitation wording, and an invited resident adds the account in the phone
simulator and sends the number on the postcard: registered, with no application and no staff step. The
registrar's dashboard then shows the invitation in the registration funnel."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD
from foryou.bridge.client import HttpTransport, sync
from foryou.dev.lineemu import EmulatorThread
from foryou.dev.lineemu.config import LiffApp
from foryou.dev.lineemu.wiring import point_settings_at
from foryou.enrollment import invitations, postcard_batches
from foryou.enrollment.models import InvitationBatch, Registration
from foryou.enrollment.postcards import grouped_number
from tests.e2e.synthetic_city import city, site  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])
LIFF_ID = "2000000002-invite"
SHOTS = Path(os.environ.get("FORYOU_SCREENSHOTS") or "/tmp/shots-15")


@pytest.fixture
def line(site, settings, city):
    with EmulatorThread(webhook_url=f"{site}/line/webhook", liff_apps=[LiffApp(LIFF_ID, f"{site}/", "full")]) as emulator:
        point_settings_at(settings, emulator, LIFF_ID)
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        call_command("richmenu", stdout=io.StringIO())
        yield emulator


def test_an_invited_resident_sends_the_postcard_number_and_is_registered(browser, site, line):
    SHOTS.mkdir(parents=True, exist_ok=True)
    editor = accounts.add_staff("kenko-editor", PASSWORD, role="editor", department="健康支援課", create_department=True)
    approver = accounts.add_staff("kenko-approver", PASSWORD, role="approver", department="健康支援課")
    batch = invitations.propose("kenko-shinsa", editor)
    invitations.approve(batch, approver)
    printed = postcard_batches.make_batch(limit=2)
    assert printed.batch is not None
    transport = HttpTransport(site)
    sync(transport)  # the numbers reach the gateway
    invited = Registration.objects.filter(postcard_batch=printed.batch).first()

    resident = line.create_user(display_name="招待 太郎", status="not_friend")
    phone = browser.new_page(viewport={"width": 1200, "height": 950})
    phone.goto(f"{line.base_url}/simulator?user={resident.user_id}")
    phone.click("#follow")
    phone.fill("#composer-text", grouped_number(invited.number))
    phone.click("#composer-send")
    expect(phone.locator("#chat")).to_contain_text("登録が完了しました")
    phone.locator("[data-testid=phone]").screenshot(path=str(SHOTS / "invitation-activated.png"))
    sync(transport)
    assert invitations.conversion(InvitationBatch.objects.get())["activated"] == 1

    registrar = accounts.add_staff("registrar", PASSWORD, role="registrar")
    console = browser.new_page(viewport={"width": 1366, "height": 900})
    console.goto(f"{site}/login/")
    console.fill("#id_username", registrar.username)
    console.fill("#id_password", PASSWORD)
    console.click("button[type=submit]")
    console.goto(f"{site}/")
    funnel = console.locator("figure", has_text="登録までの流れ")
    expect(funnel).to_contain_text("招待はがき")
    funnel.screenshot(path=str(SHOTS / "funnel.png"))
