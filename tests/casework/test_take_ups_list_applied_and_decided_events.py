"""foryou.casework.outcomes.take_ups: the outcome source "applications" for effect measurement."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from foryou.casework import services
from foryou.casework.outcomes import take_ups
from foryou.shared.forms import statuses

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_an_application_and_its_decision_are_events(applied, kodomo_staff):
    today = timezone.localdate()
    assert list(take_ups("jido-fuyo-teate", today)) == [(applied.resident_id, today, "applied")]
    services.change_status(applied, statuses.REVIEWING, actor=kodomo_staff)
    services.change_status(applied, statuses.GRANTED, actor=kodomo_staff)
    assert list(take_ups("jido-fuyo-teate", today)) == [(applied.resident_id, today, "applied"),
                                                         (applied.resident_id, today, "granted")]
    assert list(take_ups("jido-fuyo-teate", today + timedelta(days=1))) == []
    assert list(take_ups("kenko-shinsa", date(2000, 1, 1))) == []
