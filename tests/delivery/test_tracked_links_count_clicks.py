import pytest

from foryou.gateway.models import Delivery
from foryou.notices import sending
from foryou.notices.models import SendOrder
from tests.delivery.conftest import drain, line_user, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def button_uri(line, user_id: str) -> str:
    [message] = line.messages(user_id)
    bubble = message["message"]["contents"]
    buttons = [c for c in bubble["footer"]["contents"] if c.get("type") == "button"]
    return buttons[-1]["action"]["uri"]


def test_each_recipient_gets_their_own_link_and_a_click_is_counted_once(
        delivery_settings, line, approved_broadcast, editor, transport, client):
    for n in (1, 2):
        line.create_user("住民", user_id=line_user(n))
        registrant(line_user_id=line_user(n))
    order = sending.schedule(approved_broadcast, by=editor, broadcast=True, tracked=True)
    sending.start(order)
    sync(transport)
    drain()
    first, second = button_uri(line, line_user(1)), button_uri(line, line_user(2))
    assert first != second and "/l/" in first
    path = first[first.index("/l/"):]
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "https://www.city.chiba.jp/survey"
    assert Delivery.objects.filter(clicked_at__isnull=False).count() == 1
    sync(transport)
    sync(transport)
    from foryou.gateway.delivery import progress
    progress.report(Delivery.objects.first().order_id, force=True)
    sync(transport)
    assert SendOrder.objects.get(pk=order.pk).progress["clicks"] == 1


def test_a_forged_link_is_not_found(delivery_settings, client):
    assert client.get("/l/not-a-token").status_code == 404
