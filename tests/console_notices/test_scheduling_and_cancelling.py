"""A send at a set time, typed in Japan time: booked for that moment, shown in the schedule and on its day
of the month calendar, cancellable until it starts and not after."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from foryou.notices import sending
from foryou.notices.models import SendOrder
from tests.console_notices.conftest import WORDING, as_user

pytestmark = pytest.mark.django_db
TOKYO = sending.TOKYO


def next_month_at_nine() -> datetime:
    today = timezone.localtime(timezone.now(), TOKYO).date()
    first = (today.replace(day=28) + timedelta(days=4)).replace(day=3)
    return datetime(first.year, first.month, first.day, 9, 0, tzinfo=TOKYO)


def book(client, notice, at: datetime, **extra):
    return client.post(reverse("console_notice_send", args=[notice.pk]),
                       {"when": "at", "at": at.strftime("%Y-%m-%dT%H:%M"), "audience": "program", "confirmed": "1", **extra})


def test_a_send_is_booked_in_japan_time_and_appears_in_the_schedule_and_calendar(client, approved, editor):
    as_user(client, editor)
    at = next_month_at_nine()
    response = book(client, approved, at, urgent="on")
    order = SendOrder.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("console_send", args=[order.pk])
    assert order.scheduled_for == at and order.kind == SendOrder.Kind.SCHEDULED and order.urgent
    assert order.status == SendOrder.Status.SCHEDULED and order.created_by == editor

    schedule = client.get(reverse("console_notice_schedule")).content.decode()
    assert WORDING.title in schedule and reverse("console_send_cancel", args=[order.pk]) in schedule
    month = client.get(reverse("console_notice_schedule") + f"?month={at:%Y-%m}").content.decode()
    assert f"09:00 {WORDING.title}" in month
    page = client.get(reverse("console_send", args=[order.pk])).content.decode()
    assert 'id="cancel"' in page and 'data-status="scheduled"' in page


def test_a_booked_send_is_cancelled_and_nobody_gets_it(client, approved, editor):
    as_user(client, editor)
    book(client, approved, next_month_at_nine())
    order = SendOrder.objects.get()
    client.post(reverse("console_send_cancel", args=[order.pk]), {"next": reverse("console_notice_schedule")})
    order.refresh_from_db()
    assert order.status == SendOrder.Status.CANCELLED and order.cancelled_by == editor
    assert sending.start_due(order.scheduled_for + timedelta(minutes=1)) == []
    page = client.get(reverse("console_send", args=[order.pk])).content.decode()
    assert 'id="cancel"' not in page and "hx-trigger" not in page


def test_a_started_send_can_no_longer_be_cancelled(client, approved, editor, approver, data_dir):
    from foryou.notices import services

    services.edit(approved, services.program_name_of(approved), services.wording_of(approved.latest), editor,
                  broadcast=True)  # a broadcast is what its approver approves, below
    services.approve(approved.latest, approver)
    as_user(client, editor)
    client.post(reverse("console_notice_send", args=[approved.pk]), {"when": "now", "audience": "broadcast", "confirmed": "1"})
    order = SendOrder.objects.get()
    assert order.kind == SendOrder.Kind.BROADCAST
    sending.start(order)
    response = client.post(reverse("console_send_cancel", args=[order.pk]), follow=True)
    order.refresh_from_db()
    assert order.status == SendOrder.Status.SENDING
    assert "no longer be cancelled" in response.content.decode() or "取り消せません" in response.content.decode()


def test_a_time_in_the_past_is_refused(client, approved, editor):
    as_user(client, editor)
    response = book(client, approved, timezone.now().astimezone(TOKYO) - timedelta(hours=1))
    assert response.status_code == 400 and not SendOrder.objects.exists()
    assert 'id="errors-at"' in response.content.decode()


def test_an_unapproved_notice_cannot_be_sent(client, notice, editor):
    as_user(client, editor)
    response = client.post(reverse("console_notice_send", args=[notice.pk]), {"when": "now", "audience": "program"})
    assert not SendOrder.objects.exists() and response.status_code == 400
