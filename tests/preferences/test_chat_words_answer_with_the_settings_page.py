"""「設定」「言語」「language」 in the chat (or the rich menu's 設定 and 言語 Language): a registrant gets a
button to the settings page — and for 言語 a button per language — in their own language; someone not
registered yet is told to register first."""

import pytest

from foryou.gateway.models import Subscriber
from tests.line.conftest import SETTINGS_URL, active, links_of, said, text_of

pytestmark = [pytest.mark.django_db(databases=["default", "gateway"], transaction=True),
              pytest.mark.urls("tests.line.urls")]


@pytest.mark.parametrize("word", ["設定", "せってい", "Settings", "配信設定"])
def test_settings_answers_with_a_button_to_the_settings_page(on_emulator, word):
    line = on_emulator
    user = line.create_user()
    active(user.user_id)
    line.say(user.user_id, word)
    [answer] = said(line, user.user_id)
    assert links_of(answer) == [SETTINGS_URL] and "設定ページ" in text_of(answer)


@pytest.mark.parametrize("word", ["言語", "language", "Language", "言語 Language", "English", "中文", "idioma"])
def test_language_answers_with_a_button_per_language(on_emulator, word):
    line = on_emulator
    user = line.create_user()
    active(user.user_id)
    line.say(user.user_id, word)
    [answer] = said(line, user.user_id)
    assert len(answer["quickReply"]["items"]) == 7 and links_of(answer) == [SETTINGS_URL]


def test_the_answer_is_in_the_registrants_language(on_emulator):
    line = on_emulator
    user = line.create_user()
    subscriber = active(user.user_id)
    Subscriber.objects.filter(pk=subscriber.pk).update(language="ko")
    line.say(user.user_id, "설정")  # the Korean label of 設定 is understood too
    [answer] = said(line, user.user_id)
    assert text_of(answer).startswith("설정 페이지에서") and links_of(answer) == [SETTINGS_URL]


def test_someone_not_registered_is_told_to_register_first(on_emulator):
    line = on_emulator
    user = line.create_user()
    line.say(user.user_id, "設定")
    assert text_of(said(line, user.user_id)[0]).startswith("先に登録してください")
