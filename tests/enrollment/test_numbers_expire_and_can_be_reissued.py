from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.bridge.client import sync
from foryou.enrollment import services
from foryou.enrollment.models import Registration
from foryou.gateway.models import Subscriber

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_a_number_not_activated_in_time_is_voided_in_both_zones(transport, data_dir):
    registration = services.issue_number("0000012343")
    sync(transport)
    Registration.objects.filter(pk=registration.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    sync(transport)
    registration.refresh_from_db()
    assert (registration.status, registration.ending) == ("void", "expired")
    assert Subscriber.objects.by_number(registration.number).get().status == "void"


def test_reissuing_voids_the_old_number(transport, data_dir):
    old = services.issue_number("0000012343")
    new = services.reissue(old, None)
    sync(transport)
    old.refresh_from_db()
    assert old.status == "void" and new.status == "issued" and new.number != old.number
    assert Subscriber.objects.by_number(old.number).get().status == "void"
    assert Subscriber.objects.by_number(new.number).get().status == "issued"
