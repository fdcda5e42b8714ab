"""A web resident verified by card whose confirmation link expired is sent back to the card, not asked for
"the number again": they never had a number. A postcard registrant's expired link still asks for the number."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from foryou.bridge.client import sync
from foryou.dev.cardidp.cards import card_of
from foryou.gateway.db import DB
from foryou.gateway.models import EmailConfirmation, Subscriber

from tests.mynumber.conftest import local, read_card, resident

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_expired_link_of_a_card_registrant_leads_back_to_the_card(client, transport, idp, city, mailoutbox,
                                                                      django_capture_on_commit_callbacks):
    started = client.post("/mynumber/start", {"via": "web", "email": "hanako@example.jp"})
    client.get(local(read_card(started["Location"], card_of(resident()))))
    with django_capture_on_commit_callbacks(execute=True, using="gateway"):
        sync(transport)
        sync(transport)
    [mail] = mailoutbox
    link = re.search(r"https?://\S+/activate/email/confirm/\?\S+", mail.body).group(0)
    EmailConfirmation.objects.using(DB).update(created_at=timezone.now() - timedelta(hours=25))

    page = client.get(local(link)).content.decode()
    assert f'href="{reverse("gateway_apply")}#mynumber"' in page
    assert reverse("gateway_activate_email") + '"' not in page  # no "enter the number again"
    assert not Subscriber.objects.using(DB).active().exists()


def test_the_expired_link_of_a_postcard_registrant_still_asks_for_the_number(client, db):
    page = client.get(reverse("gateway_activate_email_confirm") + "?t=" + "A" * 43).content.decode()
    assert f'href="{reverse("gateway_activate_email")}"' in page
    assert "#mynumber" not in page
