"""Sending a program's notice: the send page shows how many meet the conditions and how many registrants
get it, and the send reaches exactly those registrants (here the two parents, not the 91-year-old)."""

import re

import pytest
from django.urls import reverse

from foryou.notices import sending
from foryou.notices.models import SendOrder
from tests.console_notices.conftest import as_user
from tests.delivery.conftest import dispatch, line_user, registrant, sync
from tests.residents.exports import HANAKO, TARO, UME

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_a_program_send_reaches_its_target_persons(client, delivery_settings, line, city, approved, editor, transport,
                                                  settings):
    settings.SMALL_COUNT = 1  # figures down to 1 in this small city (suppression: test_the_send_estimate_…)
    users = {}
    for n, resident in enumerate([TARO, HANAKO, UME], start=1):
        users[resident] = line_user(n)
        line.create_user("住民", user_id=users[resident])
        registrant(line_user_id=users[resident], resident_id=resident)
    as_user(client, editor)

    page = client.get(reverse("console_notice_send", args=[approved.pk])).content.decode()
    assert reverse("console_notice_estimate", args=[approved.pk]) in page
    estimate = client.get(reverse("console_notice_estimate", args=[approved.pk]) + "?audience=program").content.decode()
    assert 'data-count="2"' in estimate
    # The audience is the approved one: asking for everyone counts the program's people still.
    everyone = client.get(reverse("console_notice_estimate", args=[approved.pk]) + "?audience=broadcast").content.decode()
    assert 'data-count="3"' not in everyone

    client.post(reverse("console_notice_send", args=[approved.pk]), {"when": "now", "audience": "program", "tracked": "on", "confirmed": "1"})
    order = SendOrder.objects.get()
    assert (order.kind, order.tracked) == (SendOrder.Kind.NOW, True)
    sending.start_due()
    order.refresh_from_db()
    assert (order.targeted, order.recipients) == (2, 2)
    sync(transport)
    dispatch()
    sync(transport)
    assert [len(line.messages(users[r])) for r in (TARO, HANAKO, UME)] == [1, 1, 0]
    html = client.get(reverse("console_send", args=[order.pk])).content.decode()
    assert 'aria-valuenow="100"' in html and re.search(r"Link clicks|リンク", html)
