"""今後の案内を希望しない, end to end: an invitation postcard is printed; the resident opens its QR page on a
phone, follows the link to decline, sees their number, is asked to confirm, confirms, and is told no more
invitations will come. The number no longer registers anyone; the console, over the bridge, records the
decline and leaves the resident out of the next invitation batch."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from foryou.accounts import services as accounts
from foryou.accounts.testing import PASSWORD
from foryou.bridge.client import HttpTransport, sync
from foryou.enrollment import invitations, postcard_batches
from foryou.enrollment.models import InvitationDecline, Registration
from foryou.gateway import services as gateway
from tests.e2e.synthetic_city import city, site  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])
SHOTS = Path(os.environ.get("FORYOU_SCREENSHOTS") or "/tmp/shots-15")
PHONE = {"width": 390, "height": 844}


def test_an_invited_resident_declines_from_the_postcards_qr_page_and_is_not_invited_again(browser, site, city):
    SHOTS.mkdir(parents=True, exist_ok=True)
    editor = accounts.add_staff("kenko-editor", PASSWORD, role="editor", department="健康支援課", create_department=True)
    approver = accounts.add_staff("kenko-approver", PASSWORD, role="approver", department="健康支援課")
    invitations.approve(invitations.propose("kenko-shinsa", editor), approver)
    printed = postcard_batches.make_batch(limit=2)
    assert printed.batch is not None
    transport = HttpTransport(site)
    sync(transport)  # the numbers reach the gateway
    invited = Registration.objects.filter(postcard_batch=printed.batch).order_by("pk").first()

    phone = browser.new_page(viewport=PHONE)
    phone.goto(f"{site}/activate/email/?n={invited.number}")  # what the postcard's QR code opens
    phone.click("#decline-link")
    expect(phone.locator("#id_number")).to_have_value(invited.number)
    phone.screenshot(path=str(SHOTS / "decline-number.png"), full_page=True)
    phone.click("#decline button[type=submit]")
    expect(phone.locator("#decline-confirm")).to_be_visible()
    expect(phone.locator("main, body").first).to_contain_text("-".join(invited.number[i:i + 4] for i in (0, 4, 8, 12)))
    assert Registration.objects.get(pk=invited.pk).status == Registration.Status.ISSUED  # nothing until confirmed
    phone.screenshot(path=str(SHOTS / "decline-confirm.png"), full_page=True)
    phone.click("#decline-confirm button[type=submit]")
    expect(phone).to_have_url(f"{site}/decline/done/")
    expect(phone.locator("a.button")).to_have_attribute("href", "/apply/")
    phone.screenshot(path=str(SHOTS / "decline-done.png"), full_page=True)
    assert gateway.activate(invited.number, line_user_id="U" + "6" * 32).code == "wrong_number"

    sync(transport)  # the decline reaches the console
    assert InvitationDecline.objects.get(resident_id=invited.resident_id).by_resident
    assert Registration.objects.get(pk=invited.pk).status == Registration.Status.VOID
    assert invited.resident_id not in invitations.propose("kenko-shinsa", editor).resident_ids

    console = browser.new_page(viewport={"width": 1366, "height": 900})
    console.goto(f"{site}/login/")
    console.fill("#id_username", editor.username)
    console.fill("#id_password", PASSWORD)
    console.click("button[type=submit]")
    console.goto(f"{site}/invitations/")
    expect(console.locator("#declined")).to_be_visible()
