"""The settings page, opened from the signed link in any email: it shows the registrant's current choices
in their language, saves a new language (the page answers in it at once), the topics to receive, the
channel (offered only to someone reachable both ways) and a break until a date; a wrong date is
explained and saves nothing; a forged or altered link opens nothing."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from foryou.gateway import settings_links
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.shared.numbers import new_number
from foryou.shared.preferences import QUIET_MAX_DAYS
from tests.preferences.conftest import post_with_csrf

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])
EVERY_TOPIC = ["checkups", "vaccinations", "children", "allowances", "fee_reductions", "city_news"]


def subscriber(**fields) -> Subscriber:
    now = timezone.now()
    return Subscriber.objects.create(number=new_number(), expires_at=now + timedelta(days=90), activated_at=now,
                                     status=Subscriber.Status.ACTIVE, email="hanako@example.jp",
                                     email_confirmed_at=now, **fields)


def choices(**changes) -> dict:
    return {"language": "ja", "topics": EVERY_TOPIC, "quiet": "none", "quiet_until": ""} | changes


def test_switching_to_english_and_turning_vaccinations_off(data_dir):
    registrant = subscriber()
    path = settings_links.path_for(registrant)
    page = Client().get(path).content.decode()
    assert "受け取る分野" in page
    assert re.findall(r'name="topics" value="(\w+)"[^>]*checked', page) == EVERY_TOPIC  # every topic, at first
    assert 'name="channel"' not in page  # email only: no channel to choose
    topics = [t for t in EVERY_TOPIC if t != "vaccinations"]
    response = post_with_csrf(path, choices(language="en", topics=topics))
    html = response.content.decode()
    assert "Your settings are saved" in html and '<html lang="en">' in html
    registrant.refresh_from_db()
    assert (registrant.language, registrant.topics_off) == ("en", ["vaccinations"])
    [event] = OutboundEvent.objects.filter(kind="registration.preferences")
    assert event.body["topics_off"] == ["vaccinations"] and event.body["language"] == "en"
    again = Client().get(path).content.decode()
    assert "Topics to receive" in again  # next time, in English, with vaccinations unchecked
    assert re.findall(r'name="topics" value="(\w+)"[^>]*checked', again) == topics


def test_a_break_until_a_date_and_a_channel_for_someone_with_both(data_dir):
    registrant = subscriber(line_user_id="U" + "b" * 32)
    path = settings_links.path_for(registrant)
    assert 'name="channel"' in Client().get(path).content.decode()
    until = timezone.localdate() + timedelta(days=14)
    post_with_csrf(path, choices(channel="both", quiet="until", quiet_until=until.isoformat()))
    registrant.refresh_from_db()
    assert (registrant.channel_choice, registrant.quiet_until) == ("both", until)


@pytest.mark.parametrize(("until", "problem"), [
    ("", "お休みの最終日を入力するか"),
    ("past", "過去の日付は選べません"),
    ("too_far", f"お休みは最長{QUIET_MAX_DAYS}日です"),
])
def test_a_wrong_break_date_is_explained_and_nothing_is_saved(data_dir, until, problem):
    registrant = subscriber()
    today = timezone.localdate()
    given = {"": "", "past": (today - timedelta(days=1)).isoformat(),
             "too_far": (today + timedelta(days=QUIET_MAX_DAYS + 1)).isoformat()}[until]
    html = post_with_csrf(settings_links.path_for(registrant), choices(quiet="until", quiet_until=given)).content.decode()
    assert problem in html and 'aria-invalid="true"' in html
    registrant.refresh_from_db()
    assert registrant.quiet_until is None and not OutboundEvent.objects.exists()


def test_a_forged_altered_or_foreign_link_opens_nothing(data_dir):
    registrant = subscriber()
    token = settings_links.token_for(registrant)
    for path in (f"/settings/{token[:-2]}xx/", "/settings/not-a-token/"):
        assert Client().get(path).status_code == 400
    Subscriber.objects.filter(pk=registrant.pk).update(email="someone.else@example.jp")  # the address changed
    assert Client().get(f"/settings/{token}/").status_code == 400
