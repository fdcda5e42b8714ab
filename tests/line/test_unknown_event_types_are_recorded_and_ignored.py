"""Event types we do not handle (or that the SDK does not know) are recorded, answered 200, ignored."""

import pytest

from foryou.gateway.line.handlers import handle
from foryou.gateway.models import WebhookEvent
from tests.line.conftest import event, payload, post, queued

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"]), pytest.mark.urls("tests.line.urls")]


def test_unknown_and_unhandled_types_get_200_and_are_marked_handled_without_doing_anything(client, line_settings):
    brand_new = event("somethingLineAddsNextYear", surprise={"a": 1})
    unhandled = event("beacon", replyToken="r" * 32, beacon={"hwid": "d41d8cd98f", "type": "enter"})
    group_message = event(source={"type": "group", "groupId": "C" + "2" * 32, "userId": "U" + "3" * 32})
    assert post(client, payload(brand_new, unhandled, group_message)).status_code == 200
    assert sorted(WebhookEvent.objects.values_list("kind", flat=True)) == ["beacon", "message",
                                                                           "somethingLineAddsNextYear"]
    [ids] = queued()
    assert [handle(event_id) for event_id in ids] == ["ignored", "ignored", "ignored"]
    assert not WebhookEvent.objects.filter(handled_at__isnull=True).exists()
