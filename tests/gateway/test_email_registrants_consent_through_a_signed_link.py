"""An email registrant has no LINE ID token: a signed, expiring link (in their emails) opens the same consent
page for their registration only. The choice reaches the console as LINE consent does, the page thanks them
and an email confirms it; opening or posting the link again shows the current state and repeats nothing."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from foryou.gateway import consent_links
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.shared.bridge import messages
from foryou.shared.numbers import new_number
from tests.gateway.pages import elements

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def ja(msgid: str) -> str:
    with translation.override("ja"):
        return gettext(msgid)


@pytest.fixture
def subscriber(settings):
    settings.GATEWAY_PUBLIC_URL = "https://gw.example.jp/"
    return Subscriber.objects.create(number=new_number(), expires_at=timezone.now() + timedelta(days=90),
                                     status=Subscriber.Status.ACTIVE, email="Hanako@example.jp",
                                     email_confirmed_at=timezone.now(), activated_at=timezone.now())


def path_of(subscriber) -> str:
    return consent_links.url_for(subscriber).removeprefix("https://gw.example.jp")


def post(path: str, data: dict):
    client = Client(enforce_csrf_checks=True)
    token = client.get(path).context["csrf_token"]
    return client.post(path, data | {"csrfmiddlewaretoken": str(token)})


def consents() -> list[dict]:
    return [e.body for e in OutboundEvent.objects.filter(kind=messages.CONSENT_CHANGED)]


def test_the_link_names_the_registration_but_neither_its_address_nor_its_number(subscriber):
    url = consent_links.url_for(subscriber)
    assert url.startswith("https://gw.example.jp/consent/email/")
    payload = signing.b64_decode(consent_links.token_for(subscriber).split(":")[0].encode()).decode()
    assert "hanako" not in url.lower() and "hanako" not in payload.lower() and subscriber.number not in url


def test_opening_the_link_shows_the_consent_page_without_speaking_of_line(subscriber):
    response = Client().get(path_of(subscriber))
    page = response.content.decode()
    assert response.status_code == 200
    assert elements(page)["state"]["text"].strip() == ja("You currently do not agree to the use of your tax data.")
    assert "LINE" not in page and "id_token" not in page and "csrfmiddlewaretoken" in page
    assert not OutboundEvent.objects.exists()


def test_consenting_reaches_the_console_thanks_the_resident_and_mails_a_confirmation(subscriber, settings):
    response = post(path_of(subscriber), {"choice": "give"})
    page = response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.tax_consent and subscriber.consent_terms == settings.CONSENT_TERMS_VERSION
    assert [(c["number"], c["given"], c["terms"]) for c in consents()] == [
        (subscriber.number, True, settings.CONSENT_TERMS_VERSION)]
    found = elements(page)
    assert ja("Thank you for your consent") in found["thanks"]["text"]
    assert ja("We also sent a confirmation to your email address.") in found["thanks"]["text"]
    [sent] = mail.outbox
    assert sent.to == ["Hanako@example.jp"]
    assert settings.CONSENT_TERMS_VERSION in sent.body
    # The link is this subscriber's (its token carries the second it was signed, so it is read back
    # rather than compared with a link made now: the two may be a second apart).
    [link] = re.findall(r"https://gw\.example\.jp/consent/email/(\S+?)/", sent.body)
    assert consent_links.read(link) == consent_links.Link(subscriber, expired=False)
    assert settings.POSTCARD_DEPARTMENT in sent.body and settings.POSTCARD_SENDER_PHONE in sent.body


def test_the_same_link_again_shows_the_current_state_and_repeats_nothing(subscriber):
    path = path_of(subscriber)
    post(path, {"choice": "give"})
    again = post(path, {"choice": "give"}).content.decode()  # a replayed post, or a second click
    assert len(consents()) == 1 and len(mail.outbox) == 1
    assert "thanks" in elements(again)  # still thanked, without a second email
    assert ja("We also sent a confirmation to your email address.") not in again
    shown = elements(Client().get(path).content.decode())
    assert shown["state"]["text"].strip() == ja("You currently agree to the use of your tax data.")


def test_withdrawing_through_the_link_reaches_the_console_too(subscriber):
    post(path_of(subscriber), {"choice": "give"})
    page = post(path_of(subscriber), {"choice": "withdraw"}).content.decode()
    assert [c["given"] for c in consents()] == [True, False]
    assert ja("Your consent is withdrawn") in elements(page)["thanks"]["text"]
    subscriber.refresh_from_db()
    assert not subscriber.tax_consent and len(mail.outbox) == 2


def test_a_post_without_csrf_is_refused(subscriber):
    response = Client(enforce_csrf_checks=True).post(path_of(subscriber), {"choice": "give"})
    assert response.status_code == 403 and not consents()


def test_a_forged_or_altered_link_is_refused(subscriber):
    other = Subscriber.objects.create(number=new_number(), expires_at=timezone.now(), status=Subscriber.Status.ACTIVE,
                                      email="taro@example.jp")
    token = consent_links.token_for(subscriber)
    forged = signing.dumps({"s": other.pk, "a": "0" * 16}, salt="not-our-salt")
    for bad in (token[:-2] + ("AA" if token[-2:] != "AA" else "BB"), forged, "nonsense"):
        response = Client().post(f"/consent/email/{bad}/", {"choice": "give"})
        assert response.status_code == 400
    assert not consents()


def test_a_link_sent_to_an_address_the_registration_no_longer_has_stops_working(subscriber):
    path = path_of(subscriber)
    Subscriber.objects.filter(pk=subscriber.pk).update(email="someone.else@example.jp")
    assert Client().get(path).status_code == 400


def test_an_expired_link_offers_a_new_one_by_email(subscriber):
    path = path_of(subscriber)
    later = timezone.now().timestamp() + consent_links.MAX_AGE.total_seconds() + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        page = Client().get(path).content.decode()
        assert 'value="new_link"' in page and 'value="give"' not in page
        post(path, {"choice": "give"})
        assert not consents() and not mail.outbox  # an old link changes nothing
        post(path, {"action": "new_link"})
    [sent] = mail.outbox
    assert sent.to == ["Hanako@example.jp"]
    fresh = next(line for line in sent.body.splitlines() if "/consent/email/" in line)
    assert Client().get(fresh.removeprefix("https://gw.example.jp")).status_code == 200


def test_an_ended_registration_says_so_and_changes_nothing(subscriber):
    Subscriber.objects.filter(pk=subscriber.pk).update(status=Subscriber.Status.INACTIVE)
    response = Client().post(path_of(subscriber), {"choice": "give"})
    assert response.status_code == 200 and 'name="choice"' not in response.content.decode()
    assert not consents()


def test_an_expired_link_mails_at_most_a_few_new_links_a_day(subscriber):
    path = path_of(subscriber)
    later = timezone.now().timestamp() + consent_links.MAX_AGE.total_seconds() + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        for _ in range(consent_links.NEW_LINKS_PER_DAY + 2):
            post(path, {"action": "new_link"})
    assert len(mail.outbox) == consent_links.NEW_LINKS_PER_DAY
