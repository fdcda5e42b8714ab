"""An email registrant opens the settings page from the link in their email on a phone, switches it to
English with the switcher, turns off 予防接種 and saves: the page answers in English, the console is
told after a sync (topics and language, nothing else), and the next email the service sends them is in
English. The page passes axe (WCAG 2.2 AA) in Japanese and in English."""

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from foryou.enrollment.models import Registration
from foryou.gateway import services, settings_links
from foryou.gateway.email import letters
from foryou.gateway.models import Subscriber
from tests.delivery.conftest import registrant, sync
from tests.e2e.phone import SHOTS, axe_violations, phone_page

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "gateway"])


@pytest.fixture
def site(live_server, settings, data_dir) -> str:
    url = live_server.url.replace("localhost", "127.0.0.1")
    settings.GATEWAY_PUBLIC_URL = url
    return url


def test_a_resident_switches_to_english_and_turns_vaccinations_off(browser, site, transport):
    registration = registrant(email="ann@example.jp")
    subscriber = Subscriber.objects.by_number(registration.number).get()
    assert letters.registration_complete(subscriber)
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/settings/" in line)
    assert link.startswith(site)  # the settings page is in the email

    page = phone_page(browser)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("設定")
    assert axe_violations(page) == []
    page.get_by_role("link", name="English").click()
    expect(page.locator("h1")).to_have_text("Settings")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("checkbox", name="Vaccinations").uncheck()
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator("#saved")).to_contain_text("Your settings are saved")
    expect(page.get_by_role("radio", name="English")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Vaccinations")).not_to_be_checked()
    assert axe_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "settings-web-english.png"), full_page=True)

    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.topics_off) == ("en", ["vaccinations"])
    sync(transport)
    registration.refresh_from_db()
    assert (registration.language, registration.topics_off) == ("en", ["vaccinations"])

    services.set_consent(subscriber, True)  # the next email the service writes to them
    assert letters.consent_changed(subscriber)
    assert mail.outbox[-1].subject.endswith("Your choice about the use of tax data")
    assert "Thank you. You agreed to the use of your tax data" in mail.outbox[-1].body
    page.context.close()
