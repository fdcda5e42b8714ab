"""A send the gateway holds for the delivery window (its progress reports reason `window`) says so and
when it will start — 「配信時間(8:00〜20:00)を待っています。開始予定 8:00」 — instead of "sending 0 %",
on its page, in the polled fragment and on the dashboard. A finished send's page no longer shows a
label that reads like "scheduled"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from foryou.notices import sending
from foryou.notices.models import SendOrder
from foryou.shared.bridge.messages import DeliveryProgressBody
from foryou.shared.delivery_window import TOKYO, clock
from tests.console_notices.conftest import as_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_window(settings):
    """A delivery window that opens two hours from now (so it is closed now), Asia/Tokyo."""
    now = timezone.now().astimezone(TOKYO)
    start = (now + timedelta(hours=2)).replace(second=0, microsecond=0)
    end = start + timedelta(hours=1)
    settings.DELIVERY_WINDOW = f"{start:%H:%M}-{end:%H:%M}"
    return start, end


def sending_order(notice, editor) -> SendOrder:
    now = timezone.now()
    return SendOrder.objects.create(notice=notice, version=notice.latest, kind=SendOrder.Kind.NOW, created_by=editor,
                                    status=SendOrder.Status.SENDING, scheduled_for=now, started_at=now, recipients=3,
                                    targeted=3)


def report(order, *, held: int, accepted: int = 0, finished: bool = False) -> None:
    counts = {"line:deferred": held} if held else {}
    if accepted:
        counts["line:accepted"] = accepted
    sending.apply_progress(DeliveryProgressBody(
        order_id=str(order.pk), counts=counts, reasons={"window": held} if held else {"accepted": accepted},
        expected=3, finished=finished, at=timezone.now().isoformat()))


def expected_message(start, end) -> str:
    today = timezone.now().astimezone(TOKYO).date()
    opening = clock(start.time())
    with translation.override("ja"):
        if start.date() != today:
            opening = gettext("%(month)s/%(day)s %(time)s") % {"month": start.month, "day": start.day, "time": opening}
        return gettext("Waiting for the delivery hours (%(start)s–%(end)s). Starts at %(opening)s") % {
            "start": clock(start.time()), "end": clock(end.time()), "opening": opening}


def test_a_held_send_says_when_it_will_start_instead_of_sending_0_percent(client, approved, editor, closed_window):
    order = sending_order(approved, editor)
    report(order, held=3)
    as_user(client, editor)
    page = client.get(reverse("console_send", args=[order.pk])).content.decode()
    assert expected_message(*closed_window) in page
    assert 'data-phase="window"' in page and 'class="percent"' not in page
    fragment = client.get(reverse("console_send_progress", args=[order.pk])).content.decode()
    assert expected_message(*closed_window) in fragment and 'hx-trigger="every 30s"' in fragment
    with translation.override("ja"):
        assert gettext("Waiting for the delivery hours") in client.get(reverse("home")).content.decode()


def test_once_delivered_the_send_shows_its_progress_again(client, approved, editor, closed_window):
    order = sending_order(approved, editor)
    report(order, held=3)
    report(order, held=0, accepted=3, finished=True)
    as_user(client, editor)
    page = client.get(reverse("console_send", args=[order.pk])).content.decode()
    assert 'data-phase="finished"' in page and 'aria-valuenow="100"' in page
    assert expected_message(*closed_window) not in page


def test_a_finished_send_has_no_label_that_reads_scheduled(client, approved, editor):
    order = sending_order(approved, editor)
    report(order, held=0, accepted=3, finished=True)
    as_user(client, editor)
    page = client.get(reverse("console_send", args=[order.pk])).content.decode()
    with translation.override("ja"):
        assert gettext("All sends") in page
        header = page.split('class="notice-actions"')[1].split("</div>")[0]
        assert gettext("Schedule") not in header and gettext("Scheduled") not in header
