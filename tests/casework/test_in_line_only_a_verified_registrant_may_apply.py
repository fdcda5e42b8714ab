"""In LINE the form is a LIFF page: the application is accepted only with an ID token LINE verifies, of a
LINE user with an active registration; anything else stores nothing."""

import pytest
from django.utils import timezone

from foryou.gateway.casework.models import SealedFile
from foryou.gateway.models import OutboundEvent, Subscriber
from tests.casework.conftest import submit
from tests.gateway.conftest import line_platform, liff  # noqa: F401 — the local LINE platform's fixtures

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
URL = "/casework/jido-fuyo-teate/"


def test_a_verified_registrant_applies_and_others_are_refused(client, registrant, form_on_gateway, liff):
    user = liff.create_user(display_name="花子")
    Subscriber.objects.filter(pk=registrant[1].pk).update(line_user_id=user.user_id)
    token = liff.issue_id_token(user.user_id)

    refused = submit(client, registrant[1], url=URL, id_token="forged")
    assert refused.status_code == 403 and "LINE" in refused.content.decode()
    assert not OutboundEvent.objects.exists() and not SealedFile.objects.exists()

    response = submit(client, registrant[1], url=URL, id_token=token)
    assert response.status_code == 200 and response.context["receipt"], response.content.decode()[:2000]
    event = OutboundEvent.objects.get()
    assert event.body["number"] == registrant[1].number and event.body["via"] == "line"


def test_a_line_user_without_a_registration_is_told_to_contact_the_city(client, registrant, form_on_gateway, liff):
    stranger = liff.create_user(display_name="他人")
    response = submit(client, registrant[1], url=URL, id_token=liff.issue_id_token(stranger.user_id))
    assert response.status_code == 403 and "登録が有効でない" in response.content.decode()
    assert not OutboundEvent.objects.exists()
