"""LINE redelivers an event (same webhookEventId, isRedelivery) when our answer did not arrive: it is
recorded once and handled once, however often it comes and however often it is queued."""

import copy

import pytest

from foryou.gateway.line.handlers import handle
from foryou.gateway.models import WebhookEvent
from tests.line.conftest import event, payload, post, queued

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"]), pytest.mark.urls("tests.line.urls")]


def test_an_unhandled_redelivery_is_queued_again_but_handled_once(client, line_settings):
    first = event("unfollow")
    again = copy.deepcopy(first)
    again["deliveryContext"] = {"isRedelivery": True}
    assert post(client, payload(first)).status_code == 200
    assert post(client, payload(again)).status_code == 200  # the first task has not run yet
    assert WebhookEvent.objects.count() == 1
    assert queued() == [[first["webhookEventId"]], [first["webhookEventId"]]]
    assert [handle(first["webhookEventId"]), handle(first["webhookEventId"])] == ["unknown_user", "already_handled"]


def test_a_redelivery_of_a_handled_event_is_not_even_queued(client, line_settings):
    first = event("unfollow")
    post(client, payload(first))
    handle(first["webhookEventId"])
    assert post(client, payload(first, event("unfollow"))).status_code == 200
    assert len(queued()) == 2 and first["webhookEventId"] not in queued()[1]


def test_the_same_event_twice_in_one_body_is_recorded_once(client, line_settings):
    one = event()
    assert post(client, payload(one, one)).status_code == 200
    assert WebhookEvent.objects.count() == 1 and queued() == [[one["webhookEventId"]]]
