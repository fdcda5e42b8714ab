"""A resident who registers in the chat gets the language their LINE app reports (Get profile's
`language`, read with the official SDK from the local LINE platform as from LINE), mapped to the nearest
language the city offers: the registration keeps it, the console is told, and the reply is in it."""

import pytest
from django.utils import translation

from foryou.gateway import services
from foryou.gateway.line import profiles
from foryou.gateway.models import OutboundEvent, Subscriber
from foryou.shared import languages
from tests.line.conftest import issued, said, text_of

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


def in_language(code: str, msgid_key: str) -> str:
    with translation.override(code):
        return str(services.MESSAGES[msgid_key])


@pytest.mark.parametrize(("tag", "code"), [("en", "en"), ("en-US", "en"), ("zh-Hans", "zh-hans"), ("zh-CN", "zh-hans"),
                                           ("ko-KR", "ko"), ("vi", "vi"), ("pt-BR", "pt-br"), ("pt", "pt-br")])
def test_profile_tags_map_onto_the_offered_languages(tag, code):
    assert languages.from_line_profile(tag) == code


def test_registering_in_the_chat_keeps_the_profile_language_and_answers_in_it(on_emulator):
    line, subscriber = on_emulator, issued()
    user = line.create_user(language="vi")
    assert profiles.profile_language(user.user_id) == "vi"  # Get profile, through the SDK
    line.say(user.user_id, subscriber.number)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.language == "vi"
    activated, _consent = said(line, user.user_id)
    assert text_of(activated) == in_language("vi", "activated") != in_language("ja", "activated")
    [event] = OutboundEvent.objects.filter(kind="registration.preferences")
    assert event.body["number"] == subscriber.number and event.body["language"] == "vi"


def test_a_new_friend_is_greeted_in_the_profile_language(on_emulator):
    line = on_emulator
    user = line.create_user(language="ko")
    line.follow(user.user_id)
    greeting = text_of(said(line, user.user_id)[0])
    assert greeting.startswith("%s을(를) 친구로 추가해 주셔서 감사합니다" % languages.service_name("ko"))
