"""A send in several languages is one send in the figures staff read — the dashboard, `foryou stats` and the
mayor's report — though each language version went out as an order of its own; its recipients and reach
add up over the orders."""

from datetime import timedelta

import pytest

from foryou.console.reports import Period, program_rows
from foryou.enrollment.models import Registration
from foryou.notices import sending
from foryou.notices.models import SendOrder
from foryou.notices.stats import sends_by_month, service_stats
from tests.delivery.conftest import registrant
from tests.notice_languages.conftest import ENGLISH, notice_in
from tests.residents.exports import HANAKO, TARO

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_the_orders_of_one_start_are_one_send(city, editor, approver):
    for resident, language in ((TARO, "en"), (HANAKO, "ja")):
        number = registrant(email=f"{resident}@example.jp", resident_id=resident).number
        Registration.objects.filter(number=number).update(language=language)
    notice = notice_in(editor, approver, en=ENGLISH)
    sending.start(sending.schedule(notice, by=editor))
    sending.start(sending.schedule(notice, by=editor))  # sent again: a second send (of two orders again)
    assert SendOrder.objects.filter(notice=notice).count() == 4

    figures = service_stats()
    assert figures["sends"] == 2 and figures["recipients"] == 4 and figures["notices_sent"] == 1
    today = sending.today_in_tokyo()
    assert sum(row["sends"] for row in sends_by_month(today - timedelta(days=31), today)) == 2
    [row], total, months = program_rows(Period(today - timedelta(days=1), today), None)
    assert (row.sends, row.recipients, total.sends, sum(months.values())) == (2, 4, 2, 2)
