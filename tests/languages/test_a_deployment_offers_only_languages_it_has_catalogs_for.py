"""The offered languages are configurable (FORYOU_RESIDENT_LANGUAGES), in the switcher's order; a code
without a catalog, or a list without Japanese (everyone's fallback), stops start-up with one line."""

from foryou.shared import languages
from tests.test_settings_stop_start_up_with_one_line import assert_one_line_error, run_foryou


def test_a_shorter_list_is_what_residents_are_offered(settings):
    settings.RESIDENT_LANGUAGES = ["ja", "en", "ja-easy"]
    assert languages.offered() == [("ja", "日本語"), ("en", "English"), ("ja-easy", "やさしい日本語")]
    assert languages.or_japanese("ko") == "ja"


def test_an_unknown_code_stops_start_up_with_one_line(tmp_path):
    env = {"FORYOU_DATA_DIR": str(tmp_path), "FORYOU_RESIDENT_LANGUAGES": "ja,en,fr"}
    assert_one_line_error(run_foryou(["check"], env), "FORYOU_RESIDENT_LANGUAGES names fr", "ja-easy")


def test_a_list_without_japanese_stops_start_up_with_one_line(tmp_path):
    env = {"FORYOU_DATA_DIR": str(tmp_path), "FORYOU_RESIDENT_LANGUAGES": "en,vi"}
    assert_one_line_error(run_foryou(["check"], env), "must include ja")
