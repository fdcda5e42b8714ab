"""The send page's progress fragment, polled every 2 s while sending: 0 % before the gateway reports,
100 % once every delivery is final, and then no more polling; the results count LINE, email and
those not deliverable."""

import re

import pytest
from django.urls import reverse

from foryou.shared.bridge import messages
from foryou.notices import services, sending
from foryou.notices.models import SendOrder
from tests.console_notices.conftest import as_user
from tests.delivery.conftest import dispatch, line_user, registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def fragment(client, order) -> str:
    response = client.get(reverse("console_send_progress", args=[order.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def percent(html: str) -> int:
    return int(re.search(r'aria-valuenow="(\d+)"', html).group(1))


def approved_for_everyone(notice, editor, approver):
    """A new version of the program's notice whose approved audience is every registrant."""
    services.edit(notice, services.program_name_of(notice), services.wording_of(notice.latest), editor, broadcast=True)
    services.approve(notice.latest, approver)
    return notice


def test_the_progress_fragment_reaches_100_percent(client, delivery_settings, line, approved, editor, approver,
                                                   transport):
    approved_for_everyone(approved, editor, approver)
    users = [line_user(n) for n in range(1, 4)]
    for user_id in users:
        line.create_user("住民", user_id=user_id)
        registrant(line_user_id=user_id)
    registrant(email="mail@example.jp")
    registrant()  # neither LINE nor a confirmed email: not deliverable

    as_user(client, editor)
    client.post(reverse("console_notice_send", args=[approved.pk]), {"when": "now", "audience": "broadcast", "confirmed": "1"})
    order = SendOrder.objects.get()
    html = fragment(client, order)
    assert 'hx-trigger="every 2s"' in html and percent(html) == 0

    sending.start_due()
    html = fragment(client, order)
    assert 'hx-trigger="every 2s"' in html and percent(html) == 0 and 'data-status="sending"' in html

    sync(transport)
    dispatch()
    sync(transport)
    order.refresh_from_db()
    assert order.status == SendOrder.Status.FINISHED
    html = fragment(client, order)
    assert percent(html) == 100 and 'data-status="finished"' in html
    assert "hx-trigger" not in html  # polling stops
    tiles = re.findall(r"<dt>.*?</dt><dd>(?:<span[^>]*>)?([\d,]+)", html)
    assert tiles[:5] == ["5", "5", "4", "3", "1"]  # target persons, recipients, reached, LINE, email
    assert 'class="seg-line"' in html and 'class="seg-email"' in html and 'class="seg-undeliverable"' in html
    assert all(len(line.messages(u)) == 1 for u in users)

    page = client.get(reverse("console_send", args=[order.pk])).content.decode()
    assert 'id="progress"' in page and 'aria-valuenow="100"' in page


def test_failures_are_shown_by_reason_and_a_stopped_line_is_explained(client, approved, editor, approver, data_dir):
    from django.utils import timezone
    from django.utils.html import escape

    from foryou.shared.delivery import reason_label

    approved_for_everyone(approved, editor, approver)
    order = sending.schedule(approved, by=editor, broadcast=True)
    sending.start(order)
    SendOrder.objects.filter(pk=order.pk).update(recipients=10)
    sending.apply_progress(messages.DeliveryProgressBody(
        order_id=str(order.pk), at=timezone.now().isoformat(), finished=False,
        counts={"line:accepted": 5, "line:fell_back": 2, "email:sent": 2, "line:failed_permanent": 1,
                "line:deferred": 2},
        reasons={"unreachable": 2, "unfollowed": 1, "monthly_limit": 2}))
    as_user(client, editor)
    html = fragment(client, order)
    assert percent(html) == 80 and 'hx-trigger="every 2s"' in html
    for code in ("unreachable", "unfollowed", "monthly_limit"):
        assert escape(reason_label(code)) in html
    assert 'role="alert"' in html  # LINE's monthly limit stops every worker: the page says so
