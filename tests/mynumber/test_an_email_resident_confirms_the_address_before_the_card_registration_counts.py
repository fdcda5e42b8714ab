"""On the web the resident types the address notices go to: after the card matched, the gateway mails a
confirmation link first, and the registration is active once it is opened. No postcard is printed for it
while it waits."""

import re

import pytest

from foryou.bridge.client import sync
from foryou.dev.cardidp.cards import card_of
from foryou.enrollment.models import Registration
from foryou.gateway.models import Subscriber

from tests.mynumber.conftest import local, read_card, resident

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_registration_is_active_once_the_emailed_link_is_opened(client, transport, idp, city, mailoutbox,
                                                                    django_capture_on_commit_callbacks):
    person = resident()
    started = client.post("/mynumber/start", {"via": "web", "email": "Hanako@Example.jp"})
    client.get(local(read_card(started["Location"], card_of(person))))
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        sync(transport)
        sync(transport)
    registration = Registration.objects.get(resident_id=person["resident_id"])
    assert registration.status == "issued"
    assert not Registration.objects.waiting_for_postcard().exists()  # no postcard for a card registrant
    assert not Subscriber.objects.active().exists()
    [mail] = mailoutbox
    link = re.search(r"https?://\S+/activate/email/confirm/\?\S+", mail.body).group(0)

    page = client.get(local(link))
    assert page.status_code == 200
    subscriber = Subscriber.objects.active().get()
    assert subscriber.email == "Hanako@Example.jp" and subscriber.email_confirmed_at is not None
    sync(transport)
    registration.refresh_from_db()
    assert (registration.status, registration.channel, registration.has_email) == ("active", "email", True)
