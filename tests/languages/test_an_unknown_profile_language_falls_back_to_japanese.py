"""A LINE profile in a language the city does not offer (Thai, traditional Chinese, Arabic — right to left
is out of scope but must break nothing), or one without a language (LINE leaves it out until the user has
agreed to its privacy policy), gives Japanese; the resident can choose another with 言語."""

import pytest
from django.utils import translation

from foryou.gateway import services
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.shared import languages
from tests.line.conftest import issued, said, text_of

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


@pytest.mark.parametrize("tag", ["th", "zh-Hant", "zh-TW", "ar", "he-IL", "", None, "x", "ja-JP", "123", "EN_us"])
def test_tags_outside_the_offered_languages_give_japanese_or_the_nearest(tag):
    expected = "en" if tag == "EN_us" else "ja"
    assert languages.from_line_profile(tag) == expected


def test_a_language_the_city_does_not_offer_gives_japanese(on_emulator, settings):
    settings.RESIDENT_LANGUAGES = ["ja", "ja-easy", "en"]  # a city that offers three
    line, subscriber = on_emulator, issued()
    user = line.create_user(language="vi")
    line.say(user.user_id, subscriber.number)
    subscriber.refresh_from_db()
    assert subscriber.language == "ja"
    with translation.override("ja"):
        assert text_of(said(line, user.user_id)[0]) == str(services.MESSAGES["activated"])
    assert not OutboundEvent.objects.filter(kind="registration.preferences").exists()  # Japanese is assumed


@pytest.mark.parametrize("language", [None, "ar"])
def test_a_profile_without_a_usable_language_gives_japanese(on_emulator, language):
    line, subscriber = on_emulator, issued()
    user = line.create_user(language=language)
    assert ("language" in line.emulator.profile(user.user_id)) is bool(language)  # as LINE answers
    line.say(user.user_id, subscriber.number)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.language == "ja"
