import pytest

from foryou.gateway.models import Delivery, DeliveryOrder
from foryou.notices import sending
from foryou.notices.models import SendOrder
from tests.delivery.conftest import copies, dispatch, line_user, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_a_broadcast_reaches_line_users_by_line_and_email_users_by_email_and_reports_back(
        delivery_settings, line, smtp, approved_broadcast, editor, transport):
    users = [line_user(n) for n in range(1, 13)]
    for user_id in users:
        line.create_user("住民", user_id=user_id)
        registrant(line_user_id=user_id)
    both = line_user(99)
    line.create_user("両方", user_id=both)
    registrant(line_user_id=both, email="both@example.jp")
    for n in range(3):
        registrant(email=f"mail{n}@example.jp")

    order = sending.schedule(approved_broadcast, by=editor, broadcast=True)
    assert [o.pk for o in sending.start_due()] == [order.pk]
    order.refresh_from_db()
    assert order.recipients == 16 and order.status == SendOrder.Status.SENDING

    sync(transport)
    assert Delivery.objects.filter(channel="line").count() == 13
    assert Delivery.objects.filter(channel="email").count() == 3
    dispatch()

    assert all(copies(line, u) == 1 for u in users + [both])
    assert sorted(m.message["To"] for m in smtp.messages()) == [f"mail{n}@example.jp" for n in range(3)]
    sync(transport)
    order.refresh_from_db()
    assert order.status == SendOrder.Status.FINISHED
    assert order.progress["counts"] == {"line:accepted": 13, "email:sent": 3}
    assert DeliveryOrder.objects.get().status == DeliveryOrder.Status.FINISHED


def test_starting_twice_freezes_the_list_once(delivery_settings, approved_broadcast, editor):
    registrant(email="a@example.jp")
    order = sending.schedule(approved_broadcast, by=editor, broadcast=True)
    assert sending.start(order) is True
    assert sending.start(order) is False
    assert order.chunks.count() == 1
