"""The console's home page shows how many active registrants turned each topic off and read each
language — counts of people, so any under the small-cell threshold (10) shows as 「10人未満」."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from foryou.accounts.testing import login, make_staff
from foryou.enrollment.models import Registration
from foryou.enrollment.preferences import language_counts, topic_counts
from foryou.shared.numbers import new_number

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def registrations(n: int, **fields) -> None:
    now = timezone.now()
    Registration.objects.bulk_create([
        Registration(number=new_number(), resident_id=f"{i:010d}", status=Registration.Status.ACTIVE,
                     expires_at=now + timedelta(days=90), activated_at=now, channel="line", **fields)
        for i in range(n)])


def test_counts_of_ten_and_more_are_shown_and_fewer_are_hidden(client, data_dir):
    registrations(12, topics_off=["vaccinations"], language="en")
    registrations(3, topics_off=["vaccinations", "children"], language="vi")
    registrations(20)
    with translation.override("en"):
        topics = {label: str(shown) for label, shown in topic_counts()}
        languages = {name: str(shown) for name, shown in language_counts()}
    assert topics["Vaccinations"] == "15" and topics["Raising children"] == "fewer than 10 people"
    assert topics["Reduced fees"] == "0"
    # English (12) is hidden too: with the total shown elsewhere it would give Tiếng Việt's 3 away.
    assert languages["English"] == "hidden" and languages["Tiếng Việt"] == "fewer than 10 people"
    assert languages["日本語"] == "20"

    login(client, make_staff("tanaka", "editor", "健康支援課"))
    page = client.get(reverse("home")).content.decode()
    section = page[page.index('id="registrant-choices"'):]
    assert "予防接種" in section and ">15<" in section and "10人未満" in section and "非表示" in section


def test_a_single_small_language_is_not_given_away_by_the_total(data_dir):
    registrations(30)
    registrations(12, language="en")
    registrations(2, language="ko")
    with translation.override("en"):
        languages = {name: str(shown) for name, shown in language_counts()}
    # 44 active registrants are shown elsewhere: 44 − 30 − 12 would give 한국어's 2 away.
    assert languages["한국어"] == "fewer than 10 people" and languages["English"] == "hidden"
    assert languages["日本語"] == "30"
