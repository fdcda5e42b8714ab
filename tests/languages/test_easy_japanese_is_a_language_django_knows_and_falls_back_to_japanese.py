"""やさしい日本語 has the code ja-easy: Django finds its catalog under locale/ja_Easy, names it from our
LANG_INFO entry (not as plain Japanese), and serves the Japanese catalog for any string it lacks."""

from django.utils import translation
from django.utils.translation import gettext, to_locale

from foryou.shared import languages


def test_the_code_maps_to_the_locale_directory_ja_easy():
    assert to_locale("ja-easy") == "ja_Easy"


def test_django_names_it_in_its_own_words():
    info = translation.get_language_info("ja-easy")
    assert info["name_local"] == "やさしい日本語" and info["code"] == "ja-easy" and not info["bidi"]


def test_a_resident_string_is_easy_japanese_and_a_string_it_lacks_is_japanese():
    with translation.override("ja"):
        japanese_register, japanese_console = gettext("Registration complete"), gettext("Dashboard")
    with translation.override("ja-easy"):
        assert gettext("Registration complete") == "登録が 終わりました" != japanese_register
        assert gettext("Dashboard") == japanese_console == "ダッシュボード"


def test_every_offered_language_is_in_djangos_languages(settings):
    assert [code for code, _name in settings.LANGUAGES] == list(languages.DEFAULT_CODES)
    assert dict(settings.LANGUAGES)["ja-easy"] == "やさしい日本語"
