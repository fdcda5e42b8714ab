from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.gateway import retention
from foryou.gateway.models import Delivery, DeliveryBatch, DeliveryOrder
from tests.retention.gateway_rows import order, subscriber

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_orders_finished_longer_ago_than_the_period_go_with_their_deliveries_and_batches(settings):
    settings.RETAIN_DELIVERIES_DAYS = 90
    now = timezone.now()
    people = [subscriber(n, now) for n in range(1, 6)]
    old = order(now, 91, people)
    recent = order(now, 89, people)
    still_sending = order(now, 200, people[:2], status="open")

    counts = retention.purge(now, batch=2)  # small batches: the loop goes round several times

    assert counts["delivery_orders"] == 1
    assert counts["deliveries"] == 5
    assert counts["delivery_batches"] == 1
    assert not DeliveryOrder.objects.filter(pk=old.pk).exists()
    assert not Delivery.objects.filter(order_id=old.pk).exists()
    assert not DeliveryBatch.objects.filter(order_id=old.pk).exists()
    assert Delivery.objects.filter(order=recent).count() == 5
    assert Delivery.objects.filter(order=still_sending).count() == 2


def test_the_period_is_a_setting(settings):
    now = timezone.now()
    order(now, 20, [subscriber(1, now)])
    settings.RETAIN_DELIVERIES_DAYS = 30
    assert retention.purge(now)["deliveries"] == 0
    settings.RETAIN_DELIVERIES_DAYS = 10
    assert retention.purge(now)["deliveries"] == 1


def test_a_day_later_the_same_purge_finds_what_has_aged_since(settings):
    settings.RETAIN_DELIVERIES_DAYS = 90
    now = timezone.now()
    order(now, 89, [subscriber(1, now)])
    assert retention.purge(now)["delivery_orders"] == 0
    assert retention.purge(now + timedelta(days=2))["delivery_orders"] == 1
