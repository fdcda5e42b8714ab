"""Consent is given to a wording, and each language's wording is a version of its own: a choice made on
the English page is recorded (and sent to the console) as 2026-1/en, one on the Japanese page as 2026-1;
choosing again under another language's terms is a new choice."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from foryou.gateway import consent_links
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.shared.numbers import new_number

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def give(path: str) -> str:
    client = Client(enforce_csrf_checks=True)
    token = client.get(path).context["csrf_token"]
    return client.post(path, {"choice": "give", "csrfmiddlewaretoken": str(token)}).content.decode()


def test_the_terms_recorded_are_those_of_the_language_read(data_dir):
    now = timezone.now()
    subscriber = Subscriber.objects.create(number=new_number(), expires_at=now + timedelta(days=90), activated_at=now,
                                           status=Subscriber.Status.ACTIVE, email="ann@example.jp",
                                           email_confirmed_at=now)
    path = consent_links.url_for(subscriber).split("127.0.0.1:8000")[-1]
    page = give(path + "?lang=en")
    assert "Terms version 2026-1/en" in page and "Thank you for your consent" in page
    subscriber.refresh_from_db()
    assert (subscriber.tax_consent, subscriber.consent_terms) == (True, "2026-1/en")
    give(path + "?lang=ja")  # the Japanese wording: agreeing to it is a choice of its own
    subscriber.refresh_from_db()
    assert subscriber.consent_terms == "2026-1"
    assert [e.body["terms"] for e in OutboundEvent.objects.filter(kind="consent.changed")] == ["2026-1/en", "2026-1"]
