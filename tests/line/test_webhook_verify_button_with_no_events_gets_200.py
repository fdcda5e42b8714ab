"""LINE's Verify button in the developers console sends a signed body with no events: answer 200."""

import pytest

from foryou.gateway.models import WebhookEvent
from tests.line.conftest import payload, post, queued

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"]), pytest.mark.urls("tests.line.urls")]


def test_an_empty_event_list_is_answered_200_and_nothing_is_queued(client, line_settings):
    assert post(client, payload()).status_code == 200
    assert not WebhookEvent.objects.exists() and queued() == []


def test_a_signed_body_that_is_not_a_webhook_payload_is_a_bad_request(client, line_settings):
    for body in (b"[]", b'{"destination": "U0"}', b'{"events": {}}', b"{"):
        assert post(client, body).status_code == 400, body
    assert not WebhookEvent.objects.exists()
