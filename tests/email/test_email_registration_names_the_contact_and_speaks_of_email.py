"""Registering with an email address: the emails name the city's office and phone; the page reached from the
email says notices come by email to that address (not LINE) and asks about consent, as does the
registration-complete email, which carries the consent link and the stop link. Notice emails carry both too."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from foryou.gateway import consent_links
from foryou.gateway.email import unsubscribe
from foryou.gateway.models import Subscriber
from foryou.shared.notice.email import render
from foryou.shared.numbers import new_number
from tests.email.conftest import notice
from tests.gateway.pages import elements

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
ADDRESS = "hanako@example.jp"


@pytest.fixture
def office(settings):
    settings.POSTCARD_DEPARTMENT, settings.POSTCARD_SENDER_PHONE = "総務局 業務改革推進課", "043-245-5111"
    settings.GATEWAY_PUBLIC_URL = "https://gw.example.jp"
    return settings


@pytest.fixture
def issued(db):
    return Subscriber.objects.create(number=new_number(), expires_at=timezone.now() + timedelta(days=90))


def confirmation_link(client, subscriber) -> str:
    client.post("/activate/email/", {"number": subscriber.number, "email": ADDRESS})
    [sent] = mail.outbox
    assert "総務局 業務改革推進課" in sent.body and "043-245-5111" in sent.body
    return next(line for line in sent.body.splitlines() if "/activate/email/confirm/" in line).split("testserver")[1]


def test_the_confirmation_email_names_the_office_and_its_phone(office, issued):
    assert confirmation_link(Client(), issued).startswith("/activate/email/confirm/?t=")


def test_the_page_reached_from_the_email_speaks_of_email_not_line_and_asks_about_consent(office, issued):
    client = Client()
    page = client.get(confirmation_link(client, issued)).content.decode()
    assert ADDRESS in page and "LINE" not in page
    consent = elements(page)["consent-link"]["href"]
    assert consent.startswith("/consent/email/")
    assert client.get(consent).status_code == 200


def test_the_registration_complete_email_offers_consent_names_the_office_and_how_to_stop(office, issued):
    client = Client()
    client.get(confirmation_link(client, issued))
    issued.refresh_from_db()
    done = mail.outbox[1]
    assert done.to == [ADDRESS]
    for part in (consent_links.url_for(issued), unsubscribe.url_for(issued), "児童扶養手当", "総務局 業務改革推進課",
                 "043-245-5111"):
        assert part in done.body
    assert "LINE" not in done.body


def test_opening_the_confirmation_link_again_shows_the_same_page_and_sends_nothing_more(office, issued):
    client = Client()
    link = confirmation_link(client, issued)
    client.get(link)
    again = client.get(link).content.decode()
    assert "consent-link" in elements(again) and len(mail.outbox) == 2


def test_every_notice_email_carries_the_recipients_consent_link_beside_the_stop_link():
    stop, consent = "https://gw.example.jp/email/unsubscribe/1:sig/", "https://gw.example.jp/consent/email/abc:sig/"
    rendered = render(notice(), stop, consent)
    assert rendered.text.index(stop) < rendered.text.index(consent)
    assert f'href="{consent}"' in rendered.html and f'href="{stop}"' in rendered.html
    assert consent not in render(notice(), stop).text


def test_opening_the_confirmation_link_many_times_never_locks_the_address_out(office, issued):
    from foryou.gateway.services import MAX_FAILURES

    client = Client()
    link = confirmation_link(client, issued)
    for _ in range(MAX_FAILURES + 2):
        page = client.get(link).content.decode()
    assert "consent-link" in elements(page)
