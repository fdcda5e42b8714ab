import re

import pytest
from django.utils import translation

from foryou.accounts.testing import login, make_staff
from foryou.console import retention
from foryou.shared.forms import statuses
from tests.casework.aged import plain

pytestmark = pytest.mark.django_db


def in_japanese(message: str) -> str:
    with translation.override("ja"):
        return translation.gettext(message)


def test_administrators_see_the_period_and_how_many_applications_the_last_purge_blanked(client, settings):
    settings.RETAIN_PROGRAM_APPLICATIONS_DAYS = 730
    for n in range(3):
        plain(n, statuses.GRANTED, decided_days_ago=800)
    retention.purge()
    login(client, make_staff("kanri", "admin"))

    text = client.get("/retention/").content.decode()

    period = in_japanese("Program applications' answers and documents, after 決定 or 却下").replace("'", "&#x27;")
    assert re.search(re.escape(period) + r'</td><td class="num">730<', text), text
    for label in ("Decided program applications: answers and notes blanked",
                  "Documents of decided program applications deleted"):
        assert re.search(re.escape(in_japanese(label)) + r'</td><td class="num">3<', text)
