"""A send of a notice about a program with a form shows notified → applied → decided among its own
recipients (applications after it started), with counts of people suppressed below the threshold."""

from datetime import timedelta

import pytest
from django.utils import timezone

from foryou.casework import services
from foryou.casework.outcomes import order_funnel
from foryou.shared.forms import statuses

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


@pytest.fixture
def order(applied, kodomo_staff, registrant):
    from foryou.notices import services as notices
    from foryou.notices.models import SendChunk, SendOrder
    from foryou.notices.services import Wording
    from foryou.programs.catalog import get_program

    notice = notices.create(get_program("jido-fuyo-teate"), Wording(title="ご案内", body="申請できます。"), kodomo_staff)
    started = applied.received_at - timedelta(hours=1)
    order = SendOrder.objects.create(notice=notice, version=notice.latest, kind=SendOrder.Kind.NOW,
                                     status=SendOrder.Status.FINISHED, scheduled_for=started, started_at=started,
                                     created_by=kodomo_staff, recipients=1)
    SendChunk.objects.create(order=order, index=0, numbers=[registrant[0].number])
    return order


def test_the_funnel_counts_the_sends_recipients(order, applied, kodomo_staff, settings):
    settings.SMALL_COUNT = 1
    assert [(label, shown.text) for label, shown in order_funnel(order)] == [("通知", "1"), ("申請した", "1"),
                                                                              ("決定済み", "0")]
    services.change_status(applied, statuses.REVIEWING, actor=kodomo_staff)
    services.change_status(applied, statuses.GRANTED, actor=kodomo_staff)
    assert order_funnel(order)[-1][1].text == "1"


def test_small_counts_are_suppressed_on_the_send_page(order, staff_client, settings):
    settings.SMALL_COUNT = 10
    page = staff_client.get(f"/notices/sends/{order.pk}/").content.decode()
    assert 'id="applications-funnel"' in page and "10人未満" in page


def test_an_application_before_the_send_is_not_counted(order, applied):
    from foryou.notices.models import SendOrder

    SendOrder.objects.filter(pk=order.pk).update(started_at=timezone.now() + timedelta(hours=1))
    order.refresh_from_db()
    assert order_funnel(order)[1][1].value == 0
