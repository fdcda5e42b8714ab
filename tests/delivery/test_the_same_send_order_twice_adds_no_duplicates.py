import pytest

from foryou.shared.bridge import messages
from foryou.bridge.models import PendingPush
from foryou.gateway.delivery import orders
from foryou.gateway.models import Delivery, DeliveryOrder
from foryou.notices import sending
from tests.delivery.conftest import copies, dispatch, line_user, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_an_order_pushed_twice_through_the_bridge_is_delivered_once(
        delivery_settings, line, approved_broadcast, editor, transport):
    users = [line_user(n) for n in range(1, 8)]
    for user_id in users:
        line.create_user("住民", user_id=user_id)
        registrant(line_user_id=user_id)
    sending.start(sending.schedule(approved_broadcast, by=editor, broadcast=True))
    sync(transport)
    PendingPush.objects.update(pushed_at=None)  # as if the acknowledgement had been lost
    sync(transport)
    assert Delivery.objects.count() == 7
    dispatch()
    assert [copies(line, u) for u in users] == [1] * 7


def test_the_same_chunk_under_a_new_message_id_adds_nothing(delivery_settings, line, approved_broadcast, editor,
                                                            transport):
    line.create_user("住民", user_id=line_user(1))
    registrant(line_user_id=line_user(1))
    order = sending.schedule(approved_broadcast, by=editor, broadcast=True)
    sending.start(order)
    sync(transport)
    chunk = PendingPush.objects.filter(kind="send.recipients").get()
    assert orders.receive_recipients(messages.SendRecipientsBody.from_dict(chunk.body)) == 0
    assert DeliveryOrder.objects.get().chunks_received == [0]


def test_a_second_send_of_the_same_notice_skips_those_already_told(delivery_settings, line, approved_broadcast,
                                                                   editor, transport):
    for n in (1, 2):
        line.create_user("住民", user_id=line_user(n))
        registrant(line_user_id=line_user(n))
    sending.start(sending.schedule(approved_broadcast, by=editor, broadcast=True))
    sync(transport)
    dispatch()
    line.create_user("住民", user_id=line_user(3))
    registrant(line_user_id=line_user(3))
    sending.start(sending.schedule(approved_broadcast, by=editor, broadcast=True))
    sync(transport)
    dispatch()
    assert [copies(line, line_user(n)) for n in (1, 2, 3)] == [1, 1, 1]
    assert DeliveryOrder.objects.order_by("id").last().not_deliverable == 2
