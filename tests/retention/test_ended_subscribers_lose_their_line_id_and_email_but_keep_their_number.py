from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.gateway import retention
from foryou.gateway.models import Delivery, Subscriber
from tests.retention.gateway_rows import order, subscriber

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_contact_details_are_blanked_the_set_number_of_days_after_the_end(settings):
    settings.RETAIN_ENDED_SUBSCRIBERS_DAYS = 30
    now = timezone.now()
    long_gone = subscriber(1, now, status="inactive", ended_at=now - timedelta(days=31), ending="unfollowed",
                           email="gone@example.jp", email_confirmed_at=now - timedelta(days=400))
    just_gone = subscriber(2, now, status="inactive", ended_at=now - timedelta(days=29), ending="opted_out")
    active = subscriber(3, now, email="here@example.jp", email_confirmed_at=now)
    sent = order(now, 1, [long_gone])

    counts = retention.purge(now)

    assert counts["subscribers_blanked"] == 1
    long_gone.refresh_from_db()
    assert (long_gone.line_user_id, long_gone.email, long_gone.email_confirmed_at) == (None, "", None)
    # The row stays: its number (as kept), status and ending, and the deliveries that make a notice reach it once.
    assert Subscriber.objects.filter(pk=long_gone.pk).exists()
    assert (long_gone.status, long_gone.ending) == ("inactive", "unfollowed")
    assert Delivery.objects.filter(order=sent, subscriber=long_gone).exists()
    just_gone.refresh_from_db()
    active.refresh_from_db()
    assert just_gone.line_user_id is not None
    assert (active.line_user_id is not None, active.email) == (True, "here@example.jp")


def test_a_void_number_keeps_no_contact_details():
    now = timezone.now()
    void = subscriber(4, now, status="void", ending="reissued")
    retention.purge(now)
    assert Subscriber.objects.get(pk=void.pk).line_user_id is None


def test_blanking_twice_counts_once():
    now = timezone.now()
    subscriber(5, now, status="inactive", ended_at=now - timedelta(days=400))
    assert retention.purge(now)["subscribers_blanked"] == 1
    assert retention.purge(now)["subscribers_blanked"] == 0
