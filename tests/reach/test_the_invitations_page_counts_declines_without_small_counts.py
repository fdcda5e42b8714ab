"""The invitations page counts the residents who declined, and apart those who did so on the resident page
the postcard points to; a count under the small-count threshold is never shown, nor one the total would
give away."""

import re

import pytest
from django.utils import translation

from foryou.accounts.testing import login
from foryou.enrollment.models import InvitationDecline

pytestmark = pytest.mark.django_db


def declined_line(client) -> str:
    page = client.get("/invitations/").content.decode()
    return re.sub(r"\s+", " ", re.search(r'<p id="declined">(.*?)</p>', page, re.S).group(1))


def decline(count: int, *, by_resident: bool, start: int) -> None:
    InvitationDecline.objects.bulk_create([InvitationDecline(resident_id=f"{start + i:010d}", by_resident=by_resident)
                                           for i in range(count)])


def test_large_counts_are_shown(client, kenko):
    decline(12, by_resident=True, start=0)
    decline(15, by_resident=False, start=100)
    login(client, kenko[0])
    with translation.override("en"):
        line = declined_line(client)
    assert "27" in line and "12" in line


def test_a_small_part_is_not_shown_and_neither_is_the_part_that_would_give_it_away(client, kenko):
    decline(12, by_resident=True, start=0)
    decline(3, by_resident=False, start=100)  # staff-recorded: 3, small
    login(client, kenko[0])
    line = declined_line(client)
    assert "15" in line and "12" not in line and "3" not in line.replace("15", "")
