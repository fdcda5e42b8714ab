"""What cannot be undone is confirmed first: a send POST without `confirmed=1` sends nothing and states
how many people it would reach (and, outside the delivery hours, when it would start); an approval
POST without it approves nothing and says that the version could then be sent. The confirmation is
a server-rendered form, so it works without JavaScript."""

import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from foryou.notices.models import SendOrder
from foryou.shared.delivery_window import TOKYO
from tests.console_notices.conftest import as_user
from tests.delivery.conftest import registrant
from tests.residents.exports import HANAKO, TARO, UME

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def send(client, notice, **data):
    return client.post(reverse("console_notice_send", args=[notice.pk]), {"when": "now", "audience": "program", **data})


def test_a_send_without_confirmation_only_says_how_many_it_would_reach(client, city, approved, editor, settings):
    settings.SMALL_COUNT = 1  # figures down to 1 in this small city (suppression: test_the_send_estimate_…)
    for resident in (TARO, HANAKO, UME):
        registrant(email=f"{resident}@example.jp", resident_id=resident)
    as_user(client, editor)
    page = send(client, approved).content.decode()
    assert not SendOrder.objects.exists()
    with translation.override("ja"):
        expected = gettext("This sends the notice to %(n)s people. Are you sure?") % {"n": "2"}
    assert expected in page
    assert re.search(r'<input type="hidden" name="confirmed" value="1">', page) and 'id="confirm-send"' in page

    confirmed = send(client, approved, confirmed="1")
    assert confirmed.status_code == 302 and SendOrder.objects.count() == 1


def test_the_confirmation_keeps_what_was_chosen(client, city, approved, editor):
    as_user(client, editor)
    page = send(client, approved, when="at", at="2031-05-01T21:30", audience="program", urgent="on").content.decode()
    for field in ('name="when" value="at"', 'name="at" value="2031-05-01T21:30"', 'name="audience" value="program"',
                  'name="urgent" value="on"'):
        assert field in page
    assert 'name="tracked"' not in page
    send(client, approved, when="at", at="2031-05-01T21:30", audience="program", urgent="on", confirmed="1")
    order = SendOrder.objects.get()
    assert order.urgent and order.kind == SendOrder.Kind.SCHEDULED
    assert order.scheduled_for == datetime(2031, 5, 1, 21, 30, tzinfo=TOKYO)


def test_a_send_booked_outside_the_delivery_hours_says_when_it_will_start(client, city, approved, editor, settings):
    settings.DELIVERY_WINDOW = "08:00-20:00"
    as_user(client, editor)
    page = send(client, approved, when="at", at="2031-05-01T21:30").content.decode()
    with translation.override("ja"):
        expected = gettext("Outside the delivery hours (%(start)s–%(end)s): delivery starts at %(opening)s.") % {
            "start": "8:00", "end": "20:00", "opening": gettext("%(month)s/%(day)s %(time)s") % {
                "month": 5, "day": 2, "time": "8:00"}}
    assert expected in page


def test_the_send_form_states_the_delivery_hours(client, approved, editor, settings):
    settings.DELIVERY_WINDOW = "09:00-18:30"
    as_user(client, editor)
    page = client.get(reverse("console_notice_send", args=[approved.pk])).content.decode()
    hours = re.search(r'id="delivery-hours">([^<]*)<', page).group(1)
    assert "9:00" in hours and "18:30" in hours


def test_an_approval_without_confirmation_approves_nothing_and_says_what_approving_does(client, notice, approver):
    as_user(client, approver)
    page = client.post(reverse("console_notice_approve", args=[notice.pk]), {"version": 1, "next": "inbox"})
    assert page.status_code == 200 and notice.sendable is None
    with translation.override("ja"):
        assert gettext("Approving this version makes it ready to send.") in page.content.decode()
    assert 'id="confirm-approve"' in page.content.decode()

    done = client.post(reverse("console_notice_approve", args=[notice.pk]),
                       {"version": 1, "next": "inbox", "confirmed": "1"})
    assert done["Location"] == reverse("console_approvals") and notice.sendable.approved_by == approver


def test_an_unapproved_notice_is_refused_without_a_confirmation(client, notice, editor):
    as_user(client, editor)
    response = send(client, notice)
    assert response.status_code == 400 and 'id="confirm-send"' not in response.content.decode()
