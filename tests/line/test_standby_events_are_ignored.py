"""mode "standby": another channel (a module, a chat operator) owns the chat; we neither record nor act."""

import pytest

from foryou.gateway.models import WebhookEvent
from tests.line.conftest import event, payload, post, queued

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"]), pytest.mark.urls("tests.line.urls")]


def test_standby_events_are_answered_200_but_neither_recorded_nor_handled(client, line_settings):
    standby, active = event(mode="standby"), event()
    assert post(client, payload(standby, active)).status_code == 200
    assert list(WebhookEvent.objects.values_list("event_id", flat=True)) == [active["webhookEventId"]]
    assert queued() == [[active["webhookEventId"]]]
