"""The send estimate and the send confirmation are counts shown before a send: below
settings.SMALL_COUNT they read 「10人未満」, and the estimate is audited as the editor's counts are.

The attack it stops: approving a notice for a program whose conditions were narrowed to a few people,
then reading the exact figure off the send page."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from foryou.audit.models import AuditEvent
from foryou.console.suppression import fewer_than
from foryou.notices.models import SendOrder
from foryou.programs.services import COUNTS_VIEWED
from tests.console_notices.conftest import as_user
from tests.delivery.conftest import registrant
from tests.residents.exports import HANAKO, TARO, UME

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_estimate_reads_fewer_than_ten_and_is_audited(client, city, approved, editor):
    for resident in (TARO, HANAKO, UME):
        registrant(email=f"{resident}@example.jp", resident_id=resident)
    as_user(client, editor)
    html = client.get(reverse("console_notice_estimate", args=[approved.pk])).content.decode()
    # Before: data-count="2" and 「2人が条件に該当」.
    assert 'id="estimate-recipients" data-count="few"' in html and 'data-count="2"' not in html
    with translation.override("ja"):
        assert fewer_than() in html
    [event] = AuditEvent.objects.filter(action=COUNTS_VIEWED)
    assert event.actor == editor and event.target == "program:parents" and event.detail["page"] == "estimate"


def test_the_send_confirmation_reads_fewer_than_ten(client, city, approved, editor):
    for resident in (TARO, HANAKO):
        registrant(email=f"{resident}@example.jp", resident_id=resident)
    as_user(client, editor)
    page = client.post(reverse("console_notice_send", args=[approved.pk]),
                       {"when": "now", "audience": "program"}).content.decode()
    assert not SendOrder.objects.exists()
    with translation.override("ja"):
        expected = gettext("This sends the notice to %(n)s. Are you sure?") % {"n": fewer_than()}
        before = gettext("This sends the notice to %(n)s people. Are you sure?") % {"n": "2"}
    assert expected in page and before not in page
