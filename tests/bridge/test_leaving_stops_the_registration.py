"""Leaving: a move-out or death in the registry import stops the registration in both zones;
re-following in LINE does not silently reactivate it."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.bridge.client import sync
from foryou.enrollment.models import Registration
from foryou.gateway import services as gateway
from foryou.gateway.models import Subscriber
from foryou.residents.services import run_import
from tests.residents.conftest import AS_OF
from tests.residents.exports import LEFT, TARO, valid_export, write_export

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def active_registration(resident_id: str, number: str) -> Registration:
    Subscriber.objects.create(number=number, status="active", line_user_id="U" + number.ljust(32, "0")[:32],
                              expires_at=timezone.now() + timedelta(days=1))
    return Registration.objects.create(number=number, resident_id=resident_id, status="active",
                                       expires_at=timezone.now() + timedelta(days=1))


def test_a_death_in_the_import_stops_the_registration_in_both_zones(transport, data_dir, tmp_path):
    gone = active_registration(LEFT, "1" * 16)
    staying = active_registration(TARO, "2" * 16)
    run = run_import(write_export(tmp_path / "e", valid_export()), AS_OF, stream=io.StringIO())
    assert run.counts["registrations_stopped"] == 1
    sync(transport)
    gone.refresh_from_db()
    staying.refresh_from_db()
    assert (gone.status, gone.ending) == ("inactive", "died")
    assert staying.status == "active"
    assert Subscriber.objects.by_number(gone.number).get().status == "inactive"


def test_an_explicit_stop_in_the_gateway_reaches_the_console_and_refollowing_does_not_undo_it(transport, data_dir):
    registration = active_registration(TARO, "3" * 16)
    subscriber = Subscriber.objects.by_number(registration.number).get()
    gateway.end(subscriber, "opted_out")
    sync(transport)
    registration.refresh_from_db()
    assert (registration.status, registration.ending) == ("inactive", "opted_out")
    gateway.end(Subscriber.objects.get(pk=subscriber.pk), "unfollowed")  # a later unfollow changes nothing
    subscriber.refresh_from_db()
    assert subscriber.ending == "opted_out" and subscriber.status == "inactive"
