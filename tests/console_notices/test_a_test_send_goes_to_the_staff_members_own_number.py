"""A test send: staff enter their own registration number once, then send any version (approved or not)
to it at once. It reaches their own LINE, does not stop the real send from reaching them later (its
own notice_ref), and statistics leave it out."""

import pytest
from django.urls import reverse

from foryou.shared.numbers import display
from foryou.notices import sending
from foryou.notices.models import SendOrder
from foryou.notices.stats import service_stats
from tests.console_notices.conftest import as_user
from tests.delivery.conftest import dispatch, line_user, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_a_test_send_goes_to_the_staff_members_own_number(client, delivery_settings, line, notice, editor,
                                                           approver, transport):
    mine = line_user(7)
    line.create_user("職員 本人", user_id=mine)
    own = registrant(line_user_id=mine)
    someone = line_user(8)
    line.create_user("住民", user_id=someone)
    registrant(line_user_id=someone)
    as_user(client, editor)

    detail = client.get(reverse("console_notice", args=[notice.pk])).content.decode()
    assert reverse("console_test_number") in detail and 'id="test-send"' not in detail
    refused = client.post(reverse("console_test_number"), {"number": "1234-5678-9012-3456"})
    assert refused.status_code == 400
    client.post(reverse("console_test_number"), {"number": display(own.number)})
    assert sending.test_number_of(editor) == own.number

    # Not approved yet: a test send is how the author checks it on a phone first.
    response = client.post(reverse("console_notice_test_send", args=[notice.pk]))
    order = SendOrder.objects.get()
    assert response["Location"] == reverse("console_send", args=[order.pk])
    assert (order.kind, order.status, order.recipients, order.urgent) == ("test", "sending", 1, True)
    sync(transport)
    dispatch()
    sync(transport)
    assert len(line.messages(mine)) == 1 and line.messages(someone) == []
    order.refresh_from_db()
    assert order.status == SendOrder.Status.FINISHED

    # The real send still reaches the staff member (and everyone else); statistics count only it.
    from foryou.notices import services

    services.approve(notice.latest, approver)
    real = sending.schedule(notice, by=editor, broadcast=True)
    sending.start(real)
    sync(transport)
    dispatch()
    sync(transport)
    assert len(line.messages(mine)) == 2 and len(line.messages(someone)) == 1
    stats = service_stats()
    assert stats["sends"] == 1 and stats["people_reached"] == 2


def test_without_a_test_number_nothing_is_sent(client, notice, editor, data_dir):
    as_user(client, editor)
    response = client.post(reverse("console_notice_test_send", args=[notice.pk]), follow=True)
    assert not SendOrder.objects.exists()
    assert "test registration number" in response.content.decode() or "テスト用" in response.content.decode()
