import time

import pytest

from foryou.gateway.models import Delivery
from foryou.notices import sending
from tests.delivery.conftest import dispatch, drain, fast_email, fast_line, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_emails_wait_while_the_smtp_server_is_down_and_go_out_once_when_it_returns(
        delivery_settings, smtp, approved_broadcast, editor, transport):
    addresses = [f"r{n}@example.jp" for n in range(25)]
    for address in addresses:
        registrant(email=address)
    sending.start(sending.schedule(approved_broadcast, by=editor, broadcast=True))
    sync(transport)
    smtp.stop()
    for _ in range(3):
        dispatch(line_factory=fast_line, email_factory=fast_email)
        time.sleep(0.1)
    waiting = Delivery.objects.filter(status="failed_temporary", reason="smtp_unavailable").count()
    assert waiting == 25 and not Delivery.objects.filter(status__in=Delivery.FINAL).exists()
    smtp.start()
    drain()
    assert sorted(m.message["To"] for m in smtp.messages()) == sorted(addresses)
    assert Delivery.objects.filter(status="sent").count() == 25
