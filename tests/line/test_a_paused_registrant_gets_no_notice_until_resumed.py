"""A registrant who stopped notices (配信停止, confirmed) stays registered in both zones but gets no
notice — neither from a send made while paused nor from deliveries made just before — and gets the next
one after 配信再開. The console learns both changes (registration.paused) and keeps the registration active."""

import pytest

from foryou.enrollment.models import Registration
from foryou.gateway import services
from foryou.gateway.models import Delivery, Subscriber
from foryou.notices import sending
from tests.delivery.conftest import (DEPARTMENT, WORDING, approver, copies, delivery_settings, dispatch,  # noqa: F401
                                     editor, line_user, registrant, smtp, sync)

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def broadcast(editor, approver):
    from django.conf import settings

    from foryou.notices import services as notices
    from foryou.notices.models import Notice

    notice = Notice.objects.create(program_code="", department=DEPARTMENT, created_by=editor)
    notices._new_version(notice, settings.SERVICE_NAME, WORDING, editor)
    notices.approve(notice.latest, approver)
    order = sending.schedule(notice, by=editor, broadcast=True)
    sending.start_due()
    order.refresh_from_db()
    return order


def test_notices_skip_a_paused_registrant_and_reach_them_again_after_resuming(
        delivery_settings, line, editor, approver, transport):
    paused_user, other_user = line_user(1), line_user(2)
    for user_id in (paused_user, other_user):
        line.create_user("住民", user_id=user_id)
    paused = registrant(line_user_id=paused_user)
    registrant(line_user_id=other_user)
    assert services.pause(Subscriber.objects.get(number=paused.number))

    order = broadcast(editor, approver)  # before the console has heard of the pause: frozen for both
    assert order.recipients == 2
    sync(transport)  # the gateway makes no delivery for the paused registrant; the console learns of it
    paused.refresh_from_db()
    assert paused.status == Registration.Status.ACTIVE and paused.paused_at is not None
    dispatch()
    assert (copies(line, paused_user), copies(line, other_user)) == (0, 1)
    assert Delivery.objects.count() == 1

    assert services.resume(Subscriber.objects.get(number=paused.number))
    sync(transport)
    broadcast(editor, approver)
    sync(transport)
    dispatch()
    assert (copies(line, paused_user), copies(line, other_user)) == (1, 2)
    paused.refresh_from_db()
    assert paused.paused_at is None


def test_once_the_console_knows_a_paused_registrant_is_left_out_of_the_recipients(
        delivery_settings, line, editor, approver, transport):
    paused = registrant(line_user_id=line_user(4))
    registrant(line_user_id=line_user(5))
    services.pause(Subscriber.objects.get(number=paused.number))
    sync(transport)
    assert broadcast(editor, approver).recipients == 1


def test_a_delivery_made_before_the_pause_is_not_sent_after_it(delivery_settings, line, editor, approver, transport):
    user_id = line_user(3)
    line.create_user("住民", user_id=user_id)
    registration = registrant(line_user_id=user_id)
    broadcast(editor, approver)
    sync(transport)  # the delivery is made …
    assert Delivery.objects.count() == 1
    services.pause(Subscriber.objects.get(number=registration.number))  # … then the resident stops
    dispatch()
    assert copies(line, user_id) == 0
    assert Delivery.objects.get().reason == "stopped"
