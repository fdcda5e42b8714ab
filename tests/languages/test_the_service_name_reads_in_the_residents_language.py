"""The service's name in the resident's language: FORYOU_SERVICE_NAMES names it for readers of other
languages (else やさしい日本語, else the Japanese FORYOU_SERVICE_NAME) — in the LINE greeting, the emails'
subjects, a broadcast's header and the resident pages; a bad setting stops start-up with one line."""

import pytest
from django.utils import translation

from foryou.gateway.line import replies
from foryou.notices import translations
from foryou.shared.languages import parse_service_names, service_name
from tests.line.conftest import line_settings  # noqa: F401
from tests.test_settings_stop_start_up_with_one_line import assert_one_line_error, run_foryou

NAMES = {"en": "For You Chiba", "ja-easy": "あなたの せいど おしらせ"}


@pytest.fixture
def named(settings):
    settings.SERVICE_NAME = "あなたが使える制度お知らせサービス"
    settings.SERVICE_NAMES = NAMES


def test_each_reader_gets_their_own_name_else_easy_japanese_else_japanese(named):
    assert service_name("en") == "For You Chiba"
    assert service_name("vi") == "あなたの せいど おしらせ"
    assert service_name("ja") == "あなたが使える制度お知らせサービス"


def test_without_names_for_other_languages_everyone_reads_the_japanese_name(settings):
    settings.SERVICE_NAMES = {}
    assert service_name("en") == settings.SERVICE_NAME


def test_the_line_greeting_and_a_broadcasts_header_use_the_readers_name(named, line_settings):
    with translation.override("en"):
        greeting = replies.greeting()
    assert "For You Chiba" in str(greeting) and "あなたが使える制度" not in str(greeting)
    assert translations.program_name(None, "en") == "For You Chiba"
    assert translations.program_name(None, "ja") == "あなたが使える制度お知らせサービス"


def test_the_setting_is_read_as_code_equals_name_pairs():
    assert parse_service_names("en=For You; ja-easy=おしらせ ;") == ({"en": "For You", "ja-easy": "おしらせ"}, None)
    assert "not code=name" in parse_service_names("For You")[1]
    assert "'fr'" in parse_service_names("fr=Pour vous")[1]


def test_an_unknown_language_in_the_setting_stops_start_up_with_one_line(tmp_path):
    result = run_foryou(["check"], {"FORYOU_DATA_DIR": str(tmp_path), "FORYOU_SERVICE_NAMES": "fr=Pour vous"})
    assert_one_line_error(result, "FORYOU_SERVICE_NAMES", "'fr'", "en")
