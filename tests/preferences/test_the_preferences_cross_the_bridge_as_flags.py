"""What a registrant chooses crosses to the console as registration.preferences — a registration
number, codes and a date, never anything personal — and the console keeps it on the registration; a
change that arrives after a newer one (out of order) does not undo it; unknown codes from a newer
gateway are dropped."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from foryou.enrollment.models import Registration
from foryou.gateway import preferences
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.shared.bridge import messages
from tests.delivery.conftest import registrant, sync

pytestmark = pytest.mark.django_db(databases=["default", "gateway"])


def test_a_change_on_the_settings_page_reaches_the_registration(transport, data_dir):
    registration = registrant(line_user_id="U" + "a" * 32, email="both@example.jp")
    subscriber = Subscriber.objects.by_number(registration.number).get()
    until = timezone.localdate() + timedelta(days=30)
    assert preferences.save(subscriber, preferences.Choices("pt-br", ("vaccinations", "city_news"), "both", until))
    [event] = OutboundEvent.objects.filter(kind=messages.REGISTRATION_PREFERENCES)
    assert set(event.body) == {"number", "language", "topics_off", "channel", "quiet_until", "at"}
    assert "both@example.jp" not in json.dumps(event.body) and "U" + "a" * 32 not in json.dumps(event.body)
    sync(transport)
    registration.refresh_from_db()
    assert (registration.language, registration.topics_off, registration.channel_choice, registration.quiet_until) == (
        "pt-br", ["vaccinations", "city_news"], "both", until)
    assert not preferences.save(subscriber, preferences.current(subscriber))  # nothing changed: nothing sent
    assert OutboundEvent.objects.count() == 0


def test_an_older_change_arriving_late_does_not_undo_a_newer_one(transport, data_dir):
    registration = registrant(email="late@example.jp")
    newer = messages.RegistrationPreferencesBody(number=registration.number, language="ko", topics_off=("children",),
                                                 at="2026-12-07T10:00:00+09:00")
    older = messages.RegistrationPreferencesBody(number=registration.number, language="vi", at="2026-12-07T09:00:00+09:00")
    for body in (newer, older):
        OutboundEvent.objects.create(kind=body.KIND, body=body.to_dict())
    sync(transport)
    registration.refresh_from_db()
    assert (registration.language, registration.topics_off) == ("ko", ["children"])


def test_codes_this_console_does_not_know_are_dropped(transport, data_dir):
    registration = registrant(email="new@example.jp")
    OutboundEvent.objects.create(kind=messages.REGISTRATION_PREFERENCES, body={
        "number": registration.number, "language": "fr", "topics_off": ["vaccinations", "pets"], "channel": "fax",
        "quiet_until": "2027-01-31", "at": "2026-12-07T10:00:00+09:00", "later": True})
    sync(transport)
    registration.refresh_from_db()
    assert (registration.language, registration.topics_off, registration.channel_choice) == ("ja", ["vaccinations"], "")
    assert registration.quiet_until == date(2027, 1, 31)
    assert Registration.objects.get(pk=registration.pk).preferences_at is not None
