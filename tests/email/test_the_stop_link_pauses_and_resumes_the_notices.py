"""The stop link in each email: opening it only asks; the button (with CSRF) or a mail client's one-click
POST (RFC 8058, no CSRF token) pauses the notices as 配信停止 does, and the console hears; the registration
stays, and the same link resumes the notices without a new application."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from foryou.shared.numbers import new_number
from foryou.gateway.email.unsubscribe import token_for, url_for
from foryou.gateway.models import OutboundEvent, Subscriber

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


@pytest.fixture
def subscriber(settings):
    settings.GATEWAY_PUBLIC_URL = "https://gw.example.jp/"
    return Subscriber.objects.create(number=new_number(), expires_at=timezone.now() + timedelta(days=90),
                                     status=Subscriber.Status.ACTIVE, email="hanako@example.jp",
                                     activated_at=timezone.now())


def path_of(subscriber) -> str:
    return url_for(subscriber).removeprefix("https://gw.example.jp")


def paused(subscriber) -> bool:
    subscriber.refresh_from_db()
    return subscriber.status == Subscriber.Status.ACTIVE and subscriber.paused_at is not None


def test_the_url_is_absolute_and_names_the_registration_only_through_a_signed_token(subscriber):
    url = url_for(subscriber)
    assert url == f"https://gw.example.jp/email/unsubscribe/{token_for(subscriber)}/"
    assert subscriber.number not in url


def test_opening_the_link_asks_and_changes_nothing(subscriber):
    response = Client().get(path_of(subscriber))
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode() and "csrfmiddlewaretoken" in response.content.decode()
    assert not paused(subscriber) and not OutboundEvent.objects.exists()


def test_the_button_pauses_the_notices_and_tells_the_console(subscriber):
    client = Client(enforce_csrf_checks=True)
    page = client.get(path_of(subscriber))
    token = page.context["csrf_token"]
    response = client.post(path_of(subscriber), {"csrfmiddlewaretoken": str(token), "action": "stop"})
    assert response.status_code == 200
    assert paused(subscriber)
    event = OutboundEvent.objects.get()
    assert (event.kind, event.body["number"], event.body["paused"]) == ("registration.paused", subscriber.number, True)


def test_the_same_link_resumes_the_notices_without_a_new_application(subscriber):
    client = Client(enforce_csrf_checks=True)
    token = str(client.get(path_of(subscriber)).context["csrf_token"])
    client.post(path_of(subscriber), {"csrfmiddlewaretoken": token, "action": "stop"})
    page = client.get(path_of(subscriber)).content.decode()
    assert 'value="resume"' in page
    client.post(path_of(subscriber), {"csrfmiddlewaretoken": token, "action": "resume"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.paused_at is None
    assert [e.body["paused"] for e in OutboundEvent.objects.order_by("id")] == [True, False]


def test_a_post_without_csrf_that_is_not_one_click_is_refused(subscriber):
    response = Client(enforce_csrf_checks=True).post(path_of(subscriber), {"stop": "1"})
    assert response.status_code == 403
    assert not paused(subscriber)


@pytest.mark.parametrize("as_multipart", [False, True])
def test_a_mail_clients_one_click_post_pauses_them_without_csrf(subscriber, as_multipart):
    client = Client(enforce_csrf_checks=True)
    if as_multipart:
        response = client.post(path_of(subscriber), {"List-Unsubscribe": "One-Click"})
    else:
        response = client.post(path_of(subscriber), "List-Unsubscribe=One-Click",
                               content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert paused(subscriber)
    assert client.post(path_of(subscriber), {"List-Unsubscribe": "One-Click"}).status_code == 200  # twice is fine
    assert OutboundEvent.objects.count() == 1


def test_a_forged_or_altered_token_is_refused(subscriber):
    other = Subscriber.objects.create(number=new_number(), expires_at=timezone.now(), status=Subscriber.Status.ACTIVE)
    forged = token_for(subscriber).replace(f"{subscriber.pk}:", f"{other.pk}:")
    for token in (forged, "nonsense"):
        response = Client().post(f"/email/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 400
    assert not paused(subscriber)
    other.refresh_from_db()
    assert other.status == Subscriber.Status.ACTIVE


def test_an_ended_registration_says_so_and_offers_to_apply_again(subscriber):
    Subscriber.objects.filter(pk=subscriber.pk).update(status=Subscriber.Status.INACTIVE, ending="moved_out")
    response = Client().get(path_of(subscriber))
    page = response.content.decode()
    assert response.status_code == 200 and 'method="post"' not in page and "/apply/" in page
