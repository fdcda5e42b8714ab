"""An email registrant's story: the number from the postcard and an address on a phone → the confirmation
email (sent to the local SMTP server) → the page says notices come by email and asks about consent → the
registration-complete email's signed consent link → 同意する → thanked, with a confirmation email → after a
bridge sync the console's registration has tax consent → an income-tested notice then reaches them by email,
its footer carrying their consent link beside the stop link. Pages pass axe (WCAG 2.2 AA) on a phone."""

import io
import re
import time

import pytest
import yaml
from django.utils import translation
from django.utils.translation import gettext

from foryou.bridge.client import HttpTransport, sync
from foryou.dev.mailcatcher import Mailbox
from foryou.dev.mailcatcher.server import SmtpThread
from foryou.enrollment.services import issue_number
from foryou.notices import sending, services
from foryou.programs import catalog, live
from foryou.residents.services import run_import
from foryou.shared.numbers import display
from tests.delivery.conftest import WORDING, dispatch, staff
from tests.e2e.phone import SHOTS, axe_violations, phone_page
from tests.residents.conftest import AS_OF
from tests.residents.exports import UME, valid_export, write_export

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])
ADDRESS = "ume@example.jp"
INCOME_TESTED_FILE = {  # income-tested: it reads a tax field, so only registrants with consent get it
    "code": "teishotoku-kyufu", "name": "低所得世帯への給付金", "department": "健康支援課", "recipients": "person",
    "conditions": {"field": "total_income", "op": "<=", "value": 1000000}}


@pytest.fixture
def site(live_server) -> str:
    return live_server.url.replace("localhost", "127.0.0.1")


@pytest.fixture
def smtp(tmp_path):
    with SmtpThread(Mailbox(tmp_path / "mailbox"), port=0) as server:
        yield server


@pytest.fixture
def mail_settings(settings, site, smtp, data_dir):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
    settings.GATEWAY_PUBLIC_URL = site
    settings.DELIVERY_WINDOW = "00:00-23:59"
    settings.DELIVERY_EMAIL_RATE = 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return settings


def ja(msgid: str) -> str:
    with translation.override("ja"):
        return gettext(msgid)


def mail_to(smtp, address: str, count: int):
    """The count-th email to this address (1-based), once the local SMTP server has it."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        mails = [m for m in smtp.messages() if address in m.to]
        if len(mails) >= count:
            return mails[count - 1]
        time.sleep(0.1)
    raise AssertionError(f"no email number {count} to {address}")


def link_in(text: str, path: str) -> str:
    return next(word for word in re.split(r"\s", text) if path in word)


def test_an_email_registrant_consents_from_the_mailbox_and_then_gets_income_tested_notices(
        browser, site, smtp, mail_settings, tmp_path, monkeypatch):
    run_import(write_export(tmp_path / "export", valid_export()), AS_OF, stream=io.StringIO())
    bridge = HttpTransport(site)
    registration = issue_number(UME)
    sync(bridge)  # the number reaches the gateway, as the postcard reaches the resident

    # 1. On the phone: the number and the address; the address is confirmed first.
    phone = phone_page(browser)
    phone.goto(f"{site}/activate/email/?n={display(registration.number)}")
    phone.fill("#id_email", ADDRESS)
    phone.click("button[type=submit]")
    phone.locator("[role=status]").wait_for()
    confirmation = mail_to(smtp, ADDRESS, 1)
    assert "業務改革推進課" in confirmation.text

    # 2. The confirmation link: notices by email, to that address; consent is offered.
    phone.goto(link_in(confirmation.text, "/activate/email/confirm/"))
    phone.locator("#consent-link").wait_for()
    body = phone.inner_text("main")
    assert ADDRESS in body and "LINE" not in body
    phone.screenshot(path=str(SHOTS / "email-1-registered.png"), full_page=True)
    assert axe_violations(phone) == []
    sync(bridge)
    registration.refresh_from_db()
    assert (registration.status, registration.channel, registration.tax_consent) == ("active", "email", False)

    # 3. The registration-complete email carries the signed consent link; opened from the mailbox.
    complete = mail_to(smtp, ADDRESS, 2)
    consent_link = link_in(complete.text, "/consent/email/")
    assert ADDRESS not in consent_link and registration.number not in consent_link
    assert "児童扶養手当" in complete.text and "/email/unsubscribe/" in complete.text
    phone.goto(consent_link)
    assert "LINE" not in phone.inner_text("main")
    assert axe_violations(phone) == []
    phone.click("button[value=give]")
    phone.locator("#thanks").wait_for()
    phone.screenshot(path=str(SHOTS / "email-2-consented.png"), full_page=True)
    assert axe_violations(phone) == []
    assert "2026-1" in mail_to(smtp, ADDRESS, 3).text  # the confirmation names the terms agreed to

    # 4. The console hears it as it hears LINE consent.
    sync(bridge)
    registration.refresh_from_db()
    assert registration.tax_consent and registration.consent_terms == mail_settings.CONSENT_TERMS_VERSION

    # 5. An income-tested notice now reaches her by email.
    programs = tmp_path / "programs"
    programs.mkdir()
    (programs / "teishotoku-kyufu.yml").write_text(yaml.safe_dump(INCOME_TESTED_FILE, allow_unicode=True),
                                                   encoding="utf-8")
    mail_settings.PROGRAMS_DIR = programs
    live.reset()
    editor, approver = staff("editor", "editor"), staff("approver", "approver")
    notice = services.create(catalog.get_program("teishotoku-kyufu"), WORDING, editor)
    services.approve(notice.latest, approver)
    assert sending.estimate(notice) == (1, 1)
    sending.schedule(notice, by=editor)
    [order] = sending.start_due()
    sync(bridge)
    dispatch()
    arrived = mail_to(smtp, ADDRESS, 4)
    assert "低所得世帯への給付金" in arrived.subject
    assert link_in(arrived.text, "/consent/email/").startswith(f"{site}/consent/email/")
    assert link_in(arrived.text, "/email/unsubscribe/")
    phone.goto(link_in(arrived.text, "/consent/email/"))  # the footer link opens the current state
    assert phone.locator("#state").inner_text().strip() == ja("You currently agree to the use of your tax data.")
    phone.screenshot(path=str(SHOTS / "email-3-state-from-notice.png"), full_page=True)
    sync(bridge)
    order.refresh_from_db()
    assert order.progress["counts"] == {"email:sent": 1}
