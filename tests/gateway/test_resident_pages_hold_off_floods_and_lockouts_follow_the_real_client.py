"""Point 9 of the privacy review. Behind the city's load balancer every request came from one address, so
five wrong numbers locked activation for every resident; the gateway now counts the client address the
trusted proxy header names (FORYOU_CLIENT_IP_HEADER, as the console does). Confirmation mails and
applications are limited per address, per client and per LINE user, and applications are turned away
with a clear message while the queue for the console is full."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client, RequestFactory
from django.utils import timezone

from foryou.gateway import throttle
from foryou.gateway.email import confirmations
from foryou.gateway.models import OutboundEvent, ResidentRequest, Subscriber
from foryou.shared.bridge import messages
from foryou.shared.numbers import new_number

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
PROXY = "10.0.0.1"
APPLICATION = {"name": "千葉　花子", "name_kana": "チバ ハナコ", "birth_date": "1990-01-02", "postal_code": "2608722",
               "address": "千葉市中央区千葉港1-1", "channel": "email", "email": "hanako@example.jp", "phone": "",
               "agree": "on", "step": "send"}


@pytest.fixture
def behind_proxy(settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    return settings


def through_proxy(client_address: str, claimed: str = "") -> Client:
    """A browser at client_address, reaching the gateway through the city's proxy (which appends the
    address it saw to whatever X-Forwarded-For the browser sent)."""
    forwarded = f"{claimed}, {client_address}" if claimed else client_address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def open_confirmation(client: Client, number: str, email: str):
    return client.get(f"/activate/email/confirm/?t={confirmations.create(number, email)}")


def test_wrong_numbers_from_one_resident_behind_the_proxy_do_not_lock_out_the_others(data_dir, behind_proxy):
    attacker = through_proxy("203.0.113.66", claimed="198.51.100.7")  # even naming the victim's address
    for n in range(25):
        open_confirmation(attacker, new_number(), f"guess{n}@example.jp")
    assert "15分" in open_confirmation(attacker, new_number(), "guess@example.jp").content.decode()
    number = new_number()
    Subscriber.objects.create(number=number, expires_at=timezone.now() + timedelta(days=90))
    resident = through_proxy("198.51.100.7")
    assert open_confirmation(resident, number, "hanako@example.jp").status_code == 200
    assert Subscriber.objects.by_number(number).get().status == Subscriber.Status.ACTIVE


def test_the_confirmation_mail_cannot_be_sent_to_one_address_over_and_over(data_dir, settings):
    client = Client(REMOTE_ADDR="203.0.113.5")
    answers = [client.post("/activate/email/", {"number": new_number(), "email": "victim@example.jp"}).status_code
               for _ in range(10)]
    assert len(mail.outbox) == settings.CONFIRMATION_MAILS_PER_ADDRESS == 3
    assert answers[3:] == [429] * 7


def test_the_confirmation_mail_cannot_be_sent_to_many_addresses_from_one_client(data_dir, settings):
    settings.CONFIRMATION_MAILS_PER_IP = 5
    client = Client(REMOTE_ADDR="203.0.113.6")
    for n in range(12):
        client.post("/activate/email/", {"number": new_number(), "email": f"someone{n}@example.jp"})
    assert len(mail.outbox) == 5
    assert "victim" not in "".join(ResidentRequest.objects.values_list("key", flat=True))  # hashed keys only


def test_applications_from_one_address_are_limited(data_dir, settings):
    client = Client(REMOTE_ADDR="203.0.113.7")
    answers = [client.post("/apply/", APPLICATION).status_code for _ in range(6)]
    assert OutboundEvent.objects.filter(kind=messages.APPLICATION_SEALED).count() == 3
    assert answers == [200, 200, 200, 429, 429, 429]


def test_applications_from_one_client_are_limited_whatever_the_address(data_dir, settings):
    settings.APPLICATIONS_PER_IP = 4
    client = Client(REMOTE_ADDR="203.0.113.8")
    for n in range(8):
        client.post("/apply/", APPLICATION | {"email": f"a{n}@example.jp"})
    assert OutboundEvent.objects.filter(kind=messages.APPLICATION_SEALED).count() == 4


def test_applications_of_one_line_user_are_limited(data_dir, settings):
    request = RequestFactory().post("/apply/", REMOTE_ADDR="203.0.113.9")
    allowed = [throttle.application(request, line_user_id="U" + "1" * 32) is None for _ in range(5)]
    assert allowed == [True] * settings.APPLICATIONS_PER_LINE_USER + [False] * (5 - settings.APPLICATIONS_PER_LINE_USER)
    assert throttle.application(request, line_user_id="U" + "2" * 32) is None  # another user is not held up


def test_a_full_queue_turns_applications_away_with_a_clear_message(data_dir, settings):
    settings.PENDING_APPLICATIONS_MAX = 2
    for n in range(2):
        Client(REMOTE_ADDR=f"203.0.113.{20 + n}").post("/apply/", APPLICATION | {"email": f"q{n}@example.jp"})
    response = Client(REMOTE_ADDR="203.0.113.30").post("/apply/", APPLICATION | {"email": "late@example.jp"})
    assert response.status_code == 503
    assert "数時間後" in response.content.decode() or "few hours" in response.content.decode()
    assert OutboundEvent.objects.filter(kind=messages.APPLICATION_SEALED).count() == 2
